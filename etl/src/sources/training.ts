/**
 * 宣传培训 (module 11)'s learning statistics at the grain of the record: one `learning_record_facts`
 * row per learning record — course × estate practitioner (backend migration 0023 `learning_records`,
 * module 9's `practitioners`) — with the practitioner's estate and its place, whether the learner is
 * the estate's 项目负责人, the enrolment day, progress, completion and learned minutes
 * (warehouse/migrations/0012_learning_record_facts.sql says why the engine collapses).
 *
 * Used by the training service (backend/app/services/outbox.ts `publishLearningRecords`, inside the
 * transaction that recorded a progress step), the rebuild (bulk COPY), the reconciliation and the
 * drain (the module's fact source and topic transformer, found by slug). Only practitioners of an
 * estate learn (the company group has no estate): the inner join keeps exactly those.
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource, Rollup } from '../fact_sources.ts'
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { PayloadError, payloadObject, requireId, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, ESTATE_PLACE_BULK_SELECT, ESTATE_PLACE_COLUMNS, ESTATE_PLACE_FACT_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, type ParamStyle } from './source_rows.ts'

export const LEARNING_RECORD_TOPIC = 'learning_record'
export const LEARNING_RECORD_FACTS_TABLE = 'learning_record_facts'
export const LEARNING_ESTATE_TOTALS_TABLE = 'learning_estate_totals'

/** One learning record as the warehouse mirrors it. */
export type LearningRecord = EstatePlace & {
  record_id: number
  course_id: number
  practitioner_id: number
  /** 1 = the learner is the estate's 项目负责人 */
  is_lead: number
  /** YYYY-MM-DD, the enrolment day (Asia/Shanghai) */
  enrolled_on: string
  /** 0–100 */
  progress: number
  learned_minutes: number
}

