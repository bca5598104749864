-- 从业人员信息: the per-unit rollup of staff_facts (migration 0009), kept by the same pipeline as
-- house_estate_totals, parking_estate_totals and learning_estate_totals (the drain recomputes the
-- units a batch touched, the rebuild fills it from the staging facts, the reconciliation compares it
-- with a fresh computation — etl/src/sources/staff.ts `staffEstateTotals`). The cube reads it alone:
-- one row per estate (≈ 5,600 at city scale) and one per community with company practitioners,
-- instead of summing ≈ 300,000 practitioner, certificate and estate rows per request.
--
-- A unit is an estate (unit_key = estate_id) or a community's company practitioners (物业服务企业从业人员:
-- estate_id 0, unit_key = 10^10 + community_id). Its place and names are those of its live fact rows
-- (the facts carry the place; a moved estate re-publishes its records and so its unit). live_rows is
-- the unit's live fact rows: 0 for a unit that has none left (a deleted estate, a community whose
-- company staff left) — the drain writes such a zero row instead of deleting, and the cube skips it.
-- estate_rows: 1 for an estate unit whose estate row is live; confirmed_day its last confirmation
-- (days since 1970-01-01, 0 = never); staff: live practitioners, then by group and by post, and
-- those holding a certificate (no column is named like a cube metric: an alias would shadow it). certificate_days: the last valid day of each live certificate that
-- expires (sorted), so the cube counts the expired ones as of its `asOf` without reading certificates.
CREATE TABLE IF NOT EXISTS staff_estate_totals
(
    estate_id UInt32,
    unit_key UInt64,
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_name String,
    live_rows Int64,
    estate_rows Int64,
    confirmed_day Int64,
    staff Int64,
    estate_group_staff Int64,
    company_group_staff Int64,
    manager_posts Int64,
    service_posts Int64,
    security_posts Int64,
    cleaning_posts Int64,
    certificate_holders Int64,
    certificate_days Array(UInt32),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, unit_key)
