/**
 * 车位信息 (module 10) at the grain of the record (warehouse migration 0010; its 住宅小区车位纠纷 are the
 * `parking_*` disputes of 纠纷化解台账, sources/disputes.ts):
 * - `parking_space_facts`: one row per parking space (kind, status), collapsing, with its per-estate
 *   rollup `parking_estate_totals` (spaces by kind). A deleted space is published as a tombstone
 *   `{ space_id, estate_id, deleted: true }`: the drain cancels its live row.
 * - `parking_profile_facts`: one row per estate that filled its parking information in (when).
 *
 * Used by the parking writers of the backend (inside the transaction that changed the rows), the
 * rebuild (bulk COPY), the reconciliation and the drain (found by slug). No row carries the estate's
 * place: the cube reads it from estate_profile_facts, so a moved estate re-publishes nothing here.
 */
import type { BulkSource, FactSource, Rollup } from '../fact_sources.ts'
import type { QueryFn } from '../pg.ts'
import type { TopicTransformer } from '../payload.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { oneOf } from './filings.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, withTombstones, type ParamStyle, type SourceQueryOptions, type Tombstone } from './source_rows.ts'

export const PARKING_SPACE_TOPIC = 'parking_space'
export const PARKING_PROFILE_TOPIC = 'parking_profile'
export const PARKING_SPACE_FACTS_TABLE = 'parking_space_facts'
export const PARKING_ESTATE_TOTALS_TABLE = 'parking_estate_totals'
export const PARKING_PROFILE_FACTS_TABLE = 'parking_profile_facts'

const SPACE_KINDS = ['owned', 'civil_defense', 'rented', 'temporary', 'charging', 'other'] as const
const SPACE_STATUSES = ['in_use', 'idle', 'disabled'] as const

function positiveId(payload: Record<string, unknown>, key: string, event: string): number {
  const value = Number(payload[key])
  if (!Number.isSafeInteger(value) || value <= 0) throw new PayloadError(`${event}: ${key} must be a positive integer`)
  return value
}

// ---------------------------------------------------------------------------------------------
// parking spaces

export type ParkingSpaceRecord = { space_id: number; estate_id: number; kind: string; status: string }
/** A space that no longer exists (its live fact row is cancelled). */
export type DeletedParkingSpace = Tombstone<'space_id'>

function spaceSql(by: 'spaces' | 'page', paramStyle: ParamStyle = 'pg'): string {
  let n = 0
  const param = () => (paramStyle === 'knex' ? '?' : `$${++n}`)
  const where = by === 'spaces' ? `where p.id = any(${param()}::bigint[])` : `where p.id > ${param()}`
  return `select p.id as space_id, p.estate_id, p.kind, p.status from parking_spaces p ${where} order by p.id${by === 'page' ? ` limit ${param()}` : ''}`
}

function normalizeSpace(row: Record<string, unknown>): ParkingSpaceRecord {
  return { space_id: Number(row.space_id), estate_id: Number(row.estate_id), kind: String(row.kind), status: String(row.status) }
}

