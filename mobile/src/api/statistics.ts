import { statisticsApi } from '@szpm/api'
import { api } from './client'

/** the per-region statistics and the records (穿透) of any declared statistics module, by slug */
export const statistics = statisticsApi(api)
