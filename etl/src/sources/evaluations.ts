/**
 * 街道社区评价 (module 13): one row per estate × year × half, read from `evaluations` joined to its
 * estate, the estate's regions and the half's window (`evaluation_periods.closes_on`). The stored
 * state is published as is; the warehouse cube derives "auto-scored once the window has closed"
 * from closes_on and an as-of date, so the numbers are right before the close job has run.
 * Used by the outbox writers (backend, inside the transaction that changed the evaluation), the
 * rebuild and the reconciliation.
 */
import type { EstatePlace } from '@szpm/warehouse'
import { ESTATE_PLACE_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

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
