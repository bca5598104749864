import { DateTime } from 'luxon'
import { commonFunds } from '@szpm/core'
import clock from '#services/clock'
import commonFundsConfig from '#config/common_funds'
import { regionOnly, statisticsController, type StatsParams } from '#statistics/statistics_controller'

/**
 * 共有资金情况's statistics query: the region, as of today (the platform clock, the cube's `asOf`);
 * an estate whose 业主大会 was filed before today minus the opening period (config/common_funds.ts)
 * and has no 基本账户 is overdue.
 */
export const commonFundStatsParams: StatsParams = async (qs) => {
  const asOf = clock.today()
  const overdueIfFiledBefore = DateTime.fromISO(asOf).minus({ days: commonFundsConfig.openDays }).toISODate()
  return { ...(await regionOnly(qs)), params: { asOf, overdueIfFiledBefore } }
}

/** 共有资金情况 statistics (`common_fund_stats.index` / `.export`): the declared metrics as of today. */
export default statisticsController(commonFunds, commonFundStatsParams)
