/*
| The weather client the application uses: QWeather at the configured host (the local stub outside
| production), cached on the app's `main` Redis connection.
*/
import redis from '@adonisjs/redis/services/main'
import { QWeatherClient } from './qweather_client.ts'

export {
  QWeatherClient,
  WeatherApiError,
  colorOf,
  locationParam,
  type QWeatherClientOptions,
  type WeatherDay,
  type WeatherKind,
  type WeatherLocation,
  type WeatherNow,
  type WeatherResult,
  type WeatherWarning,
} from './qweather_client.ts'
export { weatherConfig, parseApiHost, WEATHER_DEV_DEFAULTS, MAX_NOW_TTL_SECONDS, type WeatherConfig } from './config.ts'

let shared: QWeatherClient | undefined

export function weatherClient(): QWeatherClient {
  shared ??= new QWeatherClient({ redis: redis.connection('main').ioConnection })
  return shared
}

/** Tests point the app at another stub: the next call builds a client from the environment again. */
export function resetWeatherClient() {
  shared = undefined
}
