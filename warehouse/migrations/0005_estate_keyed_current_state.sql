-- The current-state tables of one row per estate (项目管理's estate profile) and per estate × half-year
-- (街道社区评价) are re-keyed to lead with estate_id.
--
-- Why: a ReplacingMergeTree replaces rows with the same sorting key, so the key must be the row's
-- identity. The place columns (district / street / community) are attributes of the estate that change
-- when an estate is moved to another community; with them in the key, the moved estate's new row got a
-- new key and the old row stayed, counted twice. estate_id (and year, half) is stable. These tables
-- hold one row per estate (per half-year): 5,598 (16,794) rows at city scale, so no query needs the
-- region columns for pruning; the record-grain tables that are large (house_facts) keep the region
-- columns leading their key (migration 0006).
--
-- estate_profile_facts also drops house_count / household_count / building_area: 项目管理's house
-- figures come from the house register at record grain (house_facts, migration 0006), not from totals
-- pre-summed in PostgreSQL. Rows are copied; `npm run rebuild` (run by `npm start`) refills everything.
CREATE TABLE estate_profile_facts_by_estate
(
    district_id UInt32,
    district_name String,
    street_id UInt32,
    street_name String,
    community_id UInt32,
    community_name String,
    estate_id UInt32,
    estate_name String,
    estate_type String,
    company_name String,
    has_committee UInt8,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id;
INSERT INTO estate_profile_facts_by_estate
SELECT district_id, district_name, street_id, street_name, community_id, community_name, estate_id, estate_name,
       estate_type, company_name, has_committee, changed_at, version
FROM estate_profile_facts;
CREATE TABLE estate_evaluation_facts_by_estate AS estate_evaluation_facts
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, year, half);
INSERT INTO estate_evaluation_facts_by_estate SELECT * FROM estate_evaluation_facts;
RENAME TABLE estate_profile_facts TO estate_profile_facts_by_place, estate_profile_facts_by_estate TO estate_profile_facts,
             estate_evaluation_facts TO estate_evaluation_facts_by_place, estate_evaluation_facts_by_estate TO estate_evaluation_facts;
DROP TABLE estate_profile_facts_by_place;
DROP TABLE estate_evaluation_facts_by_place
