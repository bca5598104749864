import { risk } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 物业项目风险预警统计 (`risk_stats.index` / `.export`): the latest run's estates by level and mean score. */
export default statisticsController(risk)
