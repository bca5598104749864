import { parking } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 车位信息统计情况 (`parking_stats.index` / `parking_stats.export`): the declared metrics per child region. */
export default statisticsController(parking)
