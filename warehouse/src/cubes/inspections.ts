import type { InspectionMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/**
 * Per estate, its inspection targets (inspection_target_facts FINAL, one row per task × estate,
 * warehouse/migrations/0030): counts by state, problems found and rectified, and the deadlines of the
 * targets still 待填报 (so 逾期 is judged against `asOf` at read time, not when an event was written).
 */
export const INSPECTIONS_PER_ESTATE =
  "SELECT estate_id, count() AS i_targets, countIf(state = 'pending') AS i_pending, countIf(state = 'rectifying') AS i_rectifying, " +
  "sum(problems) AS i_problems, sum(rectified_problems) AS i_rectified, groupArrayIf(deadline, state = 'pending') AS i_pending_deadlines " +
  'FROM inspection_target_facts FINAL GROUP BY estate_id'

const TARGETS = 'sum(i_targets)'
const COMPLETED = 'sum(i_targets - i_pending)'
const PROBLEMS = 'sum(i_problems)'

/**
 * 安全检查统计 (module 15): every estate (estate_profile_facts, its current place) with its targets.
 * 已完成填报 = submitted, rectifying or rectified; 逾期未填报 = still pending with deadline < asOf
 * (Asia/Shanghai today) — PostgreSQL's rule in app/modules/inspections/inspection_target_query.ts.
 */
export const cube: CubeDefinition<InspectionMetric> = {
  name: 'inspections',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${INSPECTIONS_PER_ESTATE}) AS inspection_estates USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): a pending target whose deadline is before it is 逾期' },
  },
  metrics: {
    targets: { sql: TARGETS, kind: 'count', description: 'task × target estate' },
    estates: { sql: 'countIf(i_targets > 0)', kind: 'count', description: 'estates with at least one target' },
    pending: { sql: 'sum(i_pending)', kind: 'count' },
    completed: { sql: COMPLETED, kind: 'count' },
    overdue: { sql: 'sum(arrayCount(d -> d < asOf, i_pending_deadlines))', kind: 'count' },
    completionRate: { sql: `if(${TARGETS} = 0, 0, ${COMPLETED} / ${TARGETS})`, kind: 'rate' },
    rectifying: { sql: 'sum(i_rectifying)', kind: 'count' },
    problems: { sql: PROBLEMS, kind: 'count' },
    rectifiedProblems: { sql: 'sum(i_rectified)', kind: 'count' },
    openProblems: { sql: 'sum(i_problems - i_rectified)', kind: 'count' },
    rectificationRate: { sql: `if(${PROBLEMS} = 0, 0, sum(i_rectified) / ${PROBLEMS})`, kind: 'rate' },
  },
}
