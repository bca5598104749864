/**
 * 党建园地 (module 24) at the grain of the record (backend migration 0026, warehouse migration 0018):
 * three fact sources —
 *
 *   - `party_organization_facts`: one row per 党组织 (a community-level one with estate_id 0);
 *   - `committee_member_facts`: one row per owners' committee member (业委会成员);
 *   - `red_property_facts`: one row per 红色物业 estate.
 *
 * Each is the one SQL over its table used by the backend (outbox payloads, inside the writer's
 * transaction), the rebuild (row path and bulk COPY), the reconciliation and the drain (found by
 * slug). Records are not deleted and never change estate, so (estate_id, <record id>) is a stable
 * identity. The opinion collections (民意征集) are read from PostgreSQL (docs/party_building.md).
 */
import type { BulkSource, FactSource, Rollup } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const PARTY_ORGANIZATION_FACTS_TABLE = 'party_organization_facts'
export const COMMITTEE_MEMBER_FACTS_TABLE = 'committee_member_facts'
export const RED_PROPERTY_FACTS_TABLE = 'red_property_facts'
export const PARTY_ORGANIZATION_TOPIC = 'party_organization'
export const COMMITTEE_MEMBER_TOPIC = 'committee_member'
export const RED_PROPERTY_TOPIC = 'red_property'
export const OPINION_RESPONSE_FACTS_TABLE = 'opinion_response_facts'
export const OPINION_ESTATE_TOTALS_TABLE = 'opinion_estate_totals'
export const OPINION_RESPONSE_TOPIC = 'opinion_response'

const ORG_LEVELS = ['estate', 'community'] as const
const ORG_KINDS = ['independent', 'joint', 'functional'] as const
const COMMITTEE_ROLES = ['director', 'deputy', 'member'] as const

/** One 党组织 as the warehouse mirrors it (estate_id 0: a community-level organisation). */
export type PartyOrganizationRecord = {
  organization_id: number
  estate_id: number
  community_id: number
  org_level: (typeof ORG_LEVELS)[number]
  org_kind: (typeof ORG_KINDS)[number]
  /** YYYY-MM-DD */
  founded_on: string
}

/** One owners' committee member. */
export type CommitteeMemberRecord = {
  member_id: number
  estate_id: number
  committee_role: (typeof COMMITTEE_ROLES)[number]
  is_party_member: 0 | 1
}

/** One 民意征集 response (answers: the chosen option's index per question, comma-separated). */
export type OpinionResponseRecord = {
  response_id: number
  estate_id: number
  collection_id: number
  answers: string
}

/** One 红色物业 estate. */
export type RedPropertyRecord = {
  estate_id: number
  designated_year: number
}

const ORGANIZATION_COLUMNS = "coalesce(o.estate_id, 0) as estate_id, o.id as organization_id, o.community_id, o.level as org_level, o.kind as org_kind, to_char(o.founded_on, 'YYYY-MM-DD') as founded_on"
const MEMBER_COLUMNS = 'm.estate_id, m.id as member_id, m.role as committee_role, m.is_party_member::int as is_party_member'
const RED_COLUMNS = 'r.estate_id, r.designated_year'
const RESPONSE_COLUMNS = "o.estate_id, o.id as response_id, o.collection_id, array_to_string(o.answers, ',') as answers"

function selectSql(columns: string, from: string, idColumn: string) {
  return (options: SourceQueryOptions = {}): string => {
    const { where, limit } = sourceFilter(idColumn, options)
    return [`select ${columns}`, from, ...(where ? [where] : []), `order by ${idColumn}`, ...(limit ? [limit] : [])].join('\n')
  }
}

const organizationSql = selectSql(ORGANIZATION_COLUMNS, 'from party_organizations o', 'o.id')
const memberSql = selectSql(MEMBER_COLUMNS, 'from committee_members m', 'm.id')
const redSql = selectSql(RED_COLUMNS, 'from red_property_projects r', 'r.estate_id')
const responseSql = selectSql(RESPONSE_COLUMNS, 'from opinion_responses o', 'o.id')

function normalizeOrganization(row: Record<string, unknown>): PartyOrganizationRecord {
  return {
    organization_id: Number(row.organization_id),
    estate_id: Number(row.estate_id),
    community_id: Number(row.community_id),
    org_level: row.org_level as PartyOrganizationRecord['org_level'],
    org_kind: row.org_kind as PartyOrganizationRecord['org_kind'],
    founded_on: String(row.founded_on),
  }
}

