import { inspections } from '@szpm/core'
import { filingStatsParams } from '#modules/filings/filing_stats_controller'
import { statisticsController } from '#statistics/statistics_controller'

/** 安全检查统计 (`inspection_stats.index` / `.export`): the declared metrics as of today (the cube's `asOf`: 逾期). */
export default statisticsController(inspections, filingStatsParams)
