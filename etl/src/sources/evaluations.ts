/**
 * 街道社区评价 (module 13): one row per estate × year × half, read from `evaluations` joined to its
 * estate, the estate's regions and the half's window (`evaluation_periods.closes_on`). The stored
 * state is published as is; the warehouse cube derives "auto-scored once the window has closed"
 * from closes_on and an as-of date, so the numbers are right before the close job has run.
 * Used by the outbox writers (backend, inside the transaction that changed the evaluation), the
 * rebuild and the reconciliation; the module's fact source and topic transformer (found by slug:
 * etl/src/fact_sources.ts, etl/src/topics.ts).
 */
import { ESTATE_EVALUATION_FACTS_TABLE } from '@szpm/warehouse'
import type { EstateEvaluationFactRow, EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import {
  bulkVersionSelect,
  ESTATE_PLACE_BULK_SELECT,
  ESTATE_PLACE_COLUMNS,
  ESTATE_PLACE_FACT_COLUMNS,
  ESTATE_PLACE_JOINS,
  normalizeEstatePlace,
  sourceFilter,
  sourceReaders,
  type SourceQueryOptions,
} from './source_rows.ts'

export type EvaluationState = 'pending' | 'submitted' | 'reviewed' | 'auto_scored'
export const EVALUATION_STATES: readonly EvaluationState[] = ['pending', 'submitted', 'reviewed', 'auto_scored']

export type EstateEvaluation = EstatePlace & {
  /** evaluations.id: the keyset cursor of the rebuild / reconciliation (not stored in ClickHouse) */
  evaluation_id: number
  year: number
  half: number
  state: EvaluationState
  /** community staff submitted scores at some point (已评价) */
  was_submitted: boolean
  /** the score that took effect (reviewed, or 100 when auto-scored); 0 when none yet */
  final_score: number
  /** YYYY-MM-DD, the last day of the half's window */
  closes_on: string
}

export const ESTATE_EVALUATION_TOPIC = 'estate_evaluation'

/** Rows by evaluation id. Parameters, in order: [evaluationIds?] [afterEvaluationId, limit]? */
export function estateEvaluationSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('ev.id', options)
  return `select
  ev.id as evaluation_id,
  ${ESTATE_PLACE_COLUMNS},
  ev.year, ev.half, ev.state,
  (ev.submitted_at is not null or ev.submitted_score is not null) as was_submitted,
  coalesce(ev.final_score, 0)::float8 as final_score,
  to_char(p.closes_on, 'YYYY-MM-DD') as closes_on
from evaluations ev
join estates e on e.id = ev.estate_id
join evaluation_periods p on p.year = ev.year and p.half = ev.half
${ESTATE_PLACE_JOINS}${where ? `\n${where}` : ''}
order by ev.id${limit ? `\n${limit}` : ''}`
}

export function normalizeEstateEvaluation(row: Record<string, unknown>): EstateEvaluation {
  return {
    evaluation_id: Number(row.evaluation_id),
    ...normalizeEstatePlace(row),
    year: Number(row.year),
    half: Number(row.half),
    state: row.state as EvaluationState,
    was_submitted: row.was_submitted === true || row.was_submitted === 1 || row.was_submitted === '1',
    final_score: Math.round(Number(row.final_score ?? 0) * 100) / 100,
    closes_on: String(row.closes_on),
  }
}

const readers = sourceReaders(ESTATE_EVALUATION_TOPIC, estateEvaluationSql, normalizeEstateEvaluation)

/** The rows of the given evaluations (ordered by id; unknown ids are simply absent). */
export const loadEstateEvaluations = readers.load

/** One keyset page of evaluations with `evaluations.id > afterId`. */
export const loadEstateEvaluationPage = readers.loadPage

/**
 * For writers of evaluations, INSIDE their transaction: takes the shared outbox-writer lock and
 * appends one `estate_evaluation` event per evaluation (entity_id = the estate).
 */
export const writeEstateEvaluationOutbox = readers.writeOutbox

