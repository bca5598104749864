import type Region from '#models/region'
import { regionStats } from '#statistics/region_stats'
import type { PeriodKey } from '#modules/evaluations/evaluation_periods'
import type { EvaluationMetrics } from '@szpm/core'

export const EVALUATION_METRICS = [
  'estates', 'evaluated', 'pending', 'submitted', 'reviewed', 'autoScored', 'averageScore',
  'below60', 'from60to69', 'from70to79', 'from80to89', 'from90to100',
] as const satisfies readonly (keyof EvaluationMetrics)[]

/**
 * 街道社区评价 statistics: always from the warehouse (cube `estate_evaluations`), one half-year,
 * grouped one level below the asked region, computed as of `today` — so a window that has closed
 * counts its unreviewed estates as 自动计分 (100) even before the close job has run, and
 * pending + submitted + reviewed + autoScored = estates always holds.
 */
export default class EvaluationStatsService {
  forRegion(region: Region, period: PeriodKey, asOf: string) {
    return regionStats<EvaluationMetrics & Record<string, number | null>>(region, {
      name: 'estate_evaluations',
      metrics: EVALUATION_METRICS,
      filters: { year: period.year, half: period.half },
      params: { asOf },
    })
  }
}
