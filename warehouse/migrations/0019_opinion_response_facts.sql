-- 民意征集 (党建园地, module 24) at the grain of the record (backend migration 0026): one row per response
-- (one respondent × one collection; ≈ 1,000,000 at city scale) with its estate, collection and
-- answers (the chosen option's index per question, comma-separated, in question order).
--
-- Engine: ReplacingMergeTree(version) keyed by (estate_id, response_id): a response is written once and
-- never changes estate, so a replayed event replaces itself. No place columns: the cube takes the
-- place from estate_profile_facts.
--
-- opinion_estate_totals: the per-estate rollup of the responses (kept by the same pipeline as
-- learning_estate_totals: the drain recomputes the estates a batch touched, the rebuild fills it from
-- the staging facts, the reconciliation compares it with a fresh computation), so the city drill-down
-- joins one row per estate (≈ 5,600) instead of counting ≈ 1M responses per request.
CREATE TABLE IF NOT EXISTS opinion_response_facts
(
    estate_id UInt32,
    response_id UInt64,
    collection_id UInt32,
    answers String,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, response_id);

CREATE TABLE IF NOT EXISTS opinion_estate_totals
(
    estate_id UInt32,
    responses Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id
