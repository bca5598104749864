/**
 * 信用信息 (module 7) at the grain of the record (backend migration 0024, warehouse migration 0015): one
 * `credit_record_facts` row per credit record, on the estate it concerns, with its subject's id and kind.
 *
 * The one SQL over credit_records used by the backend (outbox payloads, inside the writer's
 * transaction), the rebuild (row path and bulk COPY), the reconciliation and the drain (found by slug).
 * Nothing is deleted and a record never changes estate, so (estate_id, record_id) is a stable identity.
 */
import type { FactSource } from '../fact_sources.ts'
import { payloadObject, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const CREDIT_RECORD_FACTS_TABLE = 'credit_record_facts'
export const CREDIT_RECORD_TOPIC = 'credit_record'

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
}

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`
/** a record as its fact row names it (the warehouse's column order) */
const COLUMNS = `r.estate_id, r.id as record_id, r.subject_id, s.kind as subject_kind, r.polarity, r.category, coalesce(r.severity, '') as severity, ${day('r.decided_on')} as decided_on, ${day('r.valid_until')} as valid_until`
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
  }
}

const recordSource: FactSource<CreditRecordFact> = {
  table: CREDIT_RECORD_FACTS_TABLE,
  topic: CREDIT_RECORD_TOPIC,
  transformer: sourceRowTopic(CREDIT_RECORD_FACTS_TABLE, parseCreditRecord, creditRecordFactRow),
  bulk: {
    columns: ['estate_id', 'record_id', 'subject_id', 'subject_kind', 'polarity', 'category', 'severity', 'decided_on', 'valid_until', 'changed_at', 'version'],
    select: (at, changedAt) => `select ${COLUMNS}, ${bulkVersionSelect(at, changedAt)}\n${FROM}`,
  },
  loadPage: records.loadPage,
  cursor: (row) => row.record_id,
  key: ['record_id'],
  countSql: 'select count(*) from credit_records',
  toFactRow: creditRecordFactRow,
  fields: ['subject_id', 'subject_kind', 'polarity', 'category', 'severity', 'decided_on', 'valid_until'],
}

export const factSources: readonly FactSource<any>[] = [recordSource]
