-- 安全检查 (module 15) at the grain of the record (backend migration 0038, docs/inspections.md): one row
-- per task × target estate — the task, its deadline, the target's state (pending / submitted /
-- rectifying / rectified), the checklist's item count, the problems found and those rectified. The
-- inspections cube starts from the estate dimension (estate_profile_facts, the place) and joins these
-- per estate; 逾期未填报 is judged against its `asOf` at read time.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one target,
-- replaced by the next event about it (replays are harmless). No place columns: a moved estate's
-- place comes from estate_profile_facts, so a move re-publishes nothing.
CREATE TABLE IF NOT EXISTS inspection_target_facts
(
    estate_id UInt32,
    target_id UInt32,
    task_id UInt32,
    state String,
    deadline Date,
    items UInt16,
    problems UInt16,
    rectified_problems UInt16,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, target_id)
