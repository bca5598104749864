import { tenders } from '@szpm/core'
import { filingStatsParams } from '#modules/filings/filing_stats_controller'
import { statisticsController } from '#statistics/statistics_controller'

/** 招标投标统计 (`tenders_stats.index` / `.export`): the declared metrics, open rounds measured to today (the cube's `asOf`). */
export default statisticsController(tenders, filingStatsParams)
