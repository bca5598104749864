-- 平安建设 (module 12) at the grain of the record: one row per assessment — community × the year's
-- assessment item (backend migration 0025 `safety_assessments`), docs/safety.md.
--
-- The unit is the community, not an estate: the place columns stop at the community and `estate_id`
-- is always 0 (the ETL's fact key and reconciliation lead with estate_id; nothing here belongs to an
-- estate). A community's place is on the row (communities do not move between streets).
--
-- assessment_status: not_started | in_progress | completed, as stored. Not named `status` or
--   `completed`: ClickHouse aliases are global and the cube's metric aliases would shadow them.
-- has_score: 1 when the assessment has a score; score: that score (0 when none).
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one
-- assessment, replaced by the next event about it (replays are harmless); keyed by its identity.
CREATE TABLE IF NOT EXISTS safety_assessment_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    assessment_id UInt32,
    item_id UInt32,
    year UInt16,
    assessment_status String,
    has_score UInt8,
    score Float64,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (community_id, assessment_id);
