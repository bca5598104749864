-- 通知发布 (module 19)'s read statistics at the grain of the record: one row per receipt — a notice ×
-- an estate it went to × a recipient of that estate (PostgreSQL `notice_receipts`): ≥ 1,000,000 rows at
-- city scale after a year of notices. A project manager of three chosen estates reads one message and
-- has three receipts, one per estate, so every estate's figure counts its own recipients.
--
-- is_read = 1 once the recipient read the notice; read_at = when (unix seconds; 0 = unread — a plain
-- UInt32 keeps the reconciliation's comparison numeric and the rebuild's COPY free of NULLs).
-- published_on = the notice's publishing day (Asia/Shanghai), for date ranges. The estate's place and
-- names are carried on the row, as house_facts does: the cube groups and filters by them directly.
--
-- Engine: CollapsingMergeTree(sign), as house_facts (migration 0006). A receipt changes once (it is
-- read) and moves with its estate (an estate moved to another community re-publishes its receipts).
-- The drain writes, for each new state, a cancel row (an exact copy of the live row read from this
-- table, sign = -1) and the new row (sign = 1) in one insert, so every figure is an exact sum over
-- sign with no FINAL (FINAL over a million rows costs a merge at query time on 18.16), and a replayed
-- batch cancels and re-adds the same rows.
--
-- Sorting key: the region columns lead, then estate, notice and receipt, so a district, street,
-- community or estate filter (every drill-down step, every per-notice step below the city) reads only
-- its granules; a move is a cancel under the old place and a row under the new.
CREATE TABLE IF NOT EXISTS notice_receipt_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    notice_id UInt32,
    receipt_id UInt64,
    user_id UInt32,
    relation String,
    published_on Date,
    is_read UInt8,
    read_at UInt32,
    changed_at DateTime,
    version UInt64,
    sign Int8
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (district_id, street_id, community_id, estate_id, notice_id, receipt_id)
