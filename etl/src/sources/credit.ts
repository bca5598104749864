/**
 * 信用信息 (module 7) at the grain of the record (backend migration 0024, warehouse migration 0015): one
 * `credit_record_facts` row per credit record, on the estate it concerns, with its subject's id and kind.
 *
 * The one SQL over credit_records used by the backend (outbox payloads, inside the writer's
 * transaction), the rebuild (row path and bulk COPY), the reconciliation and the drain (found by slug).
 * A record never changes estate, so (estate_id, record_id) is a stable identity; a deleted record stays
 * in PostgreSQL (`deleted_at`, backend migration 0044) and is mirrored with `deleted = 1` (warehouse
 * migration 0034): the rollup, the trend and the cube skip it.
 */
import { CREDIT_CATEGORY_CODES } from '@szpm/warehouse'
import type { FactSource, Rollup } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const CREDIT_RECORD_FACTS_TABLE = 'credit_record_facts'
export const CREDIT_RECORD_TOPIC = 'credit_record'
export const CREDIT_ESTATE_TOTALS_TABLE = 'credit_estate_totals'

const SUBJECT_KINDS = ['company', 'project_leader', 'committee_director', 'owner', 'committee_secretary', 'owner_supervisor'] as const
const POLARITIES = ['good', 'bad'] as const
const CATEGORIES = [
  'commendation', 'happy_estate', 'green_property', 'green_demo_project', 'green_star_rating', 'standard_drafting', 'top_ten',
  'rectification', 'penalty', 'court_judgment', 'bottom_ten',
] as const
const SEVERITIES = ['', 'minor', 'serious', 'grave'] as const

/** One credit record as the warehouse mirrors it. */
export type CreditRecordFact = {
  record_id: number
  estate_id: number
  subject_id: number
  subject_kind: (typeof SUBJECT_KINDS)[number]
  polarity: (typeof POLARITIES)[number]
  category: (typeof CATEGORIES)[number]
  /** '' for 良好信息 */
  severity: (typeof SEVERITIES)[number]
  /** YYYY-MM-DD */
  decided_on: string
  /** YYYY-MM-DD, the last day it counts */
  valid_until: string
  /** 1 when a bureau deleted it (it no longer counts anywhere) */
  deleted: 0 | 1
}

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`
/** a record as its fact row names it (the warehouse's column order) */
const COLUMNS = `r.estate_id, r.id as record_id, r.subject_id, s.kind as subject_kind, r.polarity, r.category, coalesce(r.severity, '') as severity, ${day('r.decided_on')} as decided_on, ${day('r.valid_until')} as valid_until, (r.deleted_at is not null)::int as deleted`
const FROM = 'from credit_records r join credit_subjects s on s.id = r.subject_id'

function recordSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('r.id', options)
  return [`select ${COLUMNS}`, FROM, ...(where ? [where] : []), 'order by r.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): CreditRecordFact {
  return {
    record_id: Number(row.record_id),
    estate_id: Number(row.estate_id),
    subject_id: Number(row.subject_id),
    subject_kind: row.subject_kind as CreditRecordFact['subject_kind'],
    polarity: row.polarity as CreditRecordFact['polarity'],
    category: row.category as CreditRecordFact['category'],
    severity: String(row.severity ?? '') as CreditRecordFact['severity'],
    decided_on: String(row.decided_on),
    valid_until: String(row.valid_until),
    deleted: Number(row.deleted) === 1 ? 1 : 0,
  }
}

const records = sourceReaders(CREDIT_RECORD_TOPIC, recordSql, normalize)

/**
 * For the backend, INSIDE the transaction that wrote the records: takes the shared outbox-writer lock
 * and appends one `credit_record` event per record.
 */
export const writeCreditRecordOutbox = records.writeOutbox

export function creditRecordFactRow(row: CreditRecordFact, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(at) }
}

function invalidDeleted(event: string): never {
  throw new PayloadError(`${event}: deleted must be 0 or 1`)
}

export function parseCreditRecord(payload: unknown, event = CREDIT_RECORD_TOPIC): CreditRecordFact {
  const p = payloadObject(payload, event)
  return {
    record_id: requireId(p, 'record_id', event),
    estate_id: requireId(p, 'estate_id', event),
    subject_id: requireId(p, 'subject_id', event),
    subject_kind: oneOf(p, 'subject_kind', SUBJECT_KINDS, event),
    polarity: oneOf(p, 'polarity', POLARITIES, event),
    category: oneOf(p, 'category', CATEGORIES, event),
    severity: oneOf(p, 'severity', SEVERITIES, event),
    decided_on: requireDate(p, 'decided_on', event),
    valid_until: requireDate(p, 'valid_until', event),
    // events written before migration 0044 carry no flag: the record was not deleted
    deleted: p.deleted === undefined ? 0 : p.deleted === 1 || p.deleted === true ? 1 : p.deleted === 0 || p.deleted === false ? 0 : invalidDeleted(event),
  }
}

// ---------------------------------------------------------------------------------------------
// the per-estate rollup (warehouse migration 0021)

const ROLLUP_COLUMNS = ['estate_id', 'credit_records', 'credit_subject_ids', 'credit_good', 'credit_bad', 'credit_category_codes', 'credit_decided', 'credit_valid']

/**
 * Every estate's records as parallel arrays sorted by record id (`where`: a condition on the facts), from
 * the current row of each record (FINAL). Tuple positions: 1 record id, 2 subject, 3 良好, 4 不良, 5
 * category code, 6 decided on, 7 valid until.
 */
function estateArrays(facts: string, where: string): string {
  // the category's 1-based code in the cube's order (warehouse/src/cubes/credit.ts)
  const codes = `[${CREDIT_CATEGORY_CODES.map((code) => `'${code}'`).join(', ')}]`
  // deleted records are skipped by -If, not WHERE: ClickHouse 18.16 may move a WHERE on a non-key column
  // to PREWHERE, which runs before FINAL picks the newest row (an older, undeleted row would survive)
  const sorted = `SELECT estate_id, countIf(deleted = 0) AS r_records,
  arraySort(groupArrayIf((record_id, subject_id, toUInt8(polarity = 'good'), toUInt8(polarity = 'bad'), toUInt8(indexOf(${codes}, category)), decided_on, valid_until), deleted = 0)) AS r_sorted
