/**
 * 物业项目风险预警 at the grain of the record (backend migration 0053, warehouse migration 0036): one
 * `estate_risk_daily` row per estate per day the daily job ran — the score, the level and each signal's
 * points — from `estate_risk_scores` (its id is the cursor; a re-run of a day updates its rows in place,
 * so (estate_id, day) is a stable identity).
 */
import { RISK_SIGNAL_KEYS } from '@szpm/core'
import type { FactSource } from '../fact_sources.ts'
import { payloadObject, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const ESTATE_RISK_DAILY_TABLE = 'estate_risk_daily'
export const ESTATE_RISK_TOPIC = 'estate_risk'

const LEVELS = ['red', 'orange', 'yellow', 'green'] as const

/** One estate's score of one day as the warehouse mirrors it; `points` in RISK_SIGNAL_KEYS order. */
export type EstateRiskFact = {
  score_id: number
  estate_id: number
  /** YYYY-MM-DD */
  day: string
  score: number
  level: (typeof LEVELS)[number]
  points: number[]
}

/** the points of each declared signal, in RISK_SIGNAL_KEYS order, from the row's signals JSON */
const POINTS = `array(select coalesce((sig->>'points')::float8, 0) from unnest(array[${RISK_SIGNAL_KEYS.map((key) => `'${key}'`).join(', ')}]::text[]) with ordinality as k(key, n)
  left join lateral (select x as sig from jsonb_array_elements(r.signals) x where x->>'key' = k.key limit 1) s on true order by k.n)`
const COLUMNS = `r.estate_id, r.id as score_id, to_char(r.day, 'YYYY-MM-DD') as day, r.score::float8 as score, r.level, ${POINTS} as points`
const FROM = 'from estate_risk_scores r'

function riskSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('r.id', options)
  return [`select ${COLUMNS}`, FROM, ...(where ? [where] : []), 'order by r.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): EstateRiskFact {
  return {
    score_id: Number(row.score_id),
    estate_id: Number(row.estate_id),
    day: String(row.day),
    score: Number(row.score),
    level: row.level as EstateRiskFact['level'],
    points: (row.points as unknown[]).map(Number),
  }
}

const scores = sourceReaders(ESTATE_RISK_TOPIC, riskSql, normalize)

/** For the backend, INSIDE the daily job's transaction: one `estate_risk` event per written row. */
export const writeEstateRiskOutbox = scores.writeOutbox

export function estateRiskFactRow(row: EstateRiskFact, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(at) }
}

export function parseEstateRisk(payload: unknown, event = ESTATE_RISK_TOPIC): EstateRiskFact {
  const p = payloadObject(payload, event)
  const score = Number(p.score)
  const points = Array.isArray(p.points) ? p.points.map(Number) : []
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new TypeError(`${event}: invalid score`)
  if (points.length !== RISK_SIGNAL_KEYS.length || points.some((value) => !Number.isFinite(value))) throw new TypeError(`${event}: invalid points`)
  return {
    score_id: requireId(p, 'score_id', event),
    estate_id: requireId(p, 'estate_id', event),
    day: requireDate(p, 'day', event),
    score,
    level: oneOf(p, 'level', LEVELS, event),
    points,
  }
}

const riskSource: FactSource<EstateRiskFact> = {
  table: ESTATE_RISK_DAILY_TABLE,
  topic: ESTATE_RISK_TOPIC,
  transformer: sourceRowTopic(ESTATE_RISK_DAILY_TABLE, parseEstateRisk, estateRiskFactRow),
  loadPage: scores.loadPage,
  cursor: (row) => row.score_id,
  key: ['score_id'],
  countSql: 'select count(*) from estate_risk_scores',
  toFactRow: estateRiskFactRow,
  fields: ['estate_id', 'day', 'score', 'level', 'points'],
}

export const factSources: readonly FactSource<any>[] = [riskSource]