function spaceIdsParam(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid parking space id ${String(id)}`)
  return `{${ids.join(',')}}`
}

export async function loadParkingSpacePage(queryFn: QueryFn, afterId: number, limit: number): Promise<ParkingSpaceRecord[]> {
  return (await queryFn<Record<string, unknown>>(spaceSql('page'), [afterId, limit])).map(normalizeSpace)
}

/**
 * For writers of parking spaces, INSIDE their transaction, after the change: one `parking_space`
 * event per id — its current row, or a tombstone when it no longer exists (`estateOf` gives the
 * estate of a deleted space, known to the writer before it deleted it).
 */
export async function writeParkingSpaceOutbox(
  queryFn: QueryFn,
  spaceIds: readonly number[],
  options: { paramStyle?: ParamStyle; estateOf?: ReadonlyMap<number, number> } = {}
): Promise<Array<ParkingSpaceRecord | DeletedParkingSpace>> {
  if (spaceIds.length === 0) return []
  return appendOutboxEvents<ParkingSpaceRecord | DeletedParkingSpace>(
    queryFn,
    PARKING_SPACE_TOPIC,
    async () => {
      const found = (await queryFn<Record<string, unknown>>(spaceSql('spaces', options.paramStyle), [spaceIdsParam(spaceIds)])).map(normalizeSpace)
      return withTombstones(found, spaceIds, 'space_id', options.estateOf, 'parking space')
    },
    options
  )
}

export function parkingSpaceFactRow(space: ParkingSpaceRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { estate_id: space.estate_id, space_id: space.space_id, kind: space.kind, status: space.status, changed_at: toUnixSeconds(changedAt), version: String(version), sign: 1 }
}

export function parseParkingSpace(payload: unknown, event = PARKING_SPACE_TOPIC): ParkingSpaceRecord | DeletedParkingSpace {
  const p = payloadObject(payload, event)
  const spaceId = positiveId(p, 'space_id', event)
  const estateId = requireId(p, 'estate_id', event)
  if (p.deleted === true) return { space_id: spaceId, estate_id: estateId, deleted: true }
  return { space_id: spaceId, estate_id: estateId, kind: oneOf(p, 'kind', SPACE_KINDS, event), status: oneOf(p, 'status', SPACE_STATUSES, event) }
}

/** `parking_space` events → the new state (sign 1), or for a tombstone the identity with sign -1 (see FactSource.collapsing). */
const spaceTransformer: TopicTransformer = {
  table: PARKING_SPACE_FACTS_TABLE,
  toRows(event) {
    const space = parseParkingSpace(event.payload, `outbox event ${event.id} (${event.topic})`)
    if ('deleted' in space) return [{ estate_id: space.estate_id, space_id: space.space_id, sign: -1 }]
    return [parkingSpaceFactRow(space, event.id, event.created_at)]
  },
}

const spaceBulk: BulkSource = {
  columns: ['estate_id', 'space_id', 'kind', 'status', 'changed_at', 'version', 'sign'],
  select(version, changedAt) {
    return `select p.estate_id, p.id as space_id, p.kind, p.status, ${bulkVersionSelect(version, changedAt)}, 1 as sign from parking_spaces p`
  },
}

/** spaces per estate by kind, from the facts' live rows (every given estate gets a row, 0 when none is left) */
export const parkingEstateTotals: Rollup = {
  table: PARKING_ESTATE_TOTALS_TABLE,
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const byKind = SPACE_KINDS.map((kind) => `sum(if(kind = '${kind}', sign, 0)) AS ${kind}`).join(', ')
    const columns = `estate_id, spaces, ${SPACE_KINDS.join(', ')}, ${version} AS version`
    const totals = (where: string) => `SELECT estate_id, sum(sign) AS spaces, ${byKind} FROM ${factsTable}${where} GROUP BY estate_id`
    if (!estateIds) return `SELECT ${columns} FROM (${totals('')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid estate id ${id}`)
    return `SELECT ${columns}
FROM (SELECT arrayJoin([${estateIds.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id)
ANY LEFT JOIN (${totals(` WHERE estate_id IN (${estateIds.join(', ')})`)}) USING estate_id`
  },
}

export const parkingSpaceFactSource: FactSource<ParkingSpaceRecord> = {
  table: PARKING_SPACE_FACTS_TABLE,
  topic: PARKING_SPACE_TOPIC,
  transformer: spaceTransformer,
  bulk: spaceBulk,
  collapsing: { identity: ['estate_id', 'space_id'] },
  rollups: [parkingEstateTotals],
  loadPage: loadParkingSpacePage,
  cursor: (row) => row.space_id,
  key: ['space_id'],
  countSql: 'select count(*) from parking_spaces',
  toFactRow: parkingSpaceFactRow,
  fields: ['estate_id', 'kind', 'status'],
}

// ---------------------------------------------------------------------------------------------
// the estates' parking information filled-in marker

export type ParkingProfileRecord = { estate_id: number; /** unix seconds */ filled_at: number }

const FILLED_AT = 'floor(extract(epoch from p.filled_at))::bigint'

function profileSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('p.estate_id', options)
  return [`select p.estate_id, ${FILLED_AT} as filled_at`, 'from estate_parking_profiles p', ...(where ? [where] : []), 'order by p.estate_id', ...(limit ? [limit] : [])].join('\n')
}

const profileReaders = sourceReaders(PARKING_PROFILE_TOPIC, profileSql, (row) => ({ estate_id: Number(row.estate_id), filled_at: Number(row.filled_at) }))

/** For the writer that first fills an estate's parking information in, inside its transaction (ids = estate ids). */
export const writeParkingProfileOutbox = profileReaders.writeOutbox

export function parkingProfileFactRow(profile: ParkingProfileRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { estate_id: profile.estate_id, filled_at: profile.filled_at, changed_at: toUnixSeconds(changedAt), version: String(version) }
}

export function parseParkingProfile(payload: unknown, event = PARKING_PROFILE_TOPIC): ParkingProfileRecord {
  const p = payloadObject(payload, event)
  const filledAt = Number(p.filled_at)
  if (!Number.isSafeInteger(filledAt) || filledAt <= 0 || filledAt > 4_294_967_295) throw new PayloadError(`${event}: filled_at must be unix seconds`)
  return { estate_id: requireId(p, 'estate_id', event), filled_at: filledAt }
}

export const parkingProfileFactSource: FactSource<ParkingProfileRecord> = {
  table: PARKING_PROFILE_FACTS_TABLE,
  topic: PARKING_PROFILE_TOPIC,
  transformer: sourceRowTopic(PARKING_PROFILE_FACTS_TABLE, parseParkingProfile, parkingProfileFactRow),
  bulk: {
    columns: ['estate_id', 'filled_at', 'changed_at', 'version'],
    select(version, changedAt) {
      return `select p.estate_id, ${FILLED_AT} as filled_at, ${bulkVersionSelect(version, changedAt)} from estate_parking_profiles p`
    },
  },
  loadPage: profileReaders.loadPage,
  countSql: 'select count(*) from estate_parking_profiles',
  toFactRow: parkingProfileFactRow,
  fields: ['filled_at'],
}

export const factSources: readonly FactSource<any>[] = [parkingSpaceFactSource, parkingProfileFactSource]

