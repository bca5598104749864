/*
| A local stand-in for QWeather's JSON API (和风天气), speaking the contract this platform uses:
|
|   GET /v7/weather/now?location=lng,lat        → { code: "200", updateTime, fxLink, now: {…}, refer }
|   GET /v7/weather/7d?location=lng,lat         → { code: "200", updateTime, fxLink, daily: [7 days], refer }
|   GET /weatheralert/v1/current/{lat}/{lon}    → { metadata: { tag, zeroResult, attributions }, alerts: [...] }
|
| v7 values are strings, as QWeather sends them; the alert API's objects are nested (`eventType`,
| `color`, `messageType`). The key goes in the `X-QW-Api-Key` header (or the
| older `key` query parameter); a wrong key answers HTTP 401 with a v2 error body
| `{ error: { status, type, title, detail } }`, a missing or malformed location HTTP 400 likewise.
| The weather is synthetic and deterministic per location and day (a Shenzhen-like climate).
|
| Scenarios (what the warnings say):
|   calm      no warning
|   typhoon   a typhoon day replayed: 台风 蓝 → 黄 → 橙 → 红 (stage 1–4; with 暴雨 黄 from stage 3 and
|             暴雨 橙 at stage 4), stronger wind and rain with each stage. The stage is set by hand
|             (`stage`) or advances every `step` seconds from when the scenario was set.
|
| Test and demo helpers:
|   POST /__scenario?name=typhoon[&stage=1..4][&step=120]   or name=calm
|   POST /__warnings   body: a JSON list of alert objects (the alert API's shape), answered for every location
|                      (an empty list clears the override)
|   POST /__fail?path=/v7/weather/now&mode=status|v1|garbage|hang&status=500&code=402&ms=5000&count=1
|   GET  /__calls      calls per path;   POST /__reset   back to calm, no failures, counts zeroed
|
| Plain node:http and erasable TypeScript only: `node backend/stubs/weather_stub.ts` works without a loader.
*/
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type WeatherStubFailureMode = 'status' | 'v1' | 'garbage' | 'hang'

export interface WeatherStubFailure {
  path: string
  mode: WeatherStubFailureMode
  /** HTTP status for `status` (default 500) */
  status?: number
  /** body code for `v1` (default "402") */
  code?: string
  /** how long `hang` waits before answering (default 30 s) */
  ms?: number
  /** how many calls fail (default 1) */
  count?: number
}

export interface WeatherStubOptions {
  port?: number
  host?: string
  /** the accepted key; any non-empty key when omitted */
  apiKey?: string
  scenario?: 'calm' | 'typhoon'
  /** typhoon: seconds per stage when it advances by itself */
  stepSeconds?: number
  /** clock of the synthetic data (tests pin it); default Date.now */
  now?: () => number
}

export interface WeatherStub {
  url: string
  close(): Promise<void>
  setScenario(name: 'calm' | 'typhoon', options?: { stage?: number; stepSeconds?: number }): void
  /** the typhoon stage now (0 when calm) */
  stage(): number
  /** answer these alerts (raw objects of the alert API) for every location; null = back to the scenario */
  setWarnings(warnings: Record<string, unknown>[] | null): void
  failNext(failure: WeatherStubFailure): void
  calls(): Record<string, number>
  reset(): void
}

/** the endpoints (the alert API's lat/lon path segments are not part of its key) */
const PATHS = ['/v7/weather/now', '/v7/weather/7d', '/weatheralert/v1/current'] as const
const ALERT_PATH = '/weatheralert/v1/current'

/** ISO with +08:00 and minutes, as QWeather writes times: 2026-12-07T18:00+08:00 */
function shenzhenTime(epochMs: number, withTime = true): string {
  const local = new Date(epochMs + 8 * 3600_000).toISOString()
  return withTime ? `${local.slice(0, 16)}+08:00` : local.slice(0, 10)
}

/** a small deterministic hash → [0, 1) */
function noise(...parts: (string | number)[]): number {
  let h = 2166136261
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0)
    h = Math.imul(h, 16777619)
  }
  return ((h >>> 0) % 10000) / 10000
}

const SKIES = [
  { icon: '100', text: '晴' },
  { icon: '101', text: '多云' },
  { icon: '104', text: '阴' },
  { icon: '305', text: '小雨' },
  { icon: '306', text: '中雨' },
]
const WIND_DIRS = ['北风', '东北风', '东风', '东南风', '南风', '西南风', '西风', '西北风']

