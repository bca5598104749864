-- 业主决策情况 (module 8): one row per 表决议题 (PostgreSQL `voting_topics` with its meeting), and the
-- per-estate rollup of ballot_facts (0023).
--
-- voting_topic_facts: the meeting's kind (owners_assembly 业主大会 / committee 业委会会议) and state (draft /
-- published / closed), the topic's art. 278 item, and its denominators — the estate's total area (0.01
-- m²) and owners as the tally counts them: the stored result's once the meeting closed, the register's
-- while it is open (a draft's too) — and, once closed, whether it passed. ≈ 6,000 rows at city scale:
-- current state, ReplacingMergeTree(version) read with FINAL; a meeting's change (created, published,
-- closed) re-publishes its topics.
CREATE TABLE IF NOT EXISTS voting_topic_facts
(
    estate_id UInt32,
    topic_id UInt32,
    meeting_id UInt32,
    meeting_kind String,
    meeting_status String,
    art278_item UInt8,
    opens_on Date,
    closes_on Date,
    total_area_centi UInt64,
    total_owners UInt32,
    is_passed UInt8,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, topic_id);

-- decision_estate_totals: per estate, over its live ballot_facts rows — the standing ballots, their
-- area (0.01 m²) and the participating owners summed over the estate's topics (Σ per topic of
-- uniqExact(owner_key): a topic belongs to one estate, so the sum is additive up the regions). Kept
-- by the same pipeline as learning_estate_totals (0014): the drain recomputes the estates a batch
-- touched, the rebuild fills it from the staging facts, the reconciliation compares it with a fresh
-- computation. The city drill-down joins ≈ 1,000 rows instead of counting ≈ 5M ballots per request.
CREATE TABLE IF NOT EXISTS decision_estate_totals
(
    estate_id UInt32,
    ballots Int64,
    voted_area_centi Int64,
    voted_owners Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id
