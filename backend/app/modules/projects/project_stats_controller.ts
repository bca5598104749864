import { projects } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 项目管理 statistics (`project_stats.index` / `project_stats.export`): the declared metrics, no extra filters. */
export default statisticsController(projects)
