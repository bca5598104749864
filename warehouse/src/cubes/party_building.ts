import type { PartyBuildingMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/**
 * Per estate, from the records: its estate-level 党组织 (party_organization_facts; community-level
 * ones have estate_id 0 and match no estate), its owners' committee members and the party members
 * among them (committee_member_facts), its 红色物业 marker (red_property_facts) and its residents' 民意征集
 * responses (opinion_estate_totals, the rollup of the ≈ 1M-row opinion_response_facts). One UNION ALL of
 * the four, grouped by estate: each branch fills its own columns and zeros the others.
 */
const PER_ESTATE =
  'SELECT estate_id, sum(organization) AS party_organizations, sum(member) AS committee_members, sum(party_member) AS party_members, max(red) AS red_property, sum(responses) AS opinion_responses ' +
  'FROM (' +
  "SELECT estate_id, toUInt32(1) AS organization, toUInt32(0) AS member, toUInt32(0) AS party_member, toUInt8(0) AS red, toInt64(0) AS responses FROM party_organization_facts FINAL WHERE org_level = 'estate' " +
  'UNION ALL ' +
  'SELECT estate_id, toUInt32(0), toUInt32(1), toUInt32(is_party_member), toUInt8(0), toInt64(0) FROM committee_member_facts FINAL ' +
  'UNION ALL ' +
  'SELECT estate_id, toUInt32(0), toUInt32(0), toUInt32(0), toUInt8(1), toInt64(0) FROM red_property_facts FINAL ' +
  'UNION ALL ' +
  'SELECT estate_id, toUInt32(0), toUInt32(0), toUInt32(0), toUInt8(0), responses FROM opinion_estate_totals FINAL' +
  ') GROUP BY estate_id'

const MEMBERS = 'sum(committee_members)'

/**
 * 党建统计 (module 24): every estate (estate_profile_facts, its current place) with its 党组织, committee
 * members, party members, 红色物业 marker and 民意征集 responses (PER_ESTATE). Facts are at record grain;
 * only the responses (≈ 1M at city scale) have a per-estate rollup beside them.
 */
export const cube: CubeDefinition<PartyBuildingMetric> = {
  name: 'party_building',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${PER_ESTATE}) AS party USING estate_id`,
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    estatesWithOrganization: { sql: 'countIf(party_organizations > 0)', kind: 'count', description: 'estates with an estate-level party organisation' },
    organizationCoverage: { sql: 'if(count() = 0, 0, countIf(party_organizations > 0) / count())', kind: 'rate' },
    organizations: { sql: 'sum(party_organizations)', kind: 'count' },
    committeeMembers: { sql: MEMBERS, kind: 'count' },
    partyMembers: { sql: 'sum(party_members)', kind: 'count' },
    partyMemberShare: { sql: `if(${MEMBERS} = 0, 0, sum(party_members) / ${MEMBERS})`, kind: 'rate' },
    redProperties: { sql: 'countIf(red_property = 1)', kind: 'count' },
    opinionResponses: { sql: 'sum(opinion_responses)', kind: 'sum' },
  },
}
