-- 从业人员信息 (module 9) at the grain of the record: one row per practitioner (PostgreSQL
-- `practitioners`, ≈ 150,000 at city scale), one per certificate (`practitioner_certificates`) and one
-- per estate's staff confirmation (every estate, with `estate_staff_confirmations.confirmed_at`).
-- Nothing is summed per estate: the cube counts practitioners, certificates (expired as of its `asOf`)
-- and the estates whose staff information is missing (no practitioner row of the estate) or stale.
--
-- record_kind: 0 estate, 1 practitioner, 2 certificate; record_id: the PostgreSQL id in that table;
-- record_key = record_kind * 10^10 + record_id (one key per record: the drain's collapse identity and
-- the reconciliation's page cursor). A company practitioner (物业服务企业从业人员) has estate_id 0 and
-- the place of its company's community. A certificate row repeats its practitioner's place, group and
-- post. certificate_count: a practitioner's certificates (its own attribute, for 持证人数).
-- valid_until_day (certificate: its last valid day) / confirmed_day (estate: the Asia/Shanghai day of
-- its last confirmation), as days since 1970-01-01 (toUInt32 of a Date); 0 = no expiry / never. Plain
-- numbers: no NULLs in the rebuild's COPY, and no zero-date text (18.16 prints 1970-01-01 as
-- 0000-00-00) in the reconciliation.
--
-- Engine: CollapsingMergeTree(sign), as notice_receipt_facts (migration 0008): an edit is a cancel row
-- and a new row in one insert, a deletion only a cancel, so every figure is an exact sum over sign
-- without FINAL. Region columns lead the sorting key so a drill-down step reads only its granules.
CREATE TABLE IF NOT EXISTS staff_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    record_kind UInt8,
    record_id UInt32,
    record_key UInt64,
    practitioner_id UInt32,
    staff_group String,
    post String,
    is_lead UInt8,
    certificate_count UInt16,
    valid_until_day UInt32,
    confirmed_day UInt32,
    changed_at DateTime,
    version UInt64,
    sign Int8
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (district_id, street_id, community_id, estate_id, record_key)
