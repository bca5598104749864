import app from '@adonisjs/core/services/app'
import { evaluations } from '@szpm/core'
import clock from '#services/clock'
import { statisticsController, type StatsParams } from '#statistics/statistics_controller'
import { evaluationStatsValidator } from '#modules/evaluations/evaluation_stats_validator'
import { periodLabel, resolvePeriod } from '#modules/evaluations/evaluation_periods'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'

/**
 * 街道社区评价's statistics query: the region and the half-year (default: the latest that has
 * started), computed as of today (server clock) — so a window that has closed counts its unreviewed
 * estates as 自动计分 even before the close job has run. The answer's meta names the period.
 */
export const evaluationStatsParams: StatsParams = async (qs) => {
  const input = await evaluationStatsValidator.validate(qs)
  const today = clock.today()
  const period = resolvePeriod(input, today)
  return {
    region_id: input.region_id,
    filters: { year: period.year, half: period.half },
    params: { asOf: today },
    meta: async () => ({ period: await (await app.container.make(EvaluationPeriodService)).describe(period) }),
    fileSuffix: periodLabel(period),
  }
}

/** 街道社区评价 statistics (`evaluation_stats.index` / `evaluation_stats.export`), one half-year. */
export default statisticsController(evaluations, evaluationStatsParams)
