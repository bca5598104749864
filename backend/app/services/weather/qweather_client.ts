/*
| QWeather (和风天气) JSON API over fetch: current weather (`/v7/weather/now`) and the 7-day forecast
| (`/v7/weather/7d`) of a `lng,lat` location, and its active warnings from the weather-alert API
| (`/weatheralert/v1/current/{lat}/{lon}`, which replaces the deprecated `/v7/warning/now`).
|
| - Authentication: the `X-QW-Api-Key` header (the key from QWEATHER_API_KEY).
| - Each attempt has a timeout; timeouts, network errors, HTTP 5xx and 429 (and a body `code` of 500
|   or 429) are retried with exponential backoff and jitter; every other failure is final.
| - Errors both ways QWeather reports them: v1 (HTTP 200 with a body `code` such as "401", "402") and
|   v2 (an HTTP 4xx/5xx status with `{ error: { status, type, title, detail } }`), mapped to
|   `WeatherApiError` with a Chinese message. A body that is not JSON, or JSON without the expected
|   field, is an error too (never a half-parsed answer).
| - Answers are cached per location in Redis (current weather ≤ 10 minutes, the forecast longer);
|   the last good answer is kept a day longer and served, marked `stale`, while QWeather fails.
|   Concurrent misses of the same key in one process share one request.
*/
import type { Redis } from 'ioredis'
import { Exception } from '@adonisjs/core/exceptions'
import { WEATHER_SIGNAL_COLORS, type WeatherSignalColor } from '@szpm/core'
import { MAX_NOW_TTL_SECONDS, weatherConfig, type WeatherConfig } from './config.ts'

/** WGS-84 coordinates; QWeather takes at most two decimals, so locations are rounded to them. */
export interface WeatherLocation {
  lng: number
  lat: number
}

export interface WeatherNow {
  /** observation time, ISO with offset (`2026-12-07T18:00+08:00`) */
  obsTime: string
  /** °C */
  temp: number
  feelsLike: number
  /** QWeather icon code (100 晴, 101 多云, 305 小雨 …) */
  icon: string
  text: string
  windDir: string
  /** Beaufort scale, e.g. "3" or "4-5" */
  windScale: string
  /** km/h */
  windSpeed: number
  /** % */
  humidity: number
  /** mm in the last hour */
  precip: number
  /** hPa */
  pressure: number
  /** km */
  vis: number
}

export interface WeatherDay {
  /** YYYY-MM-DD */
  date: string
  tempMax: number
  tempMin: number
  iconDay: string
  textDay: string
  iconNight: string
  textNight: string
  windDirDay: string
  windScaleDay: string
  humidity: number
  /** mm */
  precip: number
  uvIndex: number
  sunrise: string
  sunset: string
}

export interface WeatherWarning {
  id: string
  sender: string
  pubTime: string
  title: string
  startTime: string
  endTime: string
  /** active / update / cancel */
  status: string
  /** QWeather type code (`1001` 台风 …) */
  type: string
  typeName: string
  /** colour level; null when QWeather names none */
  color: WeatherSignalColor | null
  severity: string
  text: string
}

export type WeatherKind = 'now' | 'forecast' | 'warnings'

export interface WeatherResult<T> {
  data: T
  /** QWeather's `updateTime` */
  updateTime: string
  /** when we fetched it from QWeather (ISO) */
  fetchedAt: string
  /** served from the cache */
  cached: boolean
  /** the provider failed; this is the last good answer (older than the cache lifetime) */
  stale: boolean
}

/** Chinese messages per QWeather status code (v1 body `code` and v2 HTTP status alike). */
const CODE_MESSAGES: Record<string, string> = {
  '204': '该地区暂无气象数据',
  '400': '气象服务请求参数错误',
  '401': '气象服务密钥无效，请联系管理员检查配置',
  '402': '气象服务调用次数已用尽或余额不足，请联系管理员',
  '403': '气象服务无访问权限，请联系管理员检查密钥与 API Host',
  '404': '该地区暂无气象数据',
  '429': '气象服务访问过于频繁，请稍后重试',
  '500': '气象服务暂时不可用，请稍后重试',
  timeout: '气象服务响应超时，请稍后重试',
  network: '无法连接气象服务，请稍后重试',
  bad_json: '气象服务返回的数据无法解析，请稍后重试',
}

