-- 车位信息 (module 10) at the grain of the record: one parking_space_facts row per parking space
-- (PostgreSQL `parking_spaces`, ≈ 2,000,000 rows at city scale) with its kind and status.
-- CollapsingMergeTree(sign) as house_facts (migration 0006): every figure an exact sum over sign
-- without FINAL; a changed space is a cancel row (copied from this table by the drain) and the new
-- row in one insert, a deleted space only a cancel. The row carries no place: the cube takes the
-- estate's place from estate_profile_facts (as filings do), so a moved estate re-publishes nothing.
CREATE TABLE IF NOT EXISTS parking_space_facts
(
    estate_id UInt32,
    space_id UInt64,
    kind String,
    status String,
    changed_at DateTime,
    version UInt64,
    sign Int8
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (estate_id, space_id);

-- The per-estate rollup of parking_space_facts (spaces by kind), recomputed from the live facts for
-- the estates a drained batch touched and by the rebuild, never incremented (etl/src/sources/parking.ts
-- `parkingEstateTotals`), as house_estate_totals is for houses: the city drill-down joins 5.6k estate
-- rows instead of grouping 2M space rows per request (docs/parking.md, docs/benchmarks.md).
CREATE TABLE IF NOT EXISTS parking_estate_totals
(
    estate_id UInt32,
    spaces Int64,
    owned Int64,
    civil_defense Int64,
    rented Int64,
    temporary Int64,
    charging Int64,
    other Int64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id;

-- When an estate first filled its parking information in (PostgreSQL `estate_parking_profiles`, one
-- row per estate that did; filled_at in unix seconds). An estate without a row never filled it in
-- (domain-rules §7): the cube counts it among 未填报车位信息. Current state, identity-keyed.
CREATE TABLE IF NOT EXISTS parking_profile_facts
(
    estate_id UInt32,
    filled_at UInt32,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id