function idsParam(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid learning record id ${String(id)}`)
  }
  return `{${ids.join(',')}}`
}

const ENROLLED_ON = "to_char(r.enrolled_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')"
const FROM = `from learning_records r
join practitioners p on p.id = r.practitioner_id
join estates e on e.id = p.estate_id
${ESTATE_PLACE_JOINS}`

/**
 * The learning record rows. `by`: 'records' (ids), 'estates' (every record of the given estates'
 * practitioners: a moved or renamed estate), 'page' (keyset by record id: afterId, limit).
 */
export function learningRecordSql(by: 'records' | 'estates' | 'page', paramStyle: ParamStyle = 'pg'): string {
  let n = 0
  const param = () => (paramStyle === 'knex' ? '?' : `$${++n}`)
  const where = {
    records: () => `where r.id = any(${param()}::bigint[])`,
    estates: () => `where p.estate_id = any(${param()}::int[])`,
    page: () => `where r.id > ${param()}`,
  }[by]()
  return `select
  ${ESTATE_PLACE_COLUMNS},
  r.id as record_id, r.course_id, r.practitioner_id, p.is_lead::int as is_lead, ${ENROLLED_ON} as enrolled_on, r.progress, r.learned_minutes
${FROM}
${where}
order by r.id${by === 'page' ? `\nlimit ${param()}` : ''}`
}

export function normalizeLearningRecord(row: Record<string, unknown>): LearningRecord {
  return {
    ...normalizeEstatePlace(row),
    record_id: Number(row.record_id),
    course_id: Number(row.course_id),
    practitioner_id: Number(row.practitioner_id),
    is_lead: Number(row.is_lead) ? 1 : 0,
    enrolled_on: String(row.enrolled_on),
    progress: Number(row.progress),
    learned_minutes: Number(row.learned_minutes),
  }
}

export async function loadLearningRecordPage(queryFn: QueryFn, afterId: number, limit: number): Promise<LearningRecord[]> {
  return (await queryFn<Record<string, unknown>>(learningRecordSql('page'), [afterId, limit])).map(normalizeLearningRecord)
}

const WRITE_CHUNK = 5_000

/**
 * For the training service, INSIDE the transaction that changed the records (after the change):
 * takes the shared outbox-writer lock and appends one `learning_record` event per record, its payload
 * the record's current row. Lucid: `writeLearningRecordOutbox((sql, params) => trx.rawQuery(sql, params).then((r) => r.rows), ids, { paramStyle: 'knex' })`
 */
export async function writeLearningRecordOutbox(queryFn: QueryFn, recordIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<LearningRecord[]> {
  const ids = [...new Set(recordIds)]
  const written: LearningRecord[] = []
  for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
    const chunk = ids.slice(start, start + WRITE_CHUNK)
    const load = async () => (await queryFn<Record<string, unknown>>(learningRecordSql('records', options.paramStyle), [idsParam(chunk)])).map(normalizeLearningRecord)
    written.push(...(await appendOutboxEvents(queryFn, LEARNING_RECORD_TOPIC, load, options)))
  }
  return written
}

/** For writers that change a whole estate (moved, renamed) or its learners: one event per record of the estates. */
export async function writeEstateLearningRecordsOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<LearningRecord[]> {
  if (estateIds.length === 0) return []
  return appendOutboxEvents(queryFn, LEARNING_RECORD_TOPIC, async () => (await queryFn<Record<string, unknown>>(learningRecordSql('estates', options.paramStyle), [idsParam(estateIds)])).map(normalizeLearningRecord), options)
}

/** Record row + version/changed_at → a live learning_record_facts row (sign 1). */
export function learningRecordFactRow(record: LearningRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    ...normalizeEstatePlace(record),
    course_id: record.course_id,
    record_id: record.record_id,
    practitioner_id: record.practitioner_id,
    is_lead: record.is_lead,
    enrolled_on: record.enrolled_on,
    progress: record.progress,
    is_completed: record.progress >= 100 ? 1 : 0,
    learned_minutes: record.learned_minutes,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
    sign: 1,
  }
}

/** Validates a `learning_record` payload (the record row written by the backend). */
export function parseLearningRecord(payload: unknown, event = LEARNING_RECORD_TOPIC): LearningRecord {
  const p = payloadObject(payload, event)
  for (const key of ['estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  for (const key of ['course_id', 'practitioner_id']) {
    if (requireId(p, key, event) === 0 || p[key] === null) throw new PayloadError(`${event}: ${key} must be a positive id, got ${JSON.stringify(p[key])}`)
  }
  if (!Number.isSafeInteger(Number(p.record_id)) || Number(p.record_id) <= 0) throw new PayloadError(`${event}: record_id must be a positive integer`)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  if (p.is_lead !== 0 && p.is_lead !== 1) throw new PayloadError(`${event}: is_lead must be 0 or 1, got ${JSON.stringify(p.is_lead)}`)
  const progress = Number(p.progress)
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) throw new PayloadError(`${event}: progress must be an integer 0..100, got ${JSON.stringify(p.progress)}`)
  const minutes = Number(p.learned_minutes)
  if (!Number.isInteger(minutes) || minutes < 0) throw new PayloadError(`${event}: learned_minutes must be a non-negative integer, got ${JSON.stringify(p.learned_minutes)}`)
  if (typeof p.enrolled_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.enrolled_on)) throw new PayloadError(`${event}: enrolled_on must be YYYY-MM-DD, got ${JSON.stringify(p.enrolled_on)}`)
  return normalizeLearningRecord(p)
}

const transformer = {
  table: LEARNING_RECORD_FACTS_TABLE,
  toRows(event: { id: string; topic: string; payload: unknown; created_at: Date }) {
    return [learningRecordFactRow(parseLearningRecord(event.payload, `outbox event ${event.id} (${event.topic})`), event.id, event.created_at)]
  },
}

const COLUMNS = [...ESTATE_PLACE_FACT_COLUMNS, 'course_id', 'record_id', 'practitioner_id', 'is_lead', 'enrolled_on', 'progress', 'is_completed', 'learned_minutes', 'changed_at', 'version', 'sign'] as const

/** The rebuild's COPY: every learning record of an estate practitioner in the fact table's column order (sign 1). */
const bulk: BulkSource = {
  columns: COLUMNS,
  select(version, changedAt) {
    return `select ${ESTATE_PLACE_BULK_SELECT},
  r.course_id, r.id as record_id, r.practitioner_id, p.is_lead::int as is_lead, ${ENROLLED_ON} as enrolled_on,
  r.progress, (r.progress >= 100)::int as is_completed, r.learned_minutes,
  ${bulkVersionSelect(version, changedAt)}, 1 as sign
${FROM}`
  },
}

/** the figures per estate from the facts' live rows (every given estate gets a row, 0 when none is left) */
export const learningEstateTotals: Rollup = {
  table: LEARNING_ESTATE_TOTALS_TABLE,
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const figures = [
      'sum(sign) AS staff_enrolled', 'sum(is_completed * sign) AS staff_completed', 'sum(learned_minutes * sign) AS staff_minutes',
      'sum(is_lead * sign) AS lead_enrolled', 'sum(is_lead * is_completed * sign) AS lead_completed', 'sum(is_lead * learned_minutes * sign) AS lead_minutes',
    ].join(', ')
    const columns = `estate_id, staff_enrolled, staff_completed, staff_minutes, lead_enrolled, lead_completed, lead_minutes, ${version} AS version`
    const totals = (where: string) => `SELECT estate_id, ${figures} FROM ${factsTable}${where} GROUP BY estate_id`
    if (!estateIds) return `SELECT ${columns} FROM (${totals('')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid estate id ${id}`)
    return `SELECT ${columns}
FROM (SELECT arrayJoin([${estateIds.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id)
ANY LEFT JOIN (${totals(` WHERE estate_id IN (${estateIds.join(', ')})`)}) USING estate_id`
  },
}

export const learningRecordFactSource: FactSource<LearningRecord> = {
  table: LEARNING_RECORD_FACTS_TABLE,
  topic: LEARNING_RECORD_TOPIC,
  transformer,
  bulk,
  collapsing: { identity: ['estate_id', 'record_id'] },
  rollups: [learningEstateTotals],
  loadPage: loadLearningRecordPage,
  cursor: (row) => row.record_id,
  key: ['record_id'],
  countSql: 'select count(*) from learning_records r join practitioners p on p.id = r.practitioner_id where p.estate_id is not null',
  toFactRow: learningRecordFactRow,
  fields: ['estate_id', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_name', 'course_id', 'practitioner_id', 'is_lead', 'enrolled_on', 'progress', 'learned_minutes'],
}

export const factSources: readonly FactSource<any>[] = [learningRecordFactSource]