/**
 * QWeather failed or could not be reached. `code` is QWeather's status code (`401`, `402` …) or one of
 * `timeout`, `network`, `bad_json`; `message` is Chinese for the user; `detail` is for the log.
 * The HTTP status: 503 for a provider that is down or slow, 502 for one that refuses us.
 */
export class WeatherApiError extends Exception {
  static code = 'E_WEATHER_API'
  readonly providerCode: string
  readonly detail: string
  readonly transient: boolean

  constructor(providerCode: string, detail: string, options?: { cause?: unknown }) {
    const transient = isTransientCode(providerCode)
    super(CODE_MESSAGES[providerCode] ?? `气象服务调用失败（错误码 ${providerCode}）`, {
      code: 'E_WEATHER_API',
      status: transient ? 503 : 502,
      cause: options?.cause,
    })
    this.providerCode = providerCode
    this.detail = detail
    this.transient = transient
  }
}

function isTransientCode(code: string) {
  return code === 'timeout' || code === 'network' || code === 'bad_json' || code === '429' || /^5\d\d$/.test(code)
}

export interface QWeatherClientOptions {
  config?: WeatherConfig
  redis: Redis
  /** prefix of the cache keys; default `szpm:weather:` */
  keyPrefix?: string
  /** epoch ms (tests move it); default Date.now */
  now?: () => number
  /** the wait between attempts (tests make it instant); default setTimeout */
  sleep?: (ms: number) => Promise<void>
}

interface CacheEntry<T> {
  data: T
  updateTime: string
  fetchedAt: string
  /** epoch ms until which the entry is fresh */
  freshUntil: number
}

/** the endpoint of each kind (also the key of the stub's call counts and of log lines) */
export const WEATHER_PATHS: Record<WeatherKind, string> = { now: '/v7/weather/now', forecast: '/v7/weather/7d', warnings: '/weatheralert/v1/current' }
const PATHS = WEATHER_PATHS

/** The request URL of a kind: v7 takes `?location=lng,lat`; the alert API takes `/{lat}/{lon}` in its path. */
function requestUrl(apiHost: string, kind: WeatherKind, location: WeatherLocation): string {
  const [lng, lat] = locationParam(location).split(',')
  if (kind === 'warnings') return `${apiHost}${PATHS.warnings}/${lat}/${lng}?${new URLSearchParams({ lang: 'zh' })}`
  return `${apiHost}${PATHS[kind]}?${new URLSearchParams({ location: `${lng},${lat}`, lang: 'zh' })}`
}

/** `lng,lat` with two decimals, as QWeather takes it (and as the cache keys it). */
export function locationParam(location: WeatherLocation): string {
  if (!Number.isFinite(location.lng) || !Number.isFinite(location.lat) || Math.abs(location.lng) > 180 || Math.abs(location.lat) > 90) {
    throw new Error(`not a WGS-84 location: ${location.lng},${location.lat}`)
  }
  return `${location.lng.toFixed(2)},${location.lat.toFixed(2)}`
}

const num = (value: unknown) => {
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : 0
}
const str = (value: unknown) => (value === undefined || value === null ? '' : String(value))

/** The alert API's `color.code` ("red"), v7's `severityColor` ("Red") or older `level` ("红色") as our colour level. */
export function colorOf(raw: { code?: unknown; severityColor?: unknown; level?: unknown }): WeatherSignalColor | null {
  const color = (str(raw.code) || str(raw.severityColor)).toLowerCase()
  if ((WEATHER_SIGNAL_COLORS as readonly string[]).includes(color)) return color as WeatherSignalColor
  const byName: Record<string, WeatherSignalColor> = { 白: 'white', 蓝: 'blue', 绿: 'green', 黄: 'yellow', 橙: 'orange', 红: 'red', 黑: 'black' }
  const level = str(raw.level)
  const hit = Object.keys(byName).find((name) => level.startsWith(name))
  if (hit) return byName[hit]
  const english = level.toLowerCase()
  return (WEATHER_SIGNAL_COLORS as readonly string[]).includes(english) ? (english as WeatherSignalColor) : null
}

function parseNow(body: any): WeatherNow {
  const now = body?.now
  if (!now || typeof now !== 'object') throw new WeatherApiError('bad_json', 'answer without `now`')
  return {
    obsTime: str(now.obsTime), temp: num(now.temp), feelsLike: num(now.feelsLike), icon: str(now.icon), text: str(now.text),
    windDir: str(now.windDir), windScale: str(now.windScale), windSpeed: num(now.windSpeed), humidity: num(now.humidity),
    precip: num(now.precip), pressure: num(now.pressure), vis: num(now.vis),
  }
}

