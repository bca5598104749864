import { disputes } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 纠纷化解统计 (`dispute_stats.index` / `dispute_stats.export`): the declared metrics per child region. */
export default statisticsController(disputes)
