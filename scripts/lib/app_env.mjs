/**
 * The environment the backend, the ETL and the tests run with. Service URLs come from
 * services.mjs (or the caller's environment); everything else has a development default.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { ROOT, testSlot } from './services.mjs'

/** A per-checkout APP_KEY kept in .stack/, so sessions survive restarts without a committed secret. */
function localAppKey() {
  const file = path.join(ROOT, '.stack', 'app_key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(path.dirname(file), { recursive: true })
  const key = randomBytes(24).toString('base64url')
  writeFileSync(file, key, { mode: 0o600 })
  return key
}

/** Ports of the local SMS / WeChat / QWeather stubs `npm start` runs (backend/stubs/serve.ts). */
export const STUB_PORTS = {
  sms: 3391, wechat: 3392, weather: 3394,
  bidding: 3393,
}

/**
 * True when `npm start` should run the stubs: not in production, and no real SMS gateway / WeChat
 * host configured. (Tests start their own stubs on random ports in backend/tests/bootstrap.ts.)
 */
export function usesIdentityStubs(env = process.env) {
  return env.NODE_ENV !== 'production' && !env.SMS_ENDPOINT && !env.WECHAT_API_BASE && !env.WECHAT_OPEN_BASE
}

/** True when `npm start` should run the QWeather stub: not in production, no QWeather host or key configured. */
export function usesWeatherStub(env = process.env) {
  return env.NODE_ENV !== 'production' && !env.QWEATHER_API_HOST && !env.QWEATHER_API_KEY
}

/** True when `npm start` should run the bidding-platform stub (招标投标进度): not in production, not switched off (BIDDING_STUB=off). */
export function usesBiddingStub(env = process.env) {
  return env.NODE_ENV !== 'production' && env.BIDDING_STUB !== 'off'
}

/** SMS_* / WECHAT_* pointing at the local stubs, for the dev profile when nothing is configured. */
function identityStubEnv(profile) {
  if (profile !== 'dev') return {}
  const host = process.env.STUB_HOST ?? '127.0.0.1'
  const weather = usesWeatherStub() ? { QWEATHER_API_HOST: `http://${host}:${STUB_PORTS.weather}` } : {}
  if (!usesIdentityStubs()) return weather
  return {
    ...weather,
    SMS_ENDPOINT: `http://${host}:${STUB_PORTS.sms}`,
    WECHAT_API_BASE: `http://${host}:${STUB_PORTS.wechat}`,
    WECHAT_OPEN_BASE: `http://${host}:${STUB_PORTS.wechat}`,
  }
}

export function appEnv(serviceEnv, profile = 'dev') {
  const port = process.env.PORT ?? (profile === 'test' ? String(3334 + testSlot(profile)) : '3333')
  const host = process.env.HOST ?? '127.0.0.1'
  return {
    ...process.env,
    ...serviceEnv,
    NODE_ENV: profile === 'test' ? 'test' : (process.env.NODE_ENV ?? 'development'),
    PORT: port,
    HOST: host,
    APP_KEY: process.env.APP_KEY ?? localAppKey(),
    APP_URL: process.env.APP_URL ?? `http://${host}:${port}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? (profile === 'test' ? 'warn' : 'info'),
    SESSION_DRIVER: process.env.SESSION_DRIVER ?? (profile === 'test' ? 'memory' : 'redis'),
    STATIC_ROOT: process.env.STATIC_ROOT ?? ROOT,
    // the `fs` storage disk (backend/config/drive.ts): one folder per profile and test slot
    STORAGE_ROOT: process.env.STORAGE_ROOT ?? path.join(ROOT, '.stack', 'storage', profile === 'test' ? `test${testSlot(profile) || ''}` : profile),
    ...identityStubEnv(profile),
  }
}

/** node_modules/.bin first, so npm, npx and `node` resolve to the pinned Node 24. */
export function pinnedPath() {
  return `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}/usr/sbin${path.delimiter}${process.env.PATH}`
}
