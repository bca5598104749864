import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import redis from '@adonisjs/redis/services/main'
import { QWeatherClient, WeatherApiError, colorOf, locationParam, type WeatherWarning } from '#services/weather/qweather_client'
import { parseApiHost, weatherConfig, type WeatherConfig } from '#services/weather/config'
import { startWeatherStub, type WeatherStub } from '../../stubs/weather_stub.ts'
import { caughtError, deleteRedisKeysUnder, redisKeysUnder } from '#tests/support/redis_service'

const RUN_PREFIX = `szpm:test:weather:${process.pid}:${randomUUID().slice(0, 8)}:`
const KEY = 'unit-test-key'
const SHENZHEN = { lng: 114.0579, lat: 22.5431 }
let caseNo = 0

const caught = (promise: Promise<unknown>) => caughtError(promise, WeatherApiError)

test.group('QWeather client · against the QWeather stub, real Redis', (group) => {
  let stub: WeatherStub
  let client: Redis
  let prefix: string
  let t: number
  let sleeps: number[]

  const make = (overrides: Partial<WeatherConfig> = {}) =>
    new QWeatherClient({
      config: { ...weatherConfig({ QWEATHER_API_KEY: KEY, QWEATHER_API_HOST: stub.url }), timeoutMs: 300, retries: 2, ...overrides },
      redis: client,
      keyPrefix: prefix,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    })

  group.setup(async () => {
    stub = await startWeatherStub({ port: 0, apiKey: KEY })
    client = redis.connection('main').ioConnection
    return async () => {
      await deleteRedisKeysUnder(client, RUN_PREFIX)
      await stub.close()
    }
  })

  group.each.setup(() => {
    stub.reset()
    prefix = `${RUN_PREFIX}${++caseNo}:`
    t = Date.parse('2026-08-10T10:00:00+08:00')
    sleeps = []
  })

  test('current weather, the 7-day forecast and no warnings, typed from QWeather’s string fields', async ({ assert }) => {
    const weather = make()
    const now = await weather.now(SHENZHEN)
    assert.isFalse(now.cached)
    assert.isFalse(now.stale)
    assert.match(now.updateTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00$/)
    assert.typeOf(now.data.temp, 'number')
    assert.typeOf(now.data.humidity, 'number')
    assert.isNotEmpty(now.data.text)
    assert.isNotEmpty(now.data.icon)
    const forecast = await weather.forecast(SHENZHEN)
    assert.lengthOf(forecast.data, 7)
    assert.match(forecast.data[0].date, /^\d{4}-\d{2}-\d{2}$/)
    assert.isAtLeast(forecast.data[0].tempMax, forecast.data[0].tempMin)
    assert.deepEqual((await weather.warnings(SHENZHEN)).data, [])
    assert.deepEqual(stub.calls(), { '/v7/weather/now': 1, '/v7/weather/7d': 1, '/weatheralert/v1/current': 1 })
  })

  test('the typhoon replay escalates 蓝 → 黄 → 橙 → 红; colours come from the alert API’s color.code (or v7’s severityColor / level)', async ({ assert }) => {
    const weather = make()
    const seen: string[] = []
    for (const stage of [1, 2, 3, 4]) {
      stub.setScenario('typhoon', { stage })
      const { data } = await weather.fetch<WeatherWarning[]>('warnings', SHENZHEN)
      const typhoon = data.find((warning) => warning.typeName === '台风')!
      seen.push(typhoon.color!)
      assert.equal(typhoon.type, '1001')
      // the first signal is a new alert; each escalation an update of it
      assert.equal(typhoon.status, stage === 1 ? 'active' : 'update')
    }
    assert.deepEqual(seen, ['blue', 'yellow', 'orange', 'red'])
    assert.equal(colorOf({ code: 'red' }), 'red')
    assert.equal(colorOf({ severityColor: 'Orange' }), 'orange')
    assert.equal(colorOf({ level: '红色' }), 'red')
    assert.equal(colorOf({ level: 'Blue' }), 'blue')
    assert.isNull(colorOf({ level: '', severityColor: '' }))
  })

  test('a location is sent as lng,lat with two decimals; a non-WGS-84 one is refused before any call', async ({ assert }) => {
    assert.equal(locationParam(SHENZHEN), '114.06,22.54')
    assert.throws(() => locationParam({ lng: 200, lat: 22 }), /WGS-84/)
    assert.throws(() => locationParam({ lng: Number.NaN, lat: 22 }), /WGS-84/)
    assert.equal(parseApiHost('abc.qweatherapi.com'), 'https://abc.qweatherapi.com')
    assert.equal(parseApiHost('http://127.0.0.1:3394/'), 'http://127.0.0.1:3394')
  })

  test('the cache: current weather is served from Redis for at most 10 minutes, the forecast longer', async ({ assert }) => {
    // even a configured 1 h is capped at 10 minutes for current weather
    const weather = make({ ttl: { nowSeconds: 3600, forecastSeconds: 3 * 3600, warningsSeconds: 300 } })
    await weather.now(SHENZHEN)
    await weather.forecast(SHENZHEN)
    t += 9 * 60_000
    assert.isTrue((await weather.now(SHENZHEN)).cached)
    assert.equal(stub.calls()['/v7/weather/now'], 1)
    t += 60_000 + 1
    const refreshed = await weather.now(SHENZHEN)
    assert.isFalse(refreshed.cached)
    assert.equal(stub.calls()['/v7/weather/now'], 2)
    // the forecast is still cached 10 minutes on
    assert.isTrue((await weather.forecast(SHENZHEN)).cached)
    assert.equal(stub.calls()['/v7/weather/7d'], 1)
    // one key per kind and location; a nearby point rounding to the same location shares it
    assert.isTrue((await weather.now({ lng: 114.0561, lat: 22.5412 })).cached)
    assert.sameMembers(await redisKeysUnder(client, prefix), [`${prefix}now:114.06,22.54`, `${prefix}forecast:114.06,22.54`])
    // concurrent misses of one key share one request
    t += 11 * 60_000
    await Promise.all([weather.now(SHENZHEN), weather.now(SHENZHEN), weather.now(SHENZHEN)])
    assert.equal(stub.calls()['/v7/weather/now'], 3)
  })

  test('a timeout is retried with backoff; when every attempt times out the error says so (503)', async ({ assert }) => {
    const weather = make({ timeoutMs: 150, retries: 1 })
    stub.failNext({ path: '/v7/weather/now', mode: 'hang', ms: 1000, count: 1 })
    const recovered = await weather.now(SHENZHEN)
    assert.isFalse(recovered.cached)
    assert.equal(stub.calls()['/v7/weather/now'], 2)
    assert.lengthOf(sleeps, 1)

    stub.failNext({ path: '/v7/weather/7d', mode: 'hang', ms: 1000, count: 2 })
    const error = await caught(weather.forecast(SHENZHEN))
    assert.equal(error.providerCode, 'timeout')
    assert.equal(error.status, 503)
    assert.equal(error.message, '气象服务响应超时，请稍后重试')
    assert.equal(stub.calls()['/v7/weather/7d'], 2)
  })

  test('HTTP 5xx and 429 are retried (backoff doubling); the last error is reported', async ({ assert }) => {
    const weather = make({ retries: 2, backoffMs: 100 })
    stub.failNext({ path: '/v7/weather/now', mode: 'status', status: 502, count: 2 })
    assert.isFalse((await weather.now(SHENZHEN)).stale)
    assert.equal(stub.calls()['/v7/weather/now'], 3)
    assert.lengthOf(sleeps, 2)
    // jittered around 100 then 200 ms
    assert.isAtLeast(sleeps[0], 50)
    assert.isBelow(sleeps[0], 150)
    assert.isAtLeast(sleeps[1], 100)
    assert.isBelow(sleeps[1], 300)

    stub.failNext({ path: '/weatheralert/v1/current', mode: 'status', status: 429, count: 3 })
    const error = await caught(weather.warnings(SHENZHEN))
    assert.equal(error.providerCode, '429')
    assert.equal(error.message, '气象服务访问过于频繁，请稍后重试')
    assert.equal(stub.calls()['/weatheralert/v1/current'], 3)
  })

  test('provider error codes map to clear errors and are not retried: v1 body codes and v2 HTTP statuses', async ({ assert }) => {
    const weather = make()
    const cases: [Parameters<WeatherStub['failNext']>[0], string, string][] = [
      [{ path: '/v7/weather/now', mode: 'v1', code: '402' }, '402', '气象服务调用次数已用尽或余额不足，请联系管理员'],
      [{ path: '/v7/weather/now', mode: 'v1', code: '403' }, '403', '气象服务无访问权限，请联系管理员检查密钥与 API Host'],
      [{ path: '/v7/weather/now', mode: 'v1', code: '204' }, '204', '该地区暂无气象数据'],
      [{ path: '/v7/weather/now', mode: 'status', status: 404 }, '404', '该地区暂无气象数据'],
      [{ path: '/v7/weather/now', mode: 'status', status: 400 }, '400', '气象服务请求参数错误'],
    ]
    for (const [failure, code, message] of cases) {
      const before = stub.calls()['/v7/weather/now'] ?? 0
      stub.failNext(failure)
      const error = await caught(weather.now(SHENZHEN))
      assert.equal(error.providerCode, code)
      assert.equal(error.message, message)
      assert.equal(error.status, 502)
      assert.equal(stub.calls()['/v7/weather/now'], before + 1, `${code} must not be retried`)
    }
    assert.deepEqual(sleeps, [])
    // a wrong key: QWeather's v2 401
    const wrongKey = await caught(make({ apiKey: 'wrong' }).now(SHENZHEN))
    assert.equal(wrongKey.providerCode, '401')
    assert.equal(wrongKey.message, '气象服务密钥无效，请联系管理员检查配置')
    assert.include(wrongKey.detail, 'Unauthorized')
    // the alert API answers errors by HTTP status only (v2): 403 when the key may not use it
    stub.failNext({ path: '/weatheralert/v1/current', mode: 'status', status: 403 })
    assert.equal((await caught(weather.warnings(SHENZHEN))).providerCode, '403')
  })

  test('bad JSON is an error (never a half-parsed answer) and is not cached', async ({ assert }) => {
    const weather = make()
    stub.failNext({ path: '/v7/weather/now', mode: 'garbage' })
    const error = await caught(weather.now(SHENZHEN))
    assert.equal(error.providerCode, 'bad_json')
    assert.equal(error.message, '气象服务返回的数据无法解析，请稍后重试')
    assert.deepEqual(await redisKeysUnder(client, prefix), [])
    assert.isFalse((await weather.now(SHENZHEN)).cached)
  })

  test('while QWeather fails, the page may show the last good answer marked stale; the warnings job may not', async ({ assert }) => {
    const weather = make({ retries: 0 })
    const first = await weather.now(SHENZHEN)
    await weather.warnings(SHENZHEN)
    t += 30 * 60_000
    stub.failNext({ path: '/v7/weather/now', mode: 'status', status: 503, count: 2 })
    const stale = await weather.now(SHENZHEN, { allowStale: true })
    assert.isTrue(stale.stale)
    assert.deepEqual(stale.data, first.data)
    assert.equal((await caught(weather.now(SHENZHEN))).providerCode, '503')
    // a refusal (not transient) is never papered over
    stub.failNext({ path: '/weatheralert/v1/current', mode: 'v1', code: '401' })
    assert.equal((await caught(weather.warnings(SHENZHEN, { allowStale: true }))).providerCode, '401')
  })
})
