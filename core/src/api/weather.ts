/** 小区气象公告栏 (module 14): choose an estate of one's scope, then its weather board. */
import type { Http } from './http.ts'
import type { WeatherBoard, WeatherEstateOption } from './types.ts'

export function weatherApi(http: Http) {
  return {
    /** the estates of the user's scope whose name or address contains `q` (at most 50) */
    estates: (q = '') => http.call<WeatherEstateOption[], { total: number; limited: boolean }>('weather_estates.index', { query: q ? { q } : {} }),
    /** current weather, the 7-day forecast and the active warning signals at the estate */
    board: (id: number) => http.call<WeatherBoard>('weather_estates.show', { params: { id } }),
  }
}
