import type { TrainingMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

const rate = (done: string, all: string) => `if(sum(${all}) = 0, 0, sum(${done}) / sum(${all}))`

/**
 * 宣传培训's learning statistics (项目从业人员学习情况 and 项目负责人学习情况). The facts are at the grain of
 * the record — learning_record_facts, one row per learning record (migration 0012) — and the pipeline
 * keeps their per-estate rollup learning_estate_totals beside them (migration 0014), as for houses and
 * parking spaces: the cube joins one row per estate to estate_profile_facts (every estate with its
 * current place; one without records reads 0) instead of summing ≈ 3M records per request.
 * 项目从业人员 are every estate practitioner, 项目负责人 those with `is_lead`; 学时 = minutes / 60.
 */
export const cube: CubeDefinition<TrainingMetric> = {
  name: 'training',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (SELECT estate_id, staff_enrolled, staff_completed, staff_minutes, lead_enrolled, lead_completed, lead_minutes FROM learning_estate_totals FINAL) AS training USING estate_id`,
  metrics: {
    staffEnrolled: { sql: 'sum(staff_enrolled)', kind: 'count', description: 'learning records of estate practitioners' },
    staffCompleted: { sql: 'sum(staff_completed)', kind: 'count' },
    staffHours: { sql: 'sum(staff_minutes) / 60', kind: 'sum' },
    staffCompletionRate: { sql: rate('staff_completed', 'staff_enrolled'), kind: 'rate' },
    leadEnrolled: { sql: 'sum(lead_enrolled)', kind: 'count', description: 'learning records of 项目负责人' },
    leadCompleted: { sql: 'sum(lead_completed)', kind: 'count' },
    leadHours: { sql: 'sum(lead_minutes) / 60', kind: 'sum' },
    leadCompletionRate: { sql: rate('lead_completed', 'lead_enrolled'), kind: 'rate' },
  },
}
