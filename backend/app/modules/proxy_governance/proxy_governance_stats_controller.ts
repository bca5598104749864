import { proxyGovernance } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 居代业统计 (`proxy_governance_stats.index` / `.export`): 居代业 by state and the estates without a committee per region, the declared metrics. */
export default statisticsController(proxyGovernance)
