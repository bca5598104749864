import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { containing } from '#services/like_pattern'
import { findEstateInScope, userScope, whereEstateIn } from '#services/region_scope'
import { WeatherApiError, weatherClient, type QWeatherClient, type WeatherResult } from '#services/weather/main'
import type { WeatherDay, WeatherNow, WeatherWarning } from '#services/weather/main'

/** at most this many estates answer one search (the user narrows the keyword) */
export const WEATHER_ESTATE_LIMIT = 50

export interface WeatherEstateRow {
  id: number
  name: string
  address: string
  community_name: string
  street_name: string
  lng: number | null
  lat: number | null
}

/** a section's result, or the Chinese reason it failed */
export type Section<T> = { ok: true; result: WeatherResult<T> } | { ok: false; message: string }

export interface Board {
  estate: WeatherEstateRow
  now: Section<WeatherNow> | null
  forecast: Section<WeatherDay[]> | null
  warnings: Section<WeatherWarning[]> | null
  source: string
}

export default class WeatherService {
  client: () => QWeatherClient = weatherClient

  #estateQuery() {
    return db
      .from('estates as e')
      .join('regions as c', 'c.id', 'e.community_id')
      .join('regions as s', 's.id', 'e.street_id')
      .select('e.id', 'e.name', 'e.address', 'e.lng', 'e.lat', 'c.name as community_name', 's.name as street_name')
  }

  /** 选择小区: the estates of the user's scope whose name or address contains `q`, by name. */
  async estates(user: User, q?: string): Promise<{ rows: WeatherEstateRow[]; limited: boolean }> {
    const query = whereEstateIn(this.#estateQuery(), 'e', await userScope(user))
    if (q) query.where((where) => where.whereILike('e.name', containing(q)).orWhereILike('e.address', containing(q)))
    const rows = (await query.orderBy('e.name').orderBy('e.id').limit(WEATHER_ESTATE_LIMIT + 1)) as WeatherEstateRow[]
    return { rows: rows.slice(0, WEATHER_ESTATE_LIMIT), limited: rows.length > WEATHER_ESTATE_LIMIT }
  }

  /**
   * The estate's board (404 outside the user's scope): current weather, 7-day forecast and active
   * warnings at its location, each loaded on its own so one failing section leaves the others; all
   * three failing is the provider's error (502 / 503). An estate without coordinates has no weather.
   */
  async board(user: User, estateId: number): Promise<Board> {
    await findEstateInScope(user, estateId)
    const estate = (await this.#estateQuery().where('e.id', estateId).firstOrFail()) as WeatherEstateRow
    const client = this.client()
    const source = client.config.apiHost
    if (estate.lng === null || estate.lat === null) return { estate, now: null, forecast: null, warnings: null, source }
    const location = { lng: Number(estate.lng), lat: Number(estate.lat) }
    const settle = async <T>(load: () => Promise<WeatherResult<T>>): Promise<Section<T> & { error?: unknown }> => {
      try {
        return { ok: true, result: await load() }
      } catch (error) {
        if (!(error instanceof WeatherApiError)) throw error
        return { ok: false, message: error.message, error }
      }
    }
    const [now, forecast, warnings] = await Promise.all([
      settle(() => client.now(location, { allowStale: true })),
      settle(() => client.forecast(location, { allowStale: true })),
      settle(() => client.warnings(location, { allowStale: true })),
    ])
    if (!now.ok && !forecast.ok && !warnings.ok) throw (now as { error: unknown }).error
    return { estate, now, forecast, warnings, source }
  }
}