FROM ${facts} FINAL${where ? ` WHERE ${where}` : ''} GROUP BY estate_id`
  const element = (position: number) => `arrayMap(t -> tupleElement(t, ${position}), r_sorted)`
  return `SELECT estate_id, r_records AS credit_records, ${element(2)} AS credit_subject_ids, ${element(3)} AS credit_good, ${element(4)} AS credit_bad,
  ${element(5)} AS credit_category_codes, ${element(6)} AS credit_decided, ${element(7)} AS credit_valid FROM (${sorted})`
}

/**
 * 信用信息's rollup (credit_estate_totals): per estate with records, its records' arrays. For the drain
 * (`estateIds`): every given estate gets a row (empty arrays when it has no record).
 */
export const creditEstateTotals: Rollup = {
  table: CREDIT_ESTATE_TOTALS_TABLE,
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const columns = `${ROLLUP_COLUMNS.join(', ')}, ${version} AS version`
    if (!estateIds) return `SELECT ${columns} FROM (${estateArrays(factsTable, '')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid estate id ${id}`)
    if (estateIds.length === 0) throw new TypeError('no estate ids')
    return `SELECT ${columns}
FROM (SELECT arrayJoin([${estateIds.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id) AS wanted
ANY LEFT JOIN (${estateArrays(factsTable, `estate_id IN (${estateIds.join(', ')})`)}) AS fresh USING estate_id`
  },
}

const recordSource: FactSource<CreditRecordFact> = {
  table: CREDIT_RECORD_FACTS_TABLE,
  topic: CREDIT_RECORD_TOPIC,
  transformer: sourceRowTopic(CREDIT_RECORD_FACTS_TABLE, parseCreditRecord, creditRecordFactRow),
  bulk: {
    columns: ['estate_id', 'record_id', 'subject_id', 'subject_kind', 'polarity', 'category', 'severity', 'decided_on', 'valid_until', 'deleted', 'changed_at', 'version'],
    select: (at, changedAt) => `select ${COLUMNS}, ${bulkVersionSelect(at, changedAt)}\n${FROM}`,
  },
  rollups: [creditEstateTotals],
  loadPage: records.loadPage,
  cursor: (row) => row.record_id,
  key: ['record_id'],
  countSql: 'select count(*) from credit_records',
  toFactRow: creditRecordFactRow,
  fields: ['subject_id', 'subject_kind', 'polarity', 'category', 'severity', 'decided_on', 'valid_until', 'deleted'],
}

export const factSources: readonly FactSource<any>[] = [recordSource]
