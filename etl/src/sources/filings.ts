/**
 * 备案情况's source at the grain of the record: one row per filing (物业服务合同备案 / 业主大会备案) of
 * PostgreSQL `filings`, as stored — kind, status, filing date and last day. The warehouse table
 * `filing_facts` holds these rows, and the estate_filings cube (warehouse/src/cubes/filings.ts)
 * decides each estate's state from them with the rule PostgreSQL's `estate_filing_states` view
 * applies (backend migrations 0004 and 0011):
 *
 *   per kind ('contract' | 'assembly'): the most recent filing of that kind
 *   (order by filed_on desc, id desc) whose status is 'filed' or 'expired' gives the state;
 *   none → 'not_filed'; withdrawn filings are ignored; a contract stored 'filed' reads 已过期 from
 *   the day after its `expires_on`, as of a date (the cube's `asOf` param), never by a job.
 *
 * This module is the one SQL over `filings` used by the backend (outbox payloads, inside its
 * transaction), the rebuild (row path and bulk path) and the reconciliation, and the module's fact
 * source with its topic transformer (found by slug: etl/src/fact_sources.ts, etl/src/topics.ts).
 * Filings are never deleted and never change estate, so (estate_id, filing_id) is a stable identity.
 */
import { FILING_FACTS_TABLE } from '@szpm/warehouse'
import type { FilingFactRow, FilingKind, FilingStatus } from '@szpm/warehouse'
import type { FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export type { FilingKind, FilingStatus } from '@szpm/warehouse'

/** One filing as the warehouse mirrors it. */
export type FilingRecord = {
  filing_id: number
  estate_id: number
  kind: FilingKind
  status: FilingStatus
  /** YYYY-MM-DD */
  filed_on: string
  /** YYYY-MM-DD, the last day (contracts); null: open-ended */
  expires_on: string | null
}

/** The outbox topic: one event per changed filing, its payload the filing's row. */
export const FILING_TOPIC = 'filing'
export const FILING_KINDS: readonly FilingKind[] = ['contract', 'assembly']
export const FILING_STATUSES: readonly FilingStatus[] = ['filed', 'expired', 'withdrawn']

const COLUMNS = "f.id as filing_id, f.estate_id, f.kind, f.status, to_char(f.filed_on, 'YYYY-MM-DD') as filed_on, to_char(f.expires_on, 'YYYY-MM-DD') as expires_on"

/** The filings SQL. `ids` selects filings by id; `keyset` pages by filing id. Parameters, in order: [ids?] [afterId, limit]? */
export function filingSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('f.id', options)
  return [`select ${COLUMNS}`, 'from filings f', ...(where ? [where] : []), 'order by f.id', ...(limit ? [limit] : [])].join('\n')
}

function normalizeFiling(row: Record<string, unknown>): FilingRecord {
  return {
    filing_id: Number(row.filing_id),
    estate_id: Number(row.estate_id),
    kind: row.kind as FilingKind,
    status: row.status as FilingStatus,
    filed_on: String(row.filed_on),
    expires_on: row.expires_on === null || row.expires_on === undefined ? null : String(row.expires_on),
  }
}

const readers = sourceReaders(FILING_TOPIC, filingSql, normalizeFiling)

/** Filings by id (ordered by id; unknown ids are simply absent). */
export const loadFilings = readers.load

/** One keyset page of filings with `id > afterId`. */
export const loadFilingPage = readers.loadPage

/**
 * For the backend, INSIDE the transaction that changed the given filings: takes the shared
 * outbox-writer lock, reads the filings as they now are and appends one `filing` outbox event per
 * filing. Returns the written rows.
 */
export const writeFilingOutbox = readers.writeOutbox

/** Filing row + version/changed_at → filing_facts row (also used by the rebuild). */
export function filingFactRow(filing: FilingRecord, version: string | bigint | number, changedAt: Date | string): FilingFactRow {
  return {
    estate_id: filing.estate_id,
    filing_id: filing.filing_id,
    kind: filing.kind,
    status: filing.status,
    filed_on: filing.filed_on,
    expires_on: filing.expires_on,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** the payload's `key` when it is one of `allowed` (a PayloadError otherwise) */
export function oneOf<T extends string>(payload: Record<string, unknown>, key: string, allowed: readonly T[], event: string): T {
  const value = payload[key]
  if (!(allowed as readonly unknown[]).includes(value)) throw new PayloadError(`${event}: ${key} must be one of ${allowed.join('|')}, got ${JSON.stringify(value)}`)
  return value as T
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
}

/** Validates a `filing` payload (the filing row written by the backend). */
export function parseFiling(payload: unknown, event = FILING_TOPIC): FilingRecord {
  const p = payloadObject(payload, event)
  if (!isDate(p.filed_on)) throw new PayloadError(`${event}: filed_on must be YYYY-MM-DD, got ${JSON.stringify(p.filed_on)}`)
  const expires = p.expires_on ?? null
  if (expires !== null && !isDate(expires)) throw new PayloadError(`${event}: expires_on must be YYYY-MM-DD or null, got ${JSON.stringify(p.expires_on)}`)
  return {
    filing_id: requireId(p, 'filing_id', event),
    estate_id: requireId(p, 'estate_id', event),
    kind: oneOf(p, 'kind', FILING_KINDS, event),
    status: oneOf(p, 'status', FILING_STATUSES, event),
    filed_on: p.filed_on,
    expires_on: expires,
  }
}

/** filing_facts' columns, in table order (the bulk path's SELECT produces exactly these). */
const FACT_COLUMNS = ['estate_id', 'filing_id', 'kind', 'status', 'filed_on', 'expires_on', 'changed_at', 'version'] as const

/** 备案情况's fact source: one row per filing, paged by filing id; reconciled per (estate_id, filing_id). */
const factSource: FactSource<FilingRecord> = {
  table: FILING_FACTS_TABLE,
  topic: FILING_TOPIC,
  transformer: sourceRowTopic(FILING_FACTS_TABLE, parseFiling, filingFactRow),
  bulk: {
    columns: FACT_COLUMNS,
    select(version, changedAt) {
      return `select f.estate_id, f.id as filing_id, f.kind, f.status, to_char(f.filed_on, 'YYYY-MM-DD') as filed_on, to_char(f.expires_on, 'YYYY-MM-DD') as expires_on, ${bulkVersionSelect(version, changedAt)} from filings f order by f.id`
    },
  },
  loadPage: loadFilingPage,
  cursor: (row) => row.filing_id,
  key: ['filing_id'],
  countSql: 'select count(*) from filings',
  toFactRow: filingFactRow,
  fields: ['kind', 'status', 'filed_on', 'expires_on'],
}

export const factSources: readonly FactSource<any>[] = [factSource]
