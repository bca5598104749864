import type { SafetyMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

const COMPLETED = "assessment_status = 'completed'"
/** communities with at least one scored assessment (the base of the average) */
const SCORED_COMMUNITIES = 'uniqExactIf(community_id, has_score = 1)'

/**
 * 平安建设's statistics: one safety_assessment_facts row per assessment (community × the year's
 * assessment item, warehouse/migrations/0017_safety_assessment_facts.sql), read with FINAL, filtered
 * by `year`. Regions drill 区 → 街道 → 社区 (a community's own rows are its records).
 * 平均得分: a community's score is the sum of its scored assessments; the average is over the
 * communities with at least one score (NULL when none: "-").
 */
export const cube: CubeDefinition<SafetyMetric> = {
  name: 'safety',
  table: 'safety_assessment_facts',
  final: true,
  // the facts are per community (estate_id is always 0)
  leaf: 'community',
  filters: {
    year: { column: 'year', type: 'UInt16', description: 'the assessment year' },
  },
  metrics: {
    communities: { sql: 'uniqExact(community_id)', kind: 'count', description: 'communities with assessments' },
    items: { sql: 'count()', kind: 'count', description: 'assessments: community × item' },
    notStarted: { sql: "countIf(assessment_status = 'not_started')", kind: 'count' },
    inProgress: { sql: "countIf(assessment_status = 'in_progress')", kind: 'count' },
    completed: { sql: `countIf(${COMPLETED})`, kind: 'count' },
    completionRate: { sql: `if(count() = 0, 0, countIf(${COMPLETED}) / count())`, kind: 'rate' },
    averageScore: { sql: `if(${SCORED_COMMUNITIES} = 0, NULL, sumIf(score, has_score = 1) / ${SCORED_COMMUNITIES})`, kind: 'average' },
  },
}