/** typhoon stages: sky, wind, rain per hour */
const TYPHOON_WEATHER = [
  null,
  { icon: '104', text: '阴', windScale: '4-5', windSpeed: 28, precip: 0.5 },
  { icon: '306', text: '中雨', windScale: '6-7', windSpeed: 45, precip: 6 },
  { icon: '307', text: '大雨', windScale: '8-9', windSpeed: 70, precip: 18 },
  { icon: '310', text: '暴雨', windScale: '10-11', windSpeed: 105, precip: 42 },
] as const

const TYPHOON_LEVELS = [null, ['blue', '蓝色', 'minor'], ['yellow', '黄色', 'moderate'], ['orange', '橙色', 'severe'], ['red', '红色', 'extreme']] as const
const RGB: Record<string, [number, number, number]> = { blue: [30, 50, 205], yellow: [255, 255, 0], orange: [255, 165, 0], red: [255, 0, 0] }

function typhoonWarnings(stage: number, startedAt: number, now: number): Record<string, unknown>[] {
  if (stage < 1) return []
  const day = shenzhenTime(startedAt, false).replaceAll('-', '')
  const issued = (s: number) => startedAt + (s - 1) * 3 * 3600_000
  const warning = (kind: 'typhoon' | 'rainstorm', s: number, level: readonly [string, string, string]) => {
    const [color, name, severity] = level
    const typeName = kind === 'typhoon' ? '台风' : '暴雨'
    const pub = Math.min(issued(s), now)
    const [red, green, blue] = RGB[color]!
    return {
      id: `10128060120${day}${kind === 'typhoon' ? '01' : '03'}${s}${color}`,
      senderName: '深圳市气象台',
      issuedTime: shenzhenTime(pub),
      messageType: { code: s === 1 || kind === 'rainstorm' ? 'alert' : 'update', supersedes: [] },
      eventType: { name: typeName, code: kind === 'typhoon' ? '1001' : '1003' },
      urgency: null,
      severity,
      certainty: null,
      icon: kind === 'typhoon' ? '1001' : '1003',
      color: { code: color, red, green, blue, alpha: 1 },
      effectiveTime: shenzhenTime(pub),
      onsetTime: shenzhenTime(pub),
      expiredTime: shenzhenTime(pub + 24 * 3600_000),
      headline: `深圳市气象台发布${typeName}${name}预警信号`,
      description: kind === 'typhoon'
        ? `深圳市气象台发布台风${name}预警信号：受台风影响，预计未来24小时内本市将出现${TYPHOON_WEATHER[s]!.windScale}级大风，请做好防御准备。（演练数据）`
        : `深圳市气象台发布暴雨${name}预警信号：预计未来6小时内本市将出现强降雨，请注意防范。（演练数据）`,
      criteria: null,
      instruction: null,
      responseTypes: [],
    }
  }
  const list = [warning('typhoon', stage, TYPHOON_LEVELS[stage]!)]
  if (stage === 3) list.push(warning('rainstorm', 3, TYPHOON_LEVELS[2]!))
  if (stage === 4) list.push(warning('rainstorm', 4, TYPHOON_LEVELS[3]!))
  return list
}

function v2Error(status: number, title: string, detail: string) {
  const type = { 400: 'invalid-parameter', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 429: 'too-many-requests' }[status] ?? 'internal-error'
  return { error: { status, type: `https://dev.qweather.com/docs/resource/error-code/#${type}`, title, detail } }
}

