import { partyBuilding } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 党建统计 (`party_building_stats.index` / `party_building_stats.export`): the declared metrics per child region. */
export default statisticsController(partyBuilding)