function parseForecast(body: any): WeatherDay[] {
  if (!Array.isArray(body?.daily)) throw new WeatherApiError('bad_json', 'answer without `daily`')
  return body.daily.map((day: any) => ({
    date: str(day.fxDate), tempMax: num(day.tempMax), tempMin: num(day.tempMin), iconDay: str(day.iconDay), textDay: str(day.textDay),
    iconNight: str(day.iconNight), textNight: str(day.textNight), windDirDay: str(day.windDirDay), windScaleDay: str(day.windScaleDay),
    humidity: num(day.humidity), precip: num(day.precip), uvIndex: num(day.uvIndex), sunrise: str(day.sunrise), sunset: str(day.sunset),
  }))
}

/** the alert API's `messageType.code` as our status: `alert` is a new warning, `update` replaces others, `cancel` ends one */
const ALERT_STATUS: Record<string, string> = { alert: 'active', update: 'update', cancel: 'cancel' }

function parseWarnings(body: any): WeatherWarning[] {
  // no warning: `metadata.zeroResult` with an empty (or absent) list
  const list = body?.alerts ?? []
  if (!Array.isArray(list)) throw new WeatherApiError('bad_json', '`alerts` is not a list')
  // an update or a cancel names the alerts it supersedes: those are no longer in force
  const superseded = new Set<string>(list.flatMap((alert: any) => (Array.isArray(alert?.messageType?.supersedes) ? alert.messageType.supersedes.map(str) : [])))
  return list
    .map((alert: any): WeatherWarning => ({
      id: str(alert.id), sender: str(alert.senderName), pubTime: str(alert.issuedTime), title: str(alert.headline),
      startTime: str(alert.effectiveTime ?? alert.onsetTime), endTime: str(alert.expiredTime),
      status: ALERT_STATUS[str(alert.messageType?.code)] ?? 'active', type: str(alert.eventType?.code), typeName: str(alert.eventType?.name),
      color: colorOf(alert.color ?? {}), severity: str(alert.severity), text: str(alert.description),
    }))
    .filter((w: WeatherWarning) => w.id && w.status !== 'cancel' && !superseded.has(w.id))
}

const PARSERS = { now: parseNow, forecast: parseForecast, warnings: parseWarnings } as const

export class QWeatherClient {
  readonly config: WeatherConfig
  readonly #redis: Redis
  readonly #prefix: string
  readonly #now: () => number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #inflight = new Map<string, Promise<WeatherResult<unknown>>>()

  constructor(options: QWeatherClientOptions) {
    this.config = options.config ?? weatherConfig()
    this.#redis = options.redis
    this.#prefix = options.keyPrefix ?? 'szpm:weather:'
    this.#now = options.now ?? Date.now
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  /** Redis key of a location's cached answer (for tests and operations). */
  cacheKey(kind: WeatherKind, location: WeatherLocation) {
    return `${this.#prefix}${kind}:${locationParam(location)}`
  }

  now(location: WeatherLocation, options: { allowStale?: boolean } = {}): Promise<WeatherResult<WeatherNow>> {
    return this.#cached('now', location, options.allowStale ?? false)
  }

  forecast(location: WeatherLocation, options: { allowStale?: boolean } = {}): Promise<WeatherResult<WeatherDay[]>> {
    return this.#cached('forecast', location, options.allowStale ?? false)
  }

  /** Active warnings (an empty list when there are none). Never stale unless asked: the warnings job must see the truth. */
  warnings(location: WeatherLocation, options: { allowStale?: boolean } = {}): Promise<WeatherResult<WeatherWarning[]>> {
    return this.#cached('warnings', location, options.allowStale ?? false)
  }

  #ttlSeconds(kind: WeatherKind) {
    const { nowSeconds, forecastSeconds, warningsSeconds } = this.config.ttl
    return kind === 'now' ? Math.min(nowSeconds, MAX_NOW_TTL_SECONDS) : kind === 'forecast' ? forecastSeconds : warningsSeconds
  }

