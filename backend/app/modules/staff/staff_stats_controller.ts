import { staff } from '@szpm/core'
import { filingStatsParams } from '#modules/filings/filing_stats_controller'
import { statisticsController } from '#statistics/statistics_controller'

/** 从业人员信息 statistics (`staff_stats.index` / `.export`): the declared metrics as of today (the cube's `asOf`). */
export default statisticsController(staff, filingStatsParams)
