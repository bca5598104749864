import { credit } from '@szpm/core'
import { filingStatsParams } from '#modules/filings/filing_stats_controller'
import { statisticsController } from '#statistics/statistics_controller'

/** 信用信息统计 (`credit_stats.index` / `.export`): the declared metrics as of today (the cube's `asOf`: 有效 / 已过期). */
export default statisticsController(credit, filingStatsParams)
