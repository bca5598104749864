-- 信用信息 (module 7) at the grain of the record (backend migration 0024, docs/credit.md): one row per
-- credit record — the subject (id and kind), 良好 / 不良 (polarity), category, severity (不良 only, ''
-- for 良好), the date it was decided and the last day it counts (valid_until, inclusive; stored by the
-- backend from config/credit.ts). The credit cube starts from the estate dimension (estate_profile_facts,
-- the place) and joins these per estate, judging 有效 / 已过期 as of its `asOf` at read time.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one record,
-- replaced by the next event about it (replays are harmless). The key leads with estate_id (the cube's
-- unit) and ends with the record's identity. No place columns: a moved estate's place comes from
-- estate_profile_facts, so a move re-publishes nothing.
CREATE TABLE IF NOT EXISTS credit_record_facts
(
    estate_id UInt32,
    record_id UInt32,
    subject_id UInt32,
    subject_kind String,
    polarity String,
    category String,
    severity String,
    decided_on Date,
    valid_until Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, record_id)
