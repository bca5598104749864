-- Current profile of each estate for 项目管理 (one logical row per estate; the highest `version` wins).
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Read with FINAL.
CREATE TABLE IF NOT EXISTS estate_profile_facts
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
    house_count UInt32,
    household_count UInt32,
    building_area Float64,
    company_name String,
    has_committee UInt8,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (district_id, street_id, community_id, estate_id);
