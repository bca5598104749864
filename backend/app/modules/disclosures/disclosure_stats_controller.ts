import { disclosures } from '@szpm/core'
import { filingStatsParams } from '#modules/filings/filing_stats_controller'
import { statisticsController } from '#statistics/statistics_controller'

/** 信息公开统计 (`disclosure_stats.index` / `.export`): the declared metrics as of today (the cube's `asOf`: 本年 of 本年已公开项目). */
export default statisticsController(disclosures, filingStatsParams)
