-- 备案情况 at the grain of the record: one row per filing (物业服务合同备案 / 业主大会备案), as stored in
-- PostgreSQL `filings` — the estate_filings cube decides each estate's state from them at read time
-- with PostgreSQL's rule (backend migrations 0004 and 0011): per kind, the most recent filing by
-- (filed_on, id) whose status is filed or expired decides; none → not_filed; withdrawn never counts;
-- a contract stored 'filed' reads expired from the day after expires_on, as of the query's `asOf`.
-- Estates without any filing come from the estate list (estate_profile_facts) the cube starts from.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Read with FINAL.
--
-- Engine: ReplacingMergeTree(version) — a filing is current state, not an event: it has one row here,
-- replaced by the row of the next outbox event about it (a later version wins; replays are harmless).
-- Sorting key (estate_id, filing_id): filing_id is the record's identity; estate_id leads because the
-- estate is the unit every statistic groups by (the cube aggregates per estate) and a filing never
-- changes estate. No place columns (district / street / community): an estate's place changes when it
-- is moved to another community, so they cannot be part of a replacing key, and the cube reads the
-- place from the estate dimension instead — a move or a rename re-publishes no filing.
-- document_no is not carried: no statistic reads it (the records behind a number come from PostgreSQL).
CREATE TABLE IF NOT EXISTS filing_facts
(
    estate_id UInt32,
    filing_id UInt32,
    kind String,
    status String,
    filed_on Date,
    expires_on Nullable(Date),
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, filing_id);
-- the per-estate table it replaces; nothing reads it any more. `npm run rebuild` (run by `npm start`)
-- fills filing_facts.
DROP TABLE IF EXISTS estate_filing_facts