function normalizeMember(row: Record<string, unknown>): CommitteeMemberRecord {
  return { member_id: Number(row.member_id), estate_id: Number(row.estate_id), committee_role: row.committee_role as CommitteeMemberRecord['committee_role'], is_party_member: Number(row.is_party_member) ? 1 : 0 }
}

function normalizeRed(row: Record<string, unknown>): RedPropertyRecord {
  return { estate_id: Number(row.estate_id), designated_year: Number(row.designated_year) }
}

function normalizeResponse(row: Record<string, unknown>): OpinionResponseRecord {
  return { response_id: Number(row.response_id), estate_id: Number(row.estate_id), collection_id: Number(row.collection_id), answers: String(row.answers) }
}

const organizations = sourceReaders(PARTY_ORGANIZATION_TOPIC, organizationSql, normalizeOrganization)
const members = sourceReaders(COMMITTEE_MEMBER_TOPIC, memberSql, normalizeMember)
const reds = sourceReaders(RED_PROPERTY_TOPIC, redSql, normalizeRed)
const responses = sourceReaders(OPINION_RESPONSE_TOPIC, responseSql, normalizeResponse)

/** For the backend, INSIDE the transaction that changed the organisations: one `party_organization` event per organisation id. */
export const writePartyOrganizationOutbox = organizations.writeOutbox
/** the same for committee members (by member id) */
export const writeCommitteeMemberOutbox = members.writeOutbox
/** the same for 红色物业 markers (by estate id) */
export const writeRedPropertyOutbox = reds.writeOutbox
/** the same for 民意征集 responses (by response id) */
export const writeOpinionResponseOutbox = responses.writeOutbox

const stamp = (at: string | bigint | number, changedAt: Date | string) => ({ changed_at: toUnixSeconds(changedAt), version: String(at) })

export function partyOrganizationFactRow(row: PartyOrganizationRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, ...stamp(at, changedAt) }
}
export function committeeMemberFactRow(row: CommitteeMemberRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, ...stamp(at, changedAt) }
}
export function opinionResponseFactRow(row: OpinionResponseRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, ...stamp(at, changedAt) }
}
export function redPropertyFactRow(row: RedPropertyRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, ...stamp(at, changedAt) }
}

function oneOf<T extends string>(p: Record<string, unknown>, key: string, allowed: readonly T[], event: string): T {
  if (!(allowed as readonly unknown[]).includes(p[key])) throw new PayloadError(`${event}: ${key} must be one of ${allowed.join('|')}, got ${JSON.stringify(p[key])}`)
  return p[key] as T
}

export function parsePartyOrganization(payload: unknown, event = PARTY_ORGANIZATION_TOPIC): PartyOrganizationRecord {
  const p = payloadObject(payload, event)
  if (typeof p.founded_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.founded_on)) throw new PayloadError(`${event}: founded_on must be YYYY-MM-DD`)
  return {
    organization_id: requireId(p, 'organization_id', event),
    estate_id: requireId(p, 'estate_id', event),
    community_id: requireId(p, 'community_id', event),
    org_level: oneOf(p, 'org_level', ORG_LEVELS, event),
    org_kind: oneOf(p, 'org_kind', ORG_KINDS, event),
    founded_on: p.founded_on,
  }
}

export function parseCommitteeMember(payload: unknown, event = COMMITTEE_MEMBER_TOPIC): CommitteeMemberRecord {
  const p = payloadObject(payload, event)
  if (p.is_party_member !== 0 && p.is_party_member !== 1) throw new PayloadError(`${event}: is_party_member must be 0 or 1`)
  return { member_id: requireId(p, 'member_id', event), estate_id: requireId(p, 'estate_id', event), committee_role: oneOf(p, 'committee_role', COMMITTEE_ROLES, event), is_party_member: p.is_party_member }
}

export function parseRedProperty(payload: unknown, event = RED_PROPERTY_TOPIC): RedPropertyRecord {
  const p = payloadObject(payload, event)
  const year = Number(p.designated_year)
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new PayloadError(`${event}: designated_year must be a year`)
  return { estate_id: requireId(p, 'estate_id', event), designated_year: year }
}

export function parseOpinionResponse(payload: unknown, event = OPINION_RESPONSE_TOPIC): OpinionResponseRecord {
  const p = payloadObject(payload, event)
  if (typeof p.answers !== 'string' || !/^(\d+(,\d+)*)?$/.test(p.answers)) throw new PayloadError(`${event}: answers must be comma-separated option indexes`)
  return { response_id: requireId(p, 'response_id', event), estate_id: requireId(p, 'estate_id', event), collection_id: requireId(p, 'collection_id', event), answers: p.answers }
}

