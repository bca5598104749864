/*
| The QWeather stub every test run talks to: started in-process on a random loopback port by the
| runner setup (tests/bootstrap.ts) before the app first builds its weather client, so the real
| client runs against it. Specs set its scenario or warnings and reset it (and the cache) after.
*/
import redis from '@adonisjs/redis/services/main'
import { startWeatherStub, type WeatherStub } from '../../stubs/weather_stub.ts'
import { resetWeatherClient } from '#services/weather/main'
import { deleteRedisKeysUnder } from '#tests/support/redis_service'

let stub: WeatherStub | undefined

export async function startWeatherStubForTests() {
  stub = await startWeatherStub({ port: 0, apiKey: 'test-qweather-key' })
  process.env.QWEATHER_API_HOST = stub.url
  process.env.QWEATHER_API_KEY = 'test-qweather-key'
  // fast retries in tests
  process.env.QWEATHER_TIMEOUT_MS = '1500'
  resetWeatherClient()
}

export async function stopWeatherStubForTests() {
  await stub?.close()
}

export function weatherStub(): WeatherStub {
  if (!stub) throw new Error('QWeather stub not started (tests/bootstrap.ts)')
  return stub
}

/** the stub back to calm and the app's weather cache empty */
export async function resetWeather() {
  weatherStub().reset()
  await deleteRedisKeysUnder(redis.connection('main').ioConnection, 'szpm:weather:')
}
