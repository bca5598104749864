import { training } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 学习情况统计 (`training_statistics.index` / `.export`): 项目从业人员 and 项目负责人 learning figures per region, the declared metrics. */
export default statisticsController(training)