/** the rebuild's COPY of a table: `select` lists exactly `columns` (the fact table's, in order) */
function bulkOf(columns: readonly string[], select: string, from: string): BulkSource {
  return { columns, select: (at, changedAt) => `select ${select}, ${bulkVersionSelect(at, changedAt)}\n${from}` }
}

const organizationSource: FactSource<PartyOrganizationRecord> = {
  table: PARTY_ORGANIZATION_FACTS_TABLE,
  topic: PARTY_ORGANIZATION_TOPIC,
  transformer: sourceRowTopic(PARTY_ORGANIZATION_FACTS_TABLE, parsePartyOrganization, partyOrganizationFactRow),
  bulk: bulkOf(['estate_id', 'organization_id', 'community_id', 'org_level', 'org_kind', 'founded_on', 'changed_at', 'version'], ORGANIZATION_COLUMNS, 'from party_organizations o'),
  loadPage: organizations.loadPage,
  cursor: (row) => row.organization_id,
  key: ['organization_id'],
  countSql: 'select count(*) from party_organizations',
  toFactRow: partyOrganizationFactRow,
  fields: ['community_id', 'org_level', 'org_kind', 'founded_on'],
}

const memberSource: FactSource<CommitteeMemberRecord> = {
  table: COMMITTEE_MEMBER_FACTS_TABLE,
  topic: COMMITTEE_MEMBER_TOPIC,
  transformer: sourceRowTopic(COMMITTEE_MEMBER_FACTS_TABLE, parseCommitteeMember, committeeMemberFactRow),
  bulk: bulkOf(['estate_id', 'member_id', 'committee_role', 'is_party_member', 'changed_at', 'version'], MEMBER_COLUMNS, 'from committee_members m'),
  loadPage: members.loadPage,
  cursor: (row) => row.member_id,
  key: ['member_id'],
  countSql: 'select count(*) from committee_members',
  toFactRow: committeeMemberFactRow,
  fields: ['committee_role', 'is_party_member'],
}

const redSource: FactSource<RedPropertyRecord> = {
  table: RED_PROPERTY_FACTS_TABLE,
  topic: RED_PROPERTY_TOPIC,
  transformer: sourceRowTopic(RED_PROPERTY_FACTS_TABLE, parseRedProperty, redPropertyFactRow),
  bulk: bulkOf(['estate_id', 'designated_year', 'changed_at', 'version'], RED_COLUMNS, 'from red_property_projects r'),
  loadPage: reds.loadPage,
  countSql: 'select count(*) from red_property_projects',
  toFactRow: redPropertyFactRow,
  fields: ['designated_year'],
}

/** responses per estate from the facts' current rows (every given estate gets a row, 0 when none) */
export const opinionEstateTotals: Rollup = {
  table: OPINION_ESTATE_TOTALS_TABLE,
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const totals = (where: string) => `SELECT estate_id, toInt64(count()) AS responses FROM ${factsTable} FINAL${where} GROUP BY estate_id`
    if (!estateIds) return `SELECT estate_id, responses, ${version} AS version FROM (${totals('')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid estate id ${id}`)
    return `SELECT estate_id, responses, ${version} AS version
FROM (SELECT arrayJoin([${estateIds.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id)
ANY LEFT JOIN (${totals(` WHERE estate_id IN (${estateIds.join(', ')})`)}) USING estate_id`
  },
}

const responseSource: FactSource<OpinionResponseRecord> = {
  table: OPINION_RESPONSE_FACTS_TABLE,
  topic: OPINION_RESPONSE_TOPIC,
  transformer: sourceRowTopic(OPINION_RESPONSE_FACTS_TABLE, parseOpinionResponse, opinionResponseFactRow),
  bulk: bulkOf(['estate_id', 'response_id', 'collection_id', 'answers', 'changed_at', 'version'], RESPONSE_COLUMNS, 'from opinion_responses o'),
  rollups: [opinionEstateTotals],
  loadPage: responses.loadPage,
  cursor: (row) => row.response_id,
  key: ['response_id'],
  countSql: 'select count(*) from opinion_responses',
  toFactRow: opinionResponseFactRow,
  fields: ['collection_id', 'answers'],
}

export const factSources: readonly FactSource<any>[] = [organizationSource, memberSource, redSource, responseSource]
