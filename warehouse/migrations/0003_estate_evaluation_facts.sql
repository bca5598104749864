-- 街道社区评价 (module 13): one logical row per estate × year × half (the highest `version` wins).
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Read with FINAL.
--
-- state: pending | submitted | reviewed | auto_scored, as stored in PostgreSQL (the close job may
--   not have run yet: the cube derives the effective state/score from closes_on and an "as of" date).
-- was_submitted: 1 when community staff submitted scores at some point (已评价). Not named
--   `submitted`: ClickHouse aliases are global, and the cube's `submitted` metric alias would
--   shadow such a column inside the other metrics.
-- final_score: the score that took effect (reviewed score, or 100 when auto-scored); 0 when none.
-- closes_on: the last day of the half's window (Asia/Shanghai calendar date).
CREATE TABLE IF NOT EXISTS estate_evaluation_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    year UInt16,
    half UInt8,
    state String,
    was_submitted UInt8,
    final_score Float64,
    closes_on Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (district_id, street_id, community_id, estate_id, year, half);