  #cached<T>(kind: WeatherKind, location: WeatherLocation, allowStale: boolean): Promise<WeatherResult<T>> {
    const key = this.cacheKey(kind, location)
    const flightKey = `${key}|${allowStale}`
    const running = this.#inflight.get(flightKey)
    if (running) return running as Promise<WeatherResult<T>>
    const promise = this.#load<T>(kind, location, key, allowStale).finally(() => this.#inflight.delete(flightKey))
    this.#inflight.set(flightKey, promise)
    return promise
  }

  async #load<T>(kind: WeatherKind, location: WeatherLocation, key: string, allowStale: boolean): Promise<WeatherResult<T>> {
    const entry = await this.#read<T>(key)
    if (entry && entry.freshUntil > this.#now()) {
      return { data: entry.data, updateTime: entry.updateTime, fetchedAt: entry.fetchedAt, cached: true, stale: false }
    }
    try {
      const { data, updateTime } = await this.fetch<T>(kind, location)
      const fetchedAt = new Date(this.#now()).toISOString()
      const ttlMs = this.#ttlSeconds(kind) * 1000
      const fresh: CacheEntry<T> = { data, updateTime, fetchedAt, freshUntil: this.#now() + ttlMs }
      // kept past its freshness for the stale fallback; Redis drops it after that
      await this.#redis.set(key, JSON.stringify(fresh), 'PX', ttlMs + this.config.staleSeconds * 1000).catch(() => {})
      return { data, updateTime, fetchedAt, cached: false, stale: false }
    } catch (error) {
      if (allowStale && entry && error instanceof WeatherApiError && error.transient) {
        return { data: entry.data, updateTime: entry.updateTime, fetchedAt: entry.fetchedAt, cached: true, stale: true }
      }
      throw error
    }
  }

  async #read<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const raw = await this.#redis.get(key).catch(() => null)
    if (!raw) return undefined
    try {
      return JSON.parse(raw) as CacheEntry<T>
    } catch {
      return undefined
    }
  }

  /** One uncached call with retries: the parsed answer and QWeather's `updateTime`. */
  async fetch<T>(kind: WeatherKind, location: WeatherLocation): Promise<{ data: T; updateTime: string }> {
    const url = requestUrl(this.config.apiHost, kind, location)
    let lastError: WeatherApiError | undefined
    for (let attempt = 0; attempt <= this.config.retries; attempt++) {
      if (attempt > 0) {
        const base = this.config.backoffMs * 2 ** (attempt - 1)
        await this.#sleep(base / 2 + Math.random() * base)
      }
      try {
        const body = await this.#attempt(url, kind)
        // the alert API has no updateTime: the warnings are as of the call
        return { data: PARSERS[kind](body) as T, updateTime: str(body.updateTime) || new Date(this.#now()).toISOString() }
      } catch (error) {
        if (!(error instanceof WeatherApiError) || !error.transient || error.providerCode === 'bad_json') throw error
        lastError = error
      }
    }
    throw lastError!
  }

  /** One HTTP attempt; any failure becomes a WeatherApiError (transient or not). */
  async #attempt(url: string, kind: WeatherKind): Promise<any> {
    let status: number
    let text: string
    try {
      const response = await fetch(url, {
        headers: { 'X-QW-Api-Key': this.config.apiKey, 'Accept-Encoding': 'gzip' },
        signal: AbortSignal.timeout(this.config.timeoutMs),
        redirect: 'error',
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      const name = (error as Error).name
      const code = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network'
      throw new WeatherApiError(code, `${PATHS[kind]}: ${(error as Error).message}`, { cause: error })
    }
    let body: any
    try {
      body = JSON.parse(text)
    } catch (error) {
      // a 5xx page from a proxy is the status's error, not a parse error
      if (status >= 400) throw new WeatherApiError(String(status), `${PATHS[kind]}: HTTP ${status} ${text.slice(0, 200)}`)
      throw new WeatherApiError('bad_json', `${PATHS[kind]}: not JSON: ${text.slice(0, 200)}`, { cause: error })
    }
    if (status >= 400) {
      // v2 error: { error: { status, type, title, detail } }
      const detail = body?.error ? `${str(body.error.title)} ${str(body.error.detail)}`.trim() : text.slice(0, 200)
      throw new WeatherApiError(String(status), `${PATHS[kind]}: HTTP ${status} ${detail}`)
    }
    if (!body || typeof body !== 'object') throw new WeatherApiError('bad_json', `${PATHS[kind]}: not an object`)
    const code = str(body.code)
    // v1 error (the v7 endpoints): HTTP 200 with a code other than 200
    if (code && code !== '200') throw new WeatherApiError(code, `${PATHS[kind]}: code ${code}`)
    return body
  }
}
