-- 项目管理 at the grain of the record: one row per house (房屋) of the house register, ≈ 3,000,000 at city
-- scale, with its use, area and owner on the row.
--
-- Engine: CollapsingMergeTree(sign). A house changes (owner, area, use) and moves with its estate; its
-- current state is the row with sign = 1 that no row with sign = -1 cancels. The drain writes, for each
-- new state, a cancel row (an exact copy of the live row read from this table, sign = -1) and the new
-- row (sign = 1) in one insert; a deleted house gets only the cancel row. So every figure is an exact
-- sum over sign — count() is sum(sign), sum(x) is sum(x * sign) — with no FINAL. Why not a
-- ReplacingMergeTree read with FINAL: FINAL merges at query time, and over 3M rows on ClickHouse 18.16
-- (2 cores) it took 490 ms against 58 ms for the same GROUP BY without it — slower than PostgreSQL.
-- Replays are harmless: the cancel row is taken from the table's own state, so a batch applied twice
-- cancels and re-adds the same row.
--
-- Sorting key: the region columns lead, then estate and house, so a district, street, community or
-- estate filter reads only its granules; a move is a cancel under the old place and a row under the new.
CREATE TABLE IF NOT EXISTS house_facts
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    house_id UInt64,
    house_use String,
    owner_id UInt64,
    building_area Float64,
    changed_at DateTime,
    version UInt64,
    sign Int8
)
ENGINE = CollapsingMergeTree(sign)
ORDER BY (district_id, street_id, community_id, estate_id, house_id);
-- The houses, households (houses with an owner) and area of each estate, recomputed from house_facts
-- by the same pipeline (the rebuild from the rebuilt facts, the drain for the estates it touched) and
-- compared by the reconciliation. Needed because a city-level 项目管理 drill-down over the 3M raw rows
-- costs ~55 ms in ClickHouse against ~390 ms in PostgreSQL (7×, docs/benchmarks.md), while through
-- this table it is a join of two 5,598-row tables. One row per estate, replaced by a higher version:
-- keyed by estate_id alone (the place of an estate comes from estate_profile_facts, which the cube
-- joins), read with FINAL (5,598 rows).
CREATE TABLE IF NOT EXISTS house_estate_totals
(
    estate_id UInt32,
    houses Int64,
    households Int64,
    building_area Float64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id
