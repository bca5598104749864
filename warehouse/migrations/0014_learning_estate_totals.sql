-- 宣传培训: the per-estate rollup of learning_record_facts (migration 0012), kept by the same pipeline
-- (the drain recomputes the estates a batch touched, the rebuild fills it from the staging facts, the
-- reconciliation compares it with a fresh computation) — as house_estate_totals and
-- parking_estate_totals are. The city drill-down then joins one row per estate (≈ 5,600) instead of
-- summing ≈ 3,000,000 learning records per request (docs/training.md has the numbers).
--
-- staff_* = every learning record of the estate's practitioners (项目从业人员), lead_* = those of its
-- 项目负责人; *_minutes = learned minutes (学时 = minutes / 60). Keyed by estate only: the cube takes the
-- place from estate_profile_facts, so a moved estate's records count where it is now.
CREATE TABLE IF NOT EXISTS learning_estate_totals
(
    estate_id UInt32,
    staff_enrolled Int64,
    staff_completed Int64,
    staff_minutes Int64,
    lead_enrolled Int64,
    lead_completed Int64,
    lead_minutes Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id
