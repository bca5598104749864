-- 物业项目风险预警 (backend migration 0053, docs/risk.md): one row per estate per day the daily risk job
-- ran — the score (0–100), the level (red / orange / yellow / green) and the points of each declared
-- signal in core's RISK_SIGNAL_KEYS order (contract_filing, assembly_filing, common_fund_overdue,
-- open_disputes, evaluation_score, credit_grade, staff_stale, inspections_unrectified).
--
-- version = PostgreSQL outbox_events.id that produced the row. Engine: ReplacingMergeTree(version), read
-- with FINAL — a re-run of a day replaces that day's row (replays are harmless). No place columns: the
-- risk cube starts from estate_profile_facts (the place) and joins each estate's latest day.
CREATE TABLE IF NOT EXISTS estate_risk_daily
(
    estate_id UInt32,
    score_id UInt32,
    day Date,
    score Float64,
    level String,
    points Array(Float64),
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, day)
