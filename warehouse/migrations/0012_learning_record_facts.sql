-- 宣传培训 (module 11)'s learning statistics at the grain of the record: one row per learning record —
-- a course × an estate practitioner (PostgreSQL `learning_records`, module 9's `practitioners` with
-- staff_group 'estate'): ≈ 3,000,000 rows at city scale.
--
-- is_lead = the learner is the estate's 项目负责人 (practitioners.is_lead); progress 0–100;
-- is_completed = 1 once progress reached 100; learned_minutes = the course's minutes × progress (the
-- 学时 figures are sum(learned_minutes) / 60); enrolled_on = the enrolment day (Asia/Shanghai). The
-- estate's place and names are carried on the row, as notice_receipt_facts does.
--
-- Engine: CollapsingMergeTree(sign), as notice_receipt_facts (migration 0008): a record changes with
-- every progress step, the drain writes a cancel row (an exact copy of the live row, sign = -1) and the
-- new row in one insert, so every figure is an exact sum over sign without FINAL, and a replayed batch
-- cancels and re-adds the same rows.
--
-- Sorting key: the region columns lead, then estate, course and record, so every drill-down step
-- reads only its granules; a learner moved to another estate is a cancel under the old place and a
-- row under the new.
CREATE TABLE IF NOT EXISTS learning_record_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    course_id UInt32,
    record_id UInt64,
    practitioner_id UInt32,
    is_lead UInt8,
    enrolled_on Date,
    progress UInt8,
    is_completed UInt8,
    learned_minutes UInt32,
    changed_at DateTime,
    version UInt64,
    sign Int8
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (district_id, street_id, community_id, estate_id, course_id, record_id)
