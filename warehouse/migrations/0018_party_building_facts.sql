-- 党建园地 (module 24) at the grain of the record (backend migration 0026, docs/party_building.md).
-- Three tables:
--
--   party_organization_facts  one row per 党组织 (≈ 2.5k at city scale): level (estate / community),
--                             kind, founded_on; a community-level organisation has estate_id 0 and its
--                             community_id (the cube counts estate-level organisations per estate);
--   committee_member_facts    one row per owners' committee member (业委会成员) with is_party_member;
--   red_property_facts        one row per 红色物业 estate with its designated year.
--
-- The party_building cube starts from the estate dimension (estate_profile_facts, the place) and joins
-- these per estate: nothing is summed per estate here, and no place columns (a moved estate's place
-- comes from estate_profile_facts; community_id only places a community-level organisation).
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one
-- PostgreSQL row, replaced by the next event about it (replays are harmless). Records are not deleted
-- through the API (a deleted one would stay until the next rebuild; reconcile reports it).
CREATE TABLE IF NOT EXISTS party_organization_facts
(
    estate_id UInt32,
    organization_id UInt32,
    community_id UInt32,
    org_level String,
    org_kind String,
    founded_on Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, organization_id);

CREATE TABLE IF NOT EXISTS committee_member_facts
(
    estate_id UInt32,
    member_id UInt32,
    committee_role String,
    is_party_member UInt8,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, member_id);

CREATE TABLE IF NOT EXISTS red_property_facts
(
    estate_id UInt32,
    designated_year UInt16,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY estate_id;
