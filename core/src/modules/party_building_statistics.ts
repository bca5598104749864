import { PLACE_COLUMNS } from './place_columns.ts'
import type { StatisticsDeclaration } from './types.ts'

/** the metric keys of 党建统计 (the party_building cube, warehouse/src/cubes/party_building.ts, defines exactly these) */
export type PartyBuildingMetric =
  | 'estates'
  | 'estatesWithOrganization'
  | 'organizationCoverage'
  | 'organizations'
  | 'committeeMembers'
  | 'partyMembers'
  | 'partyMemberShare'
  | 'redProperties'
  | 'opinionResponses'

/** 党组织 kinds (code → Chinese name) */
export const PARTY_ORGANIZATION_KINDS = { independent: '独立党支部', joint: '联合党支部', functional: '功能型党小组' } as const
export type PartyOrganizationKind = keyof typeof PARTY_ORGANIZATION_KINDS

/** where a 党组织 is set up: at one estate (物业项目) or for a whole community */
export const PARTY_ORGANIZATION_LEVELS = { estate: '物业项目党组织', community: '社区党组织' } as const
export type PartyOrganizationLevel = keyof typeof PARTY_ORGANIZATION_LEVELS

/** the role of an owners' committee member (业委会成员) */
export const COMMITTEE_ROLES = { director: '主任', deputy: '副主任', member: '委员' } as const
export type CommitteeRole = keyof typeof COMMITTEE_ROLES

/**
 * 党建统计 (module 24): per region down to the estate, the estates with a 党组织 of their own, the
 * owners' committee members (业委会成员) and the party members among them, and the 红色物业 projects.
 * Facts at the grain of the record (warehouse migration 0018): one `party_organization_facts` row per
 * 党组织, one `committee_member_facts` row per committee member, one `red_property_facts` row per
 * 红色物业 estate, one `opinion_response_facts` row per 民意征集 response (with its per-estate rollup); the
 * cube joins them per estate to the estate dimension (docs/party_building.md).
 */
export const partyBuildingStatistics: StatisticsDeclaration<PartyBuildingMetric> = {
  cube: 'party_building',
  facts: [
    { table: 'party_organization_facts', topic: 'party_organization' },
    { table: 'committee_member_facts', topic: 'committee_member' },
    { table: 'red_property_facts', topic: 'red_property' },
    { table: 'opinion_response_facts', topic: 'opinion_response' },
  ],
  title: '党建统计',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'party-building-members',
  records: {
    list: 'committee_members.index',
    export: 'committee_members.export',
    title: '业委会成员',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'name', label: '姓名', width: 100 },
      { key: 'role', label: '职务', format: 'status', nameKey: 'roleName', width: 90 },
      { key: 'isPartyMember', label: '党员', format: 'boolean', width: 80 },
      { key: 'organizationName', label: '所在项目党组织', width: 200 },
      { key: 'redProperty', label: '红色物业项目', format: 'boolean', width: 110 },
    ],
    filters: [
      { key: 'q', label: '姓名或物业项目', kind: 'keyword' },
      { key: 'role', label: '职务', kind: 'select', options: Object.entries(COMMITTEE_ROLES).map(([value, label]) => ({ value, label })) },
      { key: 'party_member', label: '党员', kind: 'select', options: [{ value: '1', label: '党员' }, { value: '0', label: '非党员' }] },
    ],
  },
  metrics: {
    estates: { label: '物业项目数', unit: '个', format: 'count', aggregation: 'count' },
    estatesWithOrganization: { label: '建立党组织的项目', unit: '个', format: 'count', aggregation: 'count', description: '有本项目党组织的物业项目' },
    organizationCoverage: { label: '党组织覆盖率', format: 'percent', aggregation: 'rate', description: '建立党组织的项目 ÷ 物业项目数' },
    organizations: { label: '项目党组织', unit: '个', format: 'count', aggregation: 'count', description: '设在物业项目的党组织（社区党组织不计入）' },
    committeeMembers: { label: '业委会成员', unit: '人', format: 'count', aggregation: 'count', records: {} },
    partyMembers: { label: '其中党员', unit: '人', format: 'count', aggregation: 'count', records: { party_member: '1' } },
    partyMemberShare: { label: '党员占比', format: 'percent', aggregation: 'rate', description: '其中党员 ÷ 业委会成员' },
    redProperties: { label: '红色物业项目', unit: '个', format: 'count', aggregation: 'count' },
    opinionResponses: { label: '民意征集参与', unit: '人次', format: 'count', aggregation: 'sum', description: '本区域物业项目居民参与民意征集的人次' },
  },
  keyFigures: ['estatesWithOrganization', 'organizationCoverage', 'partyMemberShare', 'redProperties'],
  charts: [
    { title: '各区域业委会成员', kind: 'bar', metrics: ['committeeMembers', 'partyMembers'] },
    { title: '各区域党组织建设', kind: 'bar', metrics: ['estatesWithOrganization', 'redProperties'] },
  ],
}
