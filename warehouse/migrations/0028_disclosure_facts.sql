-- 信息公开 (module 16) at the grain of the record (backend migration 0035, docs/disclosures.md): one row
-- per announcement that was published — drafts are the street's work in progress and never reach the
-- warehouse (a deleted draft leaves nothing) — with its template's code (general / owners_assembly /
-- proxy_governance / an administrator's own), its source (manual / proxy_governance / voting), its state
-- (published / voided) and the day it was published (Asia/Shanghai). The disclosures cube starts from the
-- estate dimension (estate_profile_facts, the place) and joins these per estate.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one
-- announcement, replaced by the next event about it (作废, a template's new code). ≈ 11k rows at city
-- scale. No place columns: a moved estate's place comes from estate_profile_facts.
CREATE TABLE IF NOT EXISTS disclosure_facts
(
    estate_id UInt32,
    disclosure_id UInt32,
    template_code String,
    source String,
    state String,
    published_on Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, disclosure_id)
