import { safety } from '@szpm/core'
import { statisticsController, type StatsParams } from '#statistics/statistics_controller'
import { safetyStatsValidator } from '#modules/safety/safety_validator'
import { currentSafetyYear } from '#modules/safety/safety_service'

/** 平安建设's statistics query: the region and the year (default: this year in Shanghai), named in the meta and the file name. */
export const safetyStatsParams: StatsParams = async (qs) => {
  const input = await safetyStatsValidator.validate(qs)
  const year = input.year ?? currentSafetyYear()
  return { region_id: input.region_id, filters: { year }, meta: async () => ({ year }), fileSuffix: `${year}年度` }
}

/** 平安建设统计 (`safety_stats.index` / `.export`): communities, items, completion and average score per region for one year. */
export default statisticsController(safety, safetyStatsParams)
