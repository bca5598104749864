import { statisticsApi } from '@szpm/api'
import { api } from './client'

/** any declared statistics module: its statistics, records (穿透) and their exports */
export const { stats, statsExportUrl, records, recordsExportUrl } = statisticsApi(api)