/** Evaluation row + version/changed_at → estate_evaluation_facts row (also used by the rebuild). */
export function estateEvaluationFactRow(evaluation: EstateEvaluation, version: string | bigint | number, changedAt: Date | string): EstateEvaluationFactRow {
  return {
    district_id: evaluation.district_id,
    district_name: evaluation.district_name,
    street_id: evaluation.street_id,
    street_name: evaluation.street_name,
    community_id: evaluation.community_id,
    community_name: evaluation.community_name,
    estate_id: evaluation.estate_id,
    estate_name: evaluation.estate_name,
    year: evaluation.year,
    half: evaluation.half,
    state: evaluation.state,
    was_submitted: evaluation.was_submitted ? 1 : 0,
    final_score: evaluation.final_score,
    closes_on: evaluation.closes_on,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** Validates an `estate_evaluation` payload (the source row written by the backend). */
export function parseEstateEvaluation(payload: unknown, event = 'estate_evaluation'): EstateEvaluation {
  const p = payloadObject(payload, event)
  for (const key of ['evaluation_id', 'estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  const year = Number(p.year)
  if (!Number.isInteger(year) || year < 1970 || year > 2105) throw new PayloadError(`${event}: year must be 1970..2105, got ${JSON.stringify(p.year)}`)
  if (p.half !== 1 && p.half !== 2) throw new PayloadError(`${event}: half must be 1 or 2, got ${JSON.stringify(p.half)}`)
  if (!(EVALUATION_STATES as readonly unknown[]).includes(p.state)) throw new PayloadError(`${event}: state must be one of ${EVALUATION_STATES.join('|')}, got ${JSON.stringify(p.state)}`)
  if (typeof p.was_submitted !== 'boolean') throw new PayloadError(`${event}: was_submitted must be a boolean`)
  const score = Number(p.final_score)
  if (typeof p.final_score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) throw new PayloadError(`${event}: final_score must be a number 0..100`)
  if (typeof p.closes_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.closes_on)) throw new PayloadError(`${event}: closes_on must be YYYY-MM-DD`)
  return {
    evaluation_id: Number(p.evaluation_id),
    estate_id: Number(p.estate_id),
    estate_name: p.estate_name as string,
    district_id: Number(p.district_id),
    district_name: p.district_name as string,
    street_id: Number(p.street_id),
    street_name: p.street_name as string,
    community_id: Number(p.community_id),
    community_name: p.community_name as string,
    year,
    half: p.half,
    state: p.state as EstateEvaluation['state'],
    was_submitted: p.was_submitted,
    final_score: score,
    closes_on: p.closes_on,
  }
}

/**
 * The rebuild's bulk path (see BulkSource): estate_evaluation_facts' columns straight from SQL, the
 * values estateEvaluationFactRow makes of estateEvaluationSql's rows — booleans as 0/1, the score as
 * float8 (PostgreSQL's shortest round-trip text, as JSON writes it), the date as YYYY-MM-DD.
 */
export const estateEvaluationBulk: BulkSource = {
  columns: [...ESTATE_PLACE_FACT_COLUMNS, 'year', 'half', 'state', 'was_submitted', 'final_score', 'closes_on', 'changed_at', 'version'],
  select: (version, changedAt) => `select
  ${ESTATE_PLACE_BULK_SELECT},
  ev.year, ev.half, ev.state,
  (ev.submitted_at is not null or ev.submitted_score is not null)::int as was_submitted,
  coalesce(ev.final_score, 0)::float8 as final_score,
  to_char(p.closes_on, 'YYYY-MM-DD') as closes_on,
  ${bulkVersionSelect(version, changedAt)}
from evaluations ev
join estates e on e.id = ev.estate_id
join evaluation_periods p on p.year = ev.year and p.half = ev.half
${ESTATE_PLACE_JOINS}`,
}

/** 街道社区评价's fact source: one row per estate × year × half, paged by evaluation id. */
const factSource: FactSource<EstateEvaluation> = {
  table: ESTATE_EVALUATION_FACTS_TABLE,
  topic: ESTATE_EVALUATION_TOPIC,
  transformer: sourceRowTopic(ESTATE_EVALUATION_FACTS_TABLE, parseEstateEvaluation, estateEvaluationFactRow),
  bulk: estateEvaluationBulk,
  loadPage: loadEstateEvaluationPage,
  cursor: (row) => row.evaluation_id,
  key: ['year', 'half'],
  countSql: 'select count(*) from evaluations',
  toFactRow: estateEvaluationFactRow,
  fields: ['estate_name', 'district_id', 'street_id', 'community_id', 'state', 'was_submitted', 'final_score', 'closes_on'],
}

export const factSources: readonly FactSource<any>[] = [factSource]
