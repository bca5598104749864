import { decisions } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 业主决策情况统计 (`decisions_stats.index` / `.export`): meetings, topics, results and participation per region, the declared metrics. */
export default statisticsController(decisions)
