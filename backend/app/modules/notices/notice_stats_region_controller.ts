import { notices } from '@szpm/core'
import { statisticsController } from '#statistics/statistics_controller'

/** 通知阅读统计 (`notice_statistics.index` / `.export`): every notice's receipts per region, the declared metrics. */
export default statisticsController(notices)
