-- 电子投票 (module 17) / 业主决策情况 (module 8) at the grain of the ballot: one row per standing ballot —
-- a 表决议题 × a house (PostgreSQL `voting_standing_ballots`, the latest ballot of the house on the topic,
-- joined to the ballot, the topic, the house and the estate's place): ≈ 5,000,000 rows at city scale.
--
-- area_centi = the house's exclusive area in 0.01 m² (as the tally counts it); owner_key = who the house
-- counts as in the owner count (domain-rules §1: 'developer' for the developer's houses, 'owners:<ids>'
-- for the sorted set of its registered owners, 'house:<id>' for a house nobody is registered for) — so
-- the participating owners of a topic are uniqExact(owner_key) over its rows, exactly as the tally
-- counts them; choice agree / oppose / abstain; channel h5 / paper; cast_on = the day the standing
-- ballot was cast (Asia/Shanghai); ballot_id = the standing ballot's id (the reconciliation's cursor).
--
-- Engine: CollapsingMergeTree(sign), as learning_record_facts (0012): a changed ballot replaces the
-- house's row (the drain writes a cancel row — an exact copy of the live row, sign -1 — and the new row
-- in one insert, identity (estate_id, topic_id, house_id)), so every figure is an exact sum over sign
-- without FINAL and a replayed batch cancels and re-adds the same rows.
--
-- Sorting key: estate, topic, house — the turnout of one estate's meeting by building and by day reads
-- only that estate's granules; the region drill-down reads the per-estate rollup (0024) instead. The
-- place columns are carried (a moved estate re-publishes its ballots) but the cubes take the place
-- from estate_profile_facts.
CREATE TABLE IF NOT EXISTS ballot_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    meeting_id UInt32,
    topic_id UInt32,
    house_id UInt64,
    building String,
    area_centi UInt64,
    owner_key String,
    choice String,
    channel String,
    cast_on Date,
    ballot_id UInt64,
    changed_at DateTime,
    version UInt64,
    sign Int8
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (estate_id, topic_id, house_id)
