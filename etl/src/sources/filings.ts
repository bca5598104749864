/**
 * The estate filing state as read from PostgreSQL. The rule itself lives in ONE place — the
 * `estate_filing_states` view created by the backend migration
 * (backend/database/migrations/0004_create_estate_filing_states_view.ts):
 *
 *   per kind ('contract' | 'assembly'): the most recent filing of that kind
 *   (order by filed_on desc, id desc) whose status is 'filed' or 'expired' gives the state;
 *   none → 'not_filed'; withdrawn filings are ignored.
 *
 * The view gives the STORED state. A contract stored 'filed' reads 已过期 from the day after its
 * `contract_expires_on`; that is decided when the state is read, as of a date (PostgreSQL's
 * `estate_filing_states_on(date)`, the estate_filings cube's `asOf` param), never by a job. So the
 * row carries `contract_expires_on` (YYYY-MM-DD or null) for the warehouse to apply the same rule.
 *
 * This module is the one SQL over that view used by the backend (outbox payloads, inside its
 * transaction), the rebuild and the reconciliation, and the module's fact source and topic
 * transformer (found by slug: etl/src/fact_sources.ts, etl/src/topics.ts).
 */
import { ESTATE_FILING_FACTS_TABLE } from '@szpm/warehouse'
import type { EstateFilingFactRow, EstatePlace } from '@szpm/warehouse'
import type { FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { normalizeEstatePlace, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const ESTATE_FILING_STATES_VIEW = 'estate_filing_states'

export type FilingState = 'filed' | 'expired' | 'not_filed'

export type EstateFilingState = EstatePlace & {
  contract_status: FilingState
  /** the deciding contract's last day, YYYY-MM-DD (null: none, or open-ended) */
  contract_expires_on: string | null
  assembly_status: FilingState
}

export const ESTATE_FILING_STATE_TOPIC = 'estate_filing_state'
export const FILING_STATES: readonly FilingState[] = ['filed', 'expired', 'not_filed']

/** `ids` selects estates by id; `keyset` pages by estate id. */
export type EstateFilingStateSqlOptions = SourceQueryOptions

/** The state SQL. Parameters, in order: [ids?] [afterId, limit]? */
export function estateFilingStateSql(options: EstateFilingStateSqlOptions = {}): string {
  const { where, limit } = sourceFilter('estate_id', options)
  return [
    'select estate_id, estate_name, district_id, district_name, street_id, street_name,',
    "  community_id, community_name, contract_status, to_char(contract_expires_on, 'YYYY-MM-DD') as contract_expires_on, assembly_status",
    `from ${ESTATE_FILING_STATES_VIEW}`,
    ...(where ? [where] : []),
    'order by estate_id',
    ...(limit ? [limit] : []),
  ].join('\n')
}

function normalizeRow(row: Record<string, unknown>): EstateFilingState {
  return {
    ...normalizeEstatePlace(row),
    contract_status: row.contract_status as FilingState,
    contract_expires_on: row.contract_expires_on === null || row.contract_expires_on === undefined ? null : String(row.contract_expires_on),
    assembly_status: row.assembly_status as FilingState,
  }
}

const readers = sourceReaders(ESTATE_FILING_STATE_TOPIC, estateFilingStateSql, normalizeRow)

/** States for the given estates (ordered by id; unknown ids are simply absent). */
export const loadEstateFilingStates = readers.load

/** One keyset page of states with `estate_id > afterId`. */
export const loadEstateFilingStatePage = readers.loadPage

/**
 * For the backend, INSIDE the transaction that changed filings/estates: takes the shared
 * outbox-writer lock, computes the current states and appends one `estate_filing_state` outbox
 * event per estate. Returns the written states.
 */
export const writeEstateFilingOutbox = readers.writeOutbox

function requireState(payload: Record<string, unknown>, key: string, event: string): EstateFilingState['contract_status'] {
  const value = payload[key]
  if (!(FILING_STATES as readonly unknown[]).includes(value)) throw new PayloadError(`${event}: ${key} must be one of ${FILING_STATES.join('|')}, got ${JSON.stringify(value)}`)
  return value as EstateFilingState['contract_status']
}

/** State row + version/changed_at → fact row (also used by the rebuild). */
export function estateFilingFactRow(state: EstateFilingState, version: string | bigint | number, changedAt: Date | string): EstateFilingFactRow {
  return {
    district_id: state.district_id,
    district_name: state.district_name,
    street_id: state.street_id,
    street_name: state.street_name,
    community_id: state.community_id,
    community_name: state.community_name,
    estate_id: state.estate_id,
    estate_name: state.estate_name,
    contract_status: state.contract_status,
    contract_expires_on: state.contract_expires_on,
    assembly_status: state.assembly_status,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** Validates an `estate_filing_state` payload (the state row written by the backend). */
export function parseEstateFilingState(payload: unknown, event = 'estate_filing_state'): EstateFilingState {
  const p = payloadObject(payload, event)
  const text = (key: string) => {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
    return p[key] as string
  }
  return {
    estate_id: requireId(p, 'estate_id', event),
    estate_name: text('estate_name'),
    district_id: requireId(p, 'district_id', event),
    district_name: text('district_name'),
    street_id: requireId(p, 'street_id', event),
    street_name: text('street_name'),
    community_id: requireId(p, 'community_id', event),
    community_name: text('community_name'),
    contract_status: requireState(p, 'contract_status', event),
    contract_expires_on: optionalDate(p, 'contract_expires_on', event),
    assembly_status: requireState(p, 'assembly_status', event),
  }
}

/** YYYY-MM-DD or null; absent (events written before the field existed) reads null. */
function optionalDate(payload: Record<string, unknown>, key: string, event: string): string | null {
  const value = payload[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new PayloadError(`${event}: ${key} must be YYYY-MM-DD or null, got ${JSON.stringify(value)}`)
  return value
}

/** 备案情况's fact source: rebuild and reconcile page through the states by estate. */
export const factSource: FactSource<EstateFilingState> = {
  table: ESTATE_FILING_FACTS_TABLE,
  loadPage: loadEstateFilingStatePage,
  toFactRow: estateFilingFactRow,
  fields: ['estate_name', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'contract_status', 'contract_expires_on', 'assembly_status'],
}

/** The `estate_filing_state` outbox topic → estate_filing_facts. */
export const topicTransformer = sourceRowTopic(ESTATE_FILING_FACTS_TABLE, parseEstateFilingState, estateFilingFactRow)
