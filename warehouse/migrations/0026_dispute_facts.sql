-- 纠纷化解台账 (module 22) at the grain of the record (backend migration 0037, docs/disputes.md): one row
-- per dispute — its type, state, 受理日期 and, once 已办结, the Shenzhen day it was closed (closed_on,
-- NULL while open: ClickHouse 18.16 would print a 1970-01-01 sentinel as 0000-00-00). The disputes cube (纠纷化解统计) and the parking cube (住宅小区车位纠纷类型, the
-- `parking_*` types) start from the estate dimension (estate_profile_facts, the place) and group these
-- per estate.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id); every
-- step of the dispute process writes one `dispute` event in its transaction.
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one dispute,
-- replaced by the next event about it (replays are harmless). No place columns: a moved estate's place
-- comes from estate_profile_facts, so a move re-publishes nothing.
CREATE TABLE IF NOT EXISTS dispute_facts
(
    estate_id UInt32,
    dispute_id UInt32,
    dispute_type String,
    state String,
    reported_on Date,
    closed_on Nullable(Date),
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, dispute_id)