export async function startWeatherStub(options: WeatherStubOptions = {}): Promise<WeatherStub> {
  const clock = options.now ?? Date.now
  let scenario: 'calm' | 'typhoon' = options.scenario ?? 'calm'
  let fixedStage: number | undefined
  let stepSeconds = options.stepSeconds ?? 120
  let startedAt = clock()
  let override: Record<string, unknown>[] | null = null
  let failures: Required<WeatherStubFailure>[] = []
  let counts: Record<string, number> = {}
  const hanging = new Set<NodeJS.Timeout>()

  const stage = () => {
    if (scenario === 'calm') return 0
    if (fixedStage !== undefined) return fixedStage
    return Math.min(4, 1 + Math.floor((clock() - startedAt) / (stepSeconds * 1000)))
  }

  const setScenario: WeatherStub['setScenario'] = (name, opts = {}) => {
    scenario = name
    startedAt = clock()
    fixedStage = opts.stage === undefined ? undefined : Math.max(0, Math.min(4, Math.floor(opts.stage)))
    if (opts.stepSeconds) stepSeconds = opts.stepSeconds
  }

  const refer = { sources: ['QWeather (本地模拟)'], license: ['QWeather Developers License'] }

  function weatherNow(lng: number, lat: number) {
    const now = clock()
    const day = shenzhenTime(now, false)
    const hour = new Date(now + 8 * 3600_000).getUTCHours()
    const month = new Date(now + 8 * 3600_000).getUTCMonth()
    const seasonal = 19 + 9 * Math.sin(((month - 3) / 12) * 2 * Math.PI) // Shenzhen-like: ~11 °C base in Jan … ~28 °C in Jul (plus the day’s swing)
    const daily = 4 * Math.sin(((hour - 9) / 24) * 2 * Math.PI)
    const temp = Math.round(seasonal + 6 + daily + noise(lng, lat, day) * 3)
    const sky = SKIES[Math.floor(noise(lng, lat, day, hour) * SKIES.length)]
    const typhoon = TYPHOON_WEATHER[stage()]
    const windScale = typhoon?.windScale ?? String(1 + Math.floor(noise(day, hour, 'w') * 3))
    return {
      obsTime: shenzhenTime(now - (now % 600_000)),
      temp: String(temp),
      feelsLike: String(temp + (typhoon ? -2 : 1)),
      icon: typhoon?.icon ?? sky.icon,
      text: typhoon?.text ?? sky.text,
      wind360: String(Math.floor(noise(day, 'dir') * 360)),
      windDir: WIND_DIRS[Math.floor(noise(day, 'dir') * WIND_DIRS.length)],
      windScale,
      windSpeed: String(typhoon?.windSpeed ?? 5 + Math.floor(noise(day, hour, 's') * 15)),
      humidity: String(typhoon ? 95 : 55 + Math.floor(noise(lng, day, 'h') * 35)),
      precip: (typhoon?.precip ?? (sky.icon >= '300' ? 1.2 : 0)).toFixed(1),
      pressure: String(typhoon ? 985 - stage() * 5 : 1008 + Math.floor(noise(day, 'p') * 12)),
      vis: String(typhoon ? 3 : 18 + Math.floor(noise(day, 'v') * 12)),
      cloud: String(typhoon ? 100 : Math.floor(noise(day, 'c') * 100)),
      dew: String(temp - 6),
    }
  }

  function forecast(lng: number, lat: number) {
    const now = clock()
    const month = new Date(now + 8 * 3600_000).getUTCMonth()
    const seasonal = 19 + 9 * Math.sin(((month - 3) / 12) * 2 * Math.PI)
    return Array.from({ length: 7 }, (_, i) => {
      const date = shenzhenTime(now + i * 86_400_000, false)
      const max = Math.round(seasonal + 10 + noise(lng, lat, date, 'max') * 4)
      const min = max - 5 - Math.floor(noise(date, 'min') * 4)
      const day = SKIES[Math.floor(noise(date, 'd') * SKIES.length)]
      const night = SKIES[Math.floor(noise(date, 'n') * 3)]
      const typhoon = i === 0 ? TYPHOON_WEATHER[stage()] : i === 1 && stage() >= 3 ? TYPHOON_WEATHER[2] : null
      return {
        fxDate: date, sunrise: '06:50', sunset: '17:45', moonrise: '', moonset: '', moonPhase: '', moonPhaseIcon: '',
        tempMax: String(max), tempMin: String(min),
        iconDay: typhoon?.icon ?? day.icon, textDay: typhoon?.text ?? day.text,
        iconNight: typhoon?.icon ?? String(Number(night.icon) + 50), textNight: typhoon?.text ?? night.text,
        wind360Day: '90', windDirDay: WIND_DIRS[Math.floor(noise(date, 'wd') * WIND_DIRS.length)], windScaleDay: typhoon?.windScale ?? '1-3', windSpeedDay: String(typhoon?.windSpeed ?? 10),
        wind360Night: '90', windDirNight: '东风', windScaleNight: '1-3', windSpeedNight: '8',
        humidity: String(60 + Math.floor(noise(date, 'h') * 30)), precip: (typhoon?.precip ?? (day.icon >= '300' ? 3 : 0)).toFixed(1),
        pressure: '1010', vis: '25', cloud: '40', uvIndex: String(Math.floor(noise(date, 'uv') * 8)),
      }
    })
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(body))
    }
    // --- helpers
    if (url.pathname === '/__calls') return send(200, counts)
    if (url.pathname === '/__reset' && req.method === 'POST') {
      reset()
      return send(200, { ok: true })
    }
    if (url.pathname === '/__scenario' && req.method === 'POST') {
      const name = url.searchParams.get('name') === 'typhoon' ? 'typhoon' : 'calm'
      const stageParam = url.searchParams.get('stage')
      const step = Number(url.searchParams.get('step') ?? '')
      setScenario(name, { ...(stageParam !== null ? { stage: Number(stageParam) } : {}), ...(step > 0 ? { stepSeconds: step } : {}) })
      return send(200, { scenario, stage: stage() })
    }
    if (url.pathname === '/__warnings' && req.method === 'POST') {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        try {
          const list = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]')
          override = Array.isArray(list) && list.length ? list : null
          send(200, { ok: true })
        } catch {
          send(400, { error: 'body must be a JSON list' })
        }
      })
      return
    }
    if (url.pathname === '/__fail' && req.method === 'POST') {
      const p = url.searchParams
      failNext({
        path: p.get('path') ?? '/v7/weather/now', mode: (p.get('mode') ?? 'status') as WeatherStubFailureMode,
        status: Number(p.get('status') ?? 500), code: p.get('code') ?? '402', ms: Number(p.get('ms') ?? 30_000), count: Number(p.get('count') ?? 1),
      })
      return send(200, { ok: true })
    }

    // --- the API
    const alertMatch = /^\/weatheralert\/v1\/current\/([^/]*)\/([^/]*)$/.exec(url.pathname)
    const path = (alertMatch ? ALERT_PATH : url.pathname) as (typeof PATHS)[number]
    if (!PATHS.includes(path)) return send(404, v2Error(404, 'Not Found', `no such path ${url.pathname}`))
    counts[path] = (counts[path] ?? 0) + 1
    const key = String(req.headers['x-qw-api-key'] ?? '') || url.searchParams.get('key') || ''
    if (!key || (options.apiKey && key !== options.apiKey)) return send(401, v2Error(401, 'Unauthorized', 'Invalid or missing API key'))

    const failure = failures.find((f) => f.path === path && f.count > 0)
    if (failure) {
      failure.count--
      if (failure.mode === 'status') return send(failure.status, v2Error(failure.status, 'Error', 'injected failure'))
      if (failure.mode === 'v1') return send(200, { code: failure.code })
      if (failure.mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        return res.end('{"code":"200","now":{"temp":"2')
      }
      // hang: answer (too) late
      const timer = setTimeout(() => {
        hanging.delete(timer)
        if (!res.writableEnded) send(200, { code: '500' })
      }, failure.ms)
      hanging.add(timer)
      return
    }

    if (alertMatch) {
      const coordinate = /^-?\d{1,3}(?:\.\d{1,2})?$/
      const [lat, lon] = [alertMatch[1]!, alertMatch[2]!]
      if (!coordinate.test(lat) || !coordinate.test(lon) || Math.abs(Number(lat)) > 90 || Math.abs(Number(lon)) > 180) {
        return send(400, { error: { ...v2Error(400, 'Invalid Parameter', 'latitude/longitude').error, invalidParams: ['latitude', 'longitude'] } })
      }
      const alerts = override ?? typhoonWarnings(stage(), startedAt, clock())
      const metadata = { tag: `stub-${stage()}-${alerts.length}`, zeroResult: alerts.length === 0, attributions: ['https://developer.qweather.com/attribution.html', 'QWeather (本地模拟)'] }
      return send(200, { metadata, alerts })
    }
    const location = url.searchParams.get('location') ?? ''
    const match = /^(-?\d{1,3}(?:\.\d{1,2})?),(-?\d{1,2}(?:\.\d{1,2})?)$/.exec(location)
    if (!match) return send(400, { error: { ...v2Error(400, 'Invalid Parameter', 'location').error, invalidParams: ['location'] } })
    const lng = Number(match[1])
    const lat = Number(match[2])
    const updateTime = shenzhenTime(clock() - (clock() % 600_000))
    const fxLink = `https://www.qweather.com/weather/${lng},${lat}.html`
    if (path === '/v7/weather/now') return send(200, { code: '200', updateTime, fxLink, now: weatherNow(lng, lat), refer })
    return send(200, { code: '200', updateTime, fxLink, daily: forecast(lng, lat), refer })
  })

  function failNext(failure: WeatherStubFailure) {
    failures.push({ status: 500, code: '402', ms: 30_000, count: 1, ...failure })
  }

  function reset() {
    scenario = 'calm'
    fixedStage = undefined
    override = null
    failures = []
    counts = {}
    startedAt = clock()
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of hanging) clearTimeout(timer)
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    setScenario,
    stage,
    setWarnings: (warnings) => {
      override = warnings && warnings.length ? warnings : null
    },
    failNext,
    calls: () => ({ ...counts }),
    reset,
  }
}

// `node backend/stubs/weather_stub.ts` on its own
if (import.meta.url === `file://${process.argv[1]}`) {
  const stub = await startWeatherStub({
    port: Number(process.env.WEATHER_STUB_PORT ?? 3394),
    scenario: process.env.WEATHER_STUB_SCENARIO === 'typhoon' ? 'typhoon' : 'calm',
    stepSeconds: Number(process.env.WEATHER_STUB_STEP_SECONDS ?? 120),
  })
  console.log(`QWeather stub ${stub.url}`)
}
