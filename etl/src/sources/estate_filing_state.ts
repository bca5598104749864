/**
 * The estate filing state as read from PostgreSQL. The rule itself lives in ONE place — the
 * `estate_filing_states` view created by the backend migration
 * (backend/database/migrations/0004_create_estate_filing_states_view.ts):
 *
 *   per kind ('contract' | 'assembly'): the most recent filing of that kind
 *   (order by filed_on desc, id desc) whose status is 'filed' or 'expired' gives the state;
 *   none → 'not_filed'; withdrawn filings are ignored.
 *
 * This module is the one SQL over that view used by the backend (outbox payloads, inside its
 * transaction), the rebuild and the reconciliation.
 */
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'

export const ESTATE_FILING_STATES_VIEW = 'estate_filing_states'

export type FilingState = 'filed' | 'expired' | 'not_filed'

export type EstateFilingState = {
  estate_id: number
  estate_name: string
  district_id: number
  district_name: string
  street_id: number
  street_name: string
  community_id: number
  community_name: string
  contract_status: FilingState
  assembly_status: FilingState
}

export const ESTATE_FILING_STATE_TOPIC = 'estate_filing_state'
export const FILING_STATES: readonly FilingState[] = ['filed', 'expired', 'not_filed']

/** 'pg' → $1, $2 …; 'knex' → ? (Lucid/knex rawQuery). */
export type ParamStyle = 'pg' | 'knex'

export type EstateFilingStateSqlOptions = {
  /** Adds `e.id = any(<param>::int[])`; bind a Postgres array literal, see {@link estateIdsParam}. */
  estateIds?: boolean
  /** Keyset pagination: adds `e.id > <param>` and `limit <param>` (in that parameter order, after estateIds). */
  keyset?: boolean
  paramStyle?: ParamStyle
}

/** The state SQL. Parameters, in order: [estateIds?] [afterId, limit]? */
export function estateFilingStateSql(options: EstateFilingStateSqlOptions = {}): string {
  let n = 0
  const param = () => (options.paramStyle === 'knex' ? '?' : `$${++n}`)
  const where: string[] = []
  if (options.estateIds) where.push(`estate_id = any(${param()}::int[])`)
  if (options.keyset) where.push(`estate_id > ${param()}`)
  return [
    'select estate_id, estate_name, district_id, district_name, street_id, street_name,',
    '  community_id, community_name, contract_status, assembly_status',
    `from ${ESTATE_FILING_STATES_VIEW}`,
    ...(where.length > 0 ? [`where ${where.join(' and ')}`] : []),
    'order by estate_id',
    ...(options.keyset ? [`limit ${param()}`] : []),
  ].join('\n')
}

/** Estate ids as a Postgres array literal ('{1,2,3}'), safe for both pg and knex bindings. */
export function estateIdsParam(estateIds: readonly number[]): string {
  for (const id of estateIds) {
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new TypeError(`invalid estate id ${String(id)}`)
  }
  return `{${estateIds.join(',')}}`
}

/** The estate and its regions, as every per-estate source row carries them. */
export function normalizeEstatePlace(row: Record<string, unknown>) {
  return {
    estate_id: Number(row.estate_id),
    estate_name: String(row.estate_name),
    district_id: Number(row.district_id),
    district_name: String(row.district_name),
    street_id: Number(row.street_id),
    street_name: String(row.street_name),
    community_id: Number(row.community_id),
    community_name: String(row.community_name),
  }
}

function normalizeRow(row: Record<string, unknown>): EstateFilingState {
  return {
    ...normalizeEstatePlace(row),
    contract_status: row.contract_status as FilingState,
    assembly_status: row.assembly_status as FilingState,
  }
}

/** States for the given estates (ordered by id; unknown ids are simply absent). */
export async function loadEstateFilingStates(
  queryFn: QueryFn,
  estateIds: readonly number[],
  options: { paramStyle?: ParamStyle } = {},
): Promise<EstateFilingState[]> {
  if (estateIds.length === 0) return []
  const rows = await queryFn<Record<string, unknown>>(estateFilingStateSql({ estateIds: true, paramStyle: options.paramStyle }), [estateIdsParam(estateIds)])
  return rows.map(normalizeRow)
}

/** One keyset page of states with `estate_id > afterId`. */
export async function loadEstateFilingStatePage(queryFn: QueryFn, afterId: number, limit: number): Promise<EstateFilingState[]> {
  const rows = await queryFn<Record<string, unknown>>(estateFilingStateSql({ keyset: true }), [afterId, limit])
  return rows.map(normalizeRow)
}

/**
 * For the backend, INSIDE the transaction that changed filings/estates: takes the shared
 * outbox-writer lock, computes the current states and appends one `estate_filing_state` outbox
 * event per estate. Returns the written states.
 *
 * Lucid: `writeEstateFilingOutbox((sql, params) => trx.rawQuery(sql, params).then((r) => r.rows), [estateId], { paramStyle: 'knex' })`
 */
export async function writeEstateFilingOutbox(
  queryFn: QueryFn,
  estateIds: readonly number[],
  options: { paramStyle?: ParamStyle } = {},
): Promise<EstateFilingState[]> {
  if (estateIds.length === 0) return []
  return appendOutboxEvents(queryFn, ESTATE_FILING_STATE_TOPIC, () => loadEstateFilingStates(queryFn, estateIds, options), options)
}
