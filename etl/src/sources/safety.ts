/**
 * 平安建设 (module 12): one `safety_assessment_facts` row per assessment — community × the year's
 * assessment item (backend migration 0025 `safety_assessments` joined to `safety_items`) — with the
 * community's place, the year, the status and the score (warehouse/migrations/0017 says why the
 * table replaces). The unit is the community: `estate_id` is always 0 (the ETL's fact key leads with
 * it). Used by the safety service (backend, inside the transaction that changed the assessments), the
 * rebuild (bulk COPY), the reconciliation and the drain (fact source and topic transformer, found by slug).
 */
import type { BulkSource, FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import type { EstatePlace } from '@szpm/warehouse'
import { bulkVersionSelect, normalizeEstatePlace, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const SAFETY_ASSESSMENT_TOPIC = 'safety_assessment'
export const SAFETY_ASSESSMENT_FACTS_TABLE = 'safety_assessment_facts'
export const SAFETY_ASSESSMENT_STATUSES = ['not_started', 'in_progress', 'completed'] as const
export type SafetyAssessmentStatus = (typeof SAFETY_ASSESSMENT_STATUSES)[number]

/** One assessment as the warehouse mirrors it: the community's place (estate_id always 0: no estate). */
export type SafetyAssessmentRecord = Omit<EstatePlace, 'estate_name'> & {
  assessment_id: number
  item_id: number
  year: number
  assessment_status: SafetyAssessmentStatus
  /** 1 when the assessment has a score */
  has_score: number
  /** the score (0 when none) */
  score: number
}

const FROM = `from safety_assessments a
join safety_items i on i.id = a.item_id
join regions c on c.id = a.community_id
left join regions s on s.id = c.street_id
left join regions d on d.id = c.district_id`

const PLACE = `coalesce(c.district_id, 0) as district_id, coalesce(d.name, '') as district_name,
  coalesce(c.street_id, 0) as street_id, coalesce(s.name, '') as street_name,
  c.id as community_id, c.name as community_name`

/** Rows by assessment id. Parameters, in order: [assessmentIds?] [afterAssessmentId, limit]? */
export function safetyAssessmentSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('a.id', options)
  return `select
  0 as estate_id, ${PLACE},
  a.id as assessment_id, a.item_id, i.year, a.status as assessment_status,
  (a.score is not null)::int as has_score, coalesce(a.score, 0)::float8 as score
${FROM}${where ? `\n${where}` : ''}
order by a.id${limit ? `\n${limit}` : ''}`
}

export function normalizeSafetyAssessment(row: Record<string, unknown>): SafetyAssessmentRecord {
  const { estate_name: _none, ...place } = normalizeEstatePlace({ ...row, estate_id: 0, estate_name: '' })
  return {
    ...place,
    assessment_id: Number(row.assessment_id),
    item_id: Number(row.item_id),
    year: Number(row.year),
    assessment_status: row.assessment_status as SafetyAssessmentStatus,
    has_score: Number(row.has_score) ? 1 : 0,
    score: Number(row.score ?? 0),
  }
}

const readers = sourceReaders(SAFETY_ASSESSMENT_TOPIC, safetyAssessmentSql, normalizeSafetyAssessment)

/** The rows of the given assessments (ordered by id; unknown ids are simply absent). */
export const loadSafetyAssessments = readers.load
/** One keyset page of assessments with id > afterId. */
export const loadSafetyAssessmentPage = readers.loadPage
/**
 * For the safety service, INSIDE the transaction that changed the assessments (after the change):
 * takes the shared outbox-writer lock and appends one `safety_assessment` event per assessment.
 */
export const writeSafetyAssessmentOutbox = readers.writeOutbox

/** Assessment row + version/changed_at → a safety_assessment_facts row. */
export function safetyAssessmentFactRow(record: SafetyAssessmentRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...record, estate_id: 0, changed_at: toUnixSeconds(changedAt), version: String(version) }
}

/** Validates a `safety_assessment` payload (the source row written by the backend). */
export function parseSafetyAssessment(payload: unknown, event = SAFETY_ASSESSMENT_TOPIC): SafetyAssessmentRecord {
  const p = payloadObject(payload, event)
  for (const key of ['district_id', 'street_id', 'community_id', 'assessment_id', 'item_id']) requireId(p, key, event)
  for (const key of ['community_id', 'assessment_id', 'item_id']) {
    if (Number(p[key]) === 0) throw new PayloadError(`${event}: ${key} must be a positive id`)
  }
  for (const key of ['district_name', 'street_name', 'community_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  const year = Number(p.year)
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new PayloadError(`${event}: year must be 2000..2100, got ${JSON.stringify(p.year)}`)
  if (!(SAFETY_ASSESSMENT_STATUSES as readonly unknown[]).includes(p.assessment_status)) {
    throw new PayloadError(`${event}: assessment_status must be one of ${SAFETY_ASSESSMENT_STATUSES.join('|')}, got ${JSON.stringify(p.assessment_status)}`)
  }
  if (p.has_score !== 0 && p.has_score !== 1) throw new PayloadError(`${event}: has_score must be 0 or 1, got ${JSON.stringify(p.has_score)}`)
  if (typeof p.score !== 'number' || !Number.isFinite(p.score) || p.score < 0) throw new PayloadError(`${event}: score must be a non-negative number, got ${JSON.stringify(p.score)}`)
  return normalizeSafetyAssessment(p)
}

const COLUMNS = [
  'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_id',
  'assessment_id', 'item_id', 'year', 'assessment_status', 'has_score', 'score', 'changed_at', 'version',
] as const

/** The rebuild's COPY: every assessment in the fact table's column order. */
const bulk: BulkSource = {
  columns: COLUMNS,
  select: (version, changedAt) => `select
  coalesce(c.district_id, 0) as district_id, coalesce(d.name, '') as district_name,
  coalesce(c.street_id, 0) as street_id, coalesce(s.name, '') as street_name,
  c.id as community_id, c.name as community_name, 0 as estate_id,
  a.id as assessment_id, a.item_id, i.year, a.status as assessment_status,
  (a.score is not null)::int as has_score, coalesce(a.score, 0)::float8 as score,
  ${bulkVersionSelect(version, changedAt)}
${FROM}`,
}

export const safetyAssessmentFactSource: FactSource<SafetyAssessmentRecord> = {
  table: SAFETY_ASSESSMENT_FACTS_TABLE,
  topic: SAFETY_ASSESSMENT_TOPIC,
  transformer: sourceRowTopic(SAFETY_ASSESSMENT_FACTS_TABLE, parseSafetyAssessment, safetyAssessmentFactRow),
  bulk,
  loadPage: loadSafetyAssessmentPage,
  cursor: (row) => row.assessment_id,
  key: ['assessment_id'],
  countSql: 'select count(*) from safety_assessments',
  toFactRow: safetyAssessmentFactRow,
  fields: ['district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'item_id', 'year', 'assessment_status', 'has_score', 'score'],
}

export const factSources: readonly FactSource<any>[] = [safetyAssessmentFactSource]
