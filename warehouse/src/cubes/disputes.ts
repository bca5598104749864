import type { DisputesMetric } from '@szpm/core'
import { DISPUTE_STATE_METRICS, DISPUTE_TYPE_METRICS, PARKING_TYPE_OF_DISPUTE } from '@szpm/core'
import type { CubeDefinition, MetricDefinition } from './types.ts'

const STATES = Object.keys(DISPUTE_STATE_METRICS) as (keyof typeof DISPUTE_STATE_METRICS)[]
const TYPES = Object.keys(DISPUTE_TYPE_METRICS) as (keyof typeof DISPUTE_TYPE_METRICS)[]
const PARKING_TYPES = Object.keys(PARKING_TYPE_OF_DISPUTE)

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ')

/** days from 受理日期 to the (Shenzhen) day it was closed, for closed disputes (closed_on is NULL while open) */
const DAYS = 'ifNull(toInt64(toRelativeDayNum(closed_on)) - toInt64(toRelativeDayNum(reported_on)), 0)'

/**
 * One row per estate with its disputes counted by state and type (dispute_facts, one row per dispute,
 * current state read FINAL, grouped here: ≈ 30k rows at city scale) and the summed handling days of
 * its closed ones.
 */
export const DISPUTES_PER_ESTATE =
  'SELECT estate_id, count() AS disputes_total, ' +
  STATES.map((state) => `countIf(state = '${state}') AS disputes_${state}`).join(', ') + ', ' +
  TYPES.map((type) => `countIf(dispute_type = '${type}') AS disputes_type_${type}`).join(', ') + ', ' +
  `countIf(dispute_type IN (${quoted(PARKING_TYPES)})) AS disputes_parking, ` +
  `sumIf(${DAYS}, state = 'closed') AS disputes_closed_days ` +
  'FROM dispute_facts FINAL GROUP BY estate_id'

const count = (column: string): MetricDefinition => ({ sql: `sum(${column})`, kind: 'count' })

const stateMetrics = Object.fromEntries(STATES.map((state) => [DISPUTE_STATE_METRICS[state], count(`disputes_${state}`)])) as Record<(typeof DISPUTE_STATE_METRICS)[keyof typeof DISPUTE_STATE_METRICS], MetricDefinition>
const typeMetrics = Object.fromEntries(TYPES.map((type) => [DISPUTE_TYPE_METRICS[type], count(`disputes_type_${type}`)])) as Record<(typeof DISPUTE_TYPE_METRICS)[keyof typeof DISPUTE_TYPE_METRICS], MetricDefinition>

/**
 * 纠纷化解统计 (module 22): every estate (estate_profile_facts, its current place) with its disputes
 * (DISPUTES_PER_ESTATE; an estate without any reads 0). 办结率 = 已办结 ÷ 纠纷总数 (0 without disputes);
 * 平均办理天数 = the closed disputes' days from 受理日期 to the Shenzhen day of 确认办结 (null without one).
 */
export const cube: CubeDefinition<DisputesMetric> = {
  name: 'disputes',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${DISPUTES_PER_ESTATE}) AS dispute_estates USING estate_id`,
  metrics: {
    disputes: count('disputes_total'),
    ...stateMetrics,
    openDisputes: { sql: 'sum(disputes_total) - sum(disputes_closed)', kind: 'count', description: 'every state but 已办结' },
    closeRate: { sql: 'if(sum(disputes_total) = 0, 0, sum(disputes_closed) / sum(disputes_total))', kind: 'rate' },
    averageDays: { sql: 'if(sum(disputes_closed) = 0, nan, sum(disputes_closed_days) / sum(disputes_closed))', kind: 'average', description: 'null without a closed dispute' },
    ...typeMetrics,
    parkingDisputes: count('disputes_parking'),
  },
}
