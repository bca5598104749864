/*
| QWeather (和风天气) configuration, read from the environment (docs/weather.md). Outside production
| every variable has a default that points the client at the local stub (`backend/stubs/weather_stub.ts`,
| port 3394); in production the key and the API host (the account's own `xxx.qweatherapi.com`, or
| `devapi.qweather.com` / `api.qweather.com`) must be set.
*/
export interface WeatherConfig {
  /** sent as the `X-QW-Api-Key` header */
  apiKey: string
  /** scheme + host, no trailing slash, e.g. `https://abc1234xyz.re.qweatherapi.com` */
  apiHost: string
  /** timeout of one HTTP attempt */
  timeoutMs: number
  /** further attempts after a transient failure (timeout, network, 5xx, 429) */
  retries: number
  /** first backoff delay; doubled per retry, with jitter */
  backoffMs: number
  /** cache lifetimes per location (current weather at most 10 minutes) */
  ttl: { nowSeconds: number; forecastSeconds: number; warningsSeconds: number }
  /** how long the last good answer is kept to show (marked stale) while the provider fails */
  staleSeconds: number
}

export const WEATHER_DEV_DEFAULTS = {
  apiKey: 'stub-qweather-key',
  apiHost: 'http://127.0.0.1:3394',
} as const

/** the cache may never serve current weather older than this (issue 20) */
export const MAX_NOW_TTL_SECONDS = 600

type Env = Record<string, string | undefined>

/** `QWEATHER_API_HOST` as a base URL: a bare host means https. */
export function parseApiHost(value: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `https://${value}`
  const url = new URL(withScheme)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`QWEATHER_API_HOST must be an http(s) URL or a host name, got "${value}"`)
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
}

export function weatherConfig(env: Env = process.env): WeatherConfig {
  const production = env.NODE_ENV === 'production'
  const read = (name: string, devDefault: string) => {
    const value = env[name]?.trim()
    if (value) return value
    if (production) throw new Error(`${name} must be set in production (see docs/weather.md)`)
    return devDefault
  }
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]?.trim() || fallback)
    return Number.isFinite(value) && value >= 0 ? value : fallback
  }
  return {
    apiKey: read('QWEATHER_API_KEY', WEATHER_DEV_DEFAULTS.apiKey),
    apiHost: parseApiHost(read('QWEATHER_API_HOST', WEATHER_DEV_DEFAULTS.apiHost)),
    timeoutMs: number('QWEATHER_TIMEOUT_MS', 4000),
    retries: Math.min(5, Math.floor(number('QWEATHER_RETRIES', 2))),
    backoffMs: 300,
    ttl: { nowSeconds: MAX_NOW_TTL_SECONDS, forecastSeconds: 3 * 3600, warningsSeconds: 300 },
    staleSeconds: 24 * 3600,
  }
}
