-- 住宅小区车位纠纷 (车位信息, module 10) at the grain of the record: one row per dispute (PostgreSQL
-- `parking_disputes`) with its type, day and status. Current state, identity-keyed, read with FINAL
-- (a replayed event never double counts); the cube takes the estate's place from estate_profile_facts.
CREATE TABLE IF NOT EXISTS parking_dispute_facts
(
    estate_id UInt32,
    dispute_id UInt32,
    dispute_type String,
    occurred_on Date,
    status String,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, dispute_id)
