import { filings } from '@szpm/core'
import clock from '#services/clock'
import { regionOnly, statisticsController, type StatsParams } from '#statistics/statistics_controller'

/**
 * 备案情况's statistics query: the region, computed as of today (server clock, the cube's `asOf`) —
 * a contract past its last day counts as expired.
 */
export const filingStatsParams: StatsParams = async (qs) => ({ ...(await regionOnly(qs)), params: { asOf: clock.today() } })

/** 备案情况 statistics (`filing_stats.index` / `filing_stats.export`): the declared metrics as of today. */
export default statisticsController(filings, filingStatsParams)
