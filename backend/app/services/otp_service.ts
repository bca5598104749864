/*
| SMS verification codes (短信验证码) for login, WeChat binding and phone changes.
|
| Rules (spec, module 1): 6 digits from crypto randomness, valid 5 minutes, single use, bound to the
| phone AND the purpose; at most 1 send per phone per 60 s and 10 per phone per calendar day in
| Asia/Shanghai; at most 20 sends per client IP per sliding hour; 5 wrong tries void the code.
|
| All state lives in Redis so the limits hold across processes, and every check-and-update is one
| Lua script, so two processes can never both pass a limit. Only an HMAC of the code (keyed with
| APP_KEY) is stored. Time comes from an injectable clock: deadlines are stored as timestamps and
| compared with the clock inside the scripts; the Redis TTLs (deadline + a grace period) only
| collect garbage. Several processes therefore need roughly synchronised clocks (NTP).
|
| A send whose SMS fails gives the phone's 60 s slot and daily count back (the person got nothing),
| but keeps the IP's slot: the per-IP limit also bounds how often one client can hammer the gateway.
*/
import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { Exception } from '@adonisjs/core/exceptions'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import { createSmsProvider } from '#services/sms/main'
import type { SmsProvider, SmsTemplate } from '#services/sms/types'

export type OtpPurpose = SmsTemplate

export interface Clock {
  /** milliseconds since the epoch */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface OtpLimits {
  /** how long a code is valid */
  codeTtlMs: number
  /** minimum gap between two sends to one phone (any purpose) */
  resendIntervalMs: number
  /** sends per phone per calendar day in Asia/Shanghai */
  dailyPerPhone: number
  /** sends per client IP within `ipWindowMs` (sliding window) */
  perIpPerWindow: number
  ipWindowMs: number
  /** wrong tries that void a code */
  maxAttempts: number
}

export const DEFAULT_OTP_LIMITS: Readonly<OtpLimits> = Object.freeze({
  codeTtlMs: 5 * 60_000,
  resendIntervalMs: 60_000,
  dailyPerPhone: 10,
  perIpPerWindow: 20,
  ipWindowMs: 60 * 60_000,
  maxAttempts: 5,
})

export interface OtpServiceOptions {
  /** an ioredis client without a `keyPrefix` of its own (the app's `main` connection) */
  redis: Redis
  sms: SmsProvider
  /** HMAC key for stored codes (APP_KEY) */
  secret: string
  /** prefix of every key this service writes; default `szpm:otp:` */
  keyPrefix?: string
  clock?: Clock
  limits?: Partial<OtpLimits>
  /** extra lifetime of Redis keys past their logical deadline (clock skew between processes) */
  graceMs?: number
}

export type OtpErrorCode =
  | 'RATE_LIMITED_PHONE'
  | 'DAILY_LIMIT'
  | 'RATE_LIMITED_IP'
  | 'SEND_FAILED'
  | 'INVALID'
  | 'EXPIRED_OR_MISSING'
  | 'LOCKED'

const STATUS: Record<OtpErrorCode, number> = {
  RATE_LIMITED_PHONE: 429,
  DAILY_LIMIT: 429,
  RATE_LIMITED_IP: 429,
  SEND_FAILED: 502,
  INVALID: 422,
  EXPIRED_OR_MISSING: 422,
  LOCKED: 422,
}

/** A refused send or verify. `message` is Chinese and meant for the user. */
export class OtpError extends Exception {
  declare code: OtpErrorCode
  /** seconds until a send may succeed (rate limits only) */
  readonly retryAfter?: number
  /** tries left on the current code (INVALID only) */
  readonly remainingAttempts?: number

  constructor(
    code: OtpErrorCode,
    message: string,
    extra: { retryAfter?: number; remainingAttempts?: number; cause?: unknown } = {}
  ) {
    super(message, { code, status: STATUS[code], cause: extra.cause })
    this.retryAfter = extra.retryAfter
    this.remainingAttempts = extra.remainingAttempts
  }
}

/** Runs a Lua script by SHA, loading it on first use (or after SCRIPT FLUSH / a Redis restart). */
class LuaScript {
  readonly sha: string
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex')
  }
  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!String((error as Error).message).includes('NOSCRIPT')) throw error
      return client.eval(this.source, keys.length, ...keys, ...args)
    }
  }
}

/**
 * KEYS: cooldown (phone), daily counter (phone + day), IP window (sorted set of send ids by time)
 * ARGV: now, cooldown value "<until>:<id>", resend ms, daily limit, day end, IP limit, IP window, id, grace
 * → { 'OK', 0 } or { limit code, ms until it lifts }
 */
const RESERVE = new LuaScript(`
local now = tonumber(ARGV[1])
local resendMs = tonumber(ARGV[3])
local dayEndsAt = tonumber(ARGV[5])
local ipWindow = tonumber(ARGV[7])
local grace = tonumber(ARGV[9])

local daily = tonumber(redis.call('GET', KEYS[2]) or '0')
if daily >= tonumber(ARGV[4]) then return {'DAILY_LIMIT', dayEndsAt - now} end

local cooldown = redis.call('GET', KEYS[1])
if cooldown then
  local untilMs = tonumber(string.match(cooldown, '^(%d+):'))
  if untilMs and untilMs > now then return {'RATE_LIMITED_PHONE', untilMs - now} end
end

redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - ipWindow)
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[6]) then
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  return {'RATE_LIMITED_IP', tonumber(oldest[2]) + ipWindow - now}
end

redis.call('SET', KEYS[1], ARGV[2], 'PX', resendMs + grace)
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], math.max(dayEndsAt - now, 0) + grace)
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[8])
redis.call('PEXPIRE', KEYS[3], ipWindow + grace)
return {'OK', 0}
`)

/** KEYS: cooldown, daily counter. ARGV: the cooldown value this send set. Gives the phone's slot back. */
const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1
`)

/**
 * KEYS: code hash. ARGV: now, HMAC of the offered code, max attempts.
 * → { 'OK' | 'EXPIRED_OR_MISSING' | 'LOCKED', 0 } or { 'INVALID', tries left }
 */
const VERIFY = new LuaScript(`
local data = redis.call('HMGET', KEYS[1], 'h', 'exp', 'tries', 'locked')
if not data[1] then return {'EXPIRED_OR_MISSING', 0} end
if tonumber(data[2]) <= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return {'EXPIRED_OR_MISSING', 0}
end
if data[4] == '1' then return {'LOCKED', 0} end
if data[1] == ARGV[2] then
  redis.call('DEL', KEYS[1])
  return {'OK', 0}
end
local left = tonumber(ARGV[3]) - redis.call('HINCRBY', KEYS[1], 'tries', 1)
if left <= 0 then
  redis.call('HSET', KEYS[1], 'locked', '1')
  return {'LOCKED', 0}
end
return {'INVALID', left}
`)

const DAY_MS = 86_400_000
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The Asia/Shanghai calendar day of `now`: its `YYYYMMDD` and the instant it ends. */
export function shanghaiDay(now: number): { key: string; endsAt: number } {
  const day = Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS)
  return {
    key: new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', ''),
    endsAt: (day + 1) * DAY_MS - SHANGHAI_OFFSET_MS,
  }
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are one client. */
export function normaliseIp(ip: string) {
  const trimmed = ip.trim().toLowerCase()
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed || 'unknown'
}

export default class OtpService {
  readonly limits: Readonly<OtpLimits>
  readonly keyPrefix: string
  readonly #redis: Redis
  readonly #sms: SmsProvider
  readonly #secret: string
  readonly #clock: Clock
  readonly #graceMs: number

  constructor(options: OtpServiceOptions) {
    if (!options.secret) throw new Error('OtpService needs a secret (APP_KEY) to hash codes')
    this.limits = Object.freeze({ ...DEFAULT_OTP_LIMITS, ...options.limits })
    this.keyPrefix = options.keyPrefix ?? 'szpm:otp:'
    this.#redis = options.redis
    this.#sms = options.sms
    this.#secret = options.secret
    this.#clock = options.clock ?? systemClock
    this.#graceMs = options.graceMs ?? 60_000
  }

  /** Redis keys, exposed for tests and operations (e.g. clearing a phone's limits by hand). */
  keys(input: { phone: string; purpose?: OtpPurpose; ip?: string; now?: number }) {
    const now = input.now ?? this.#clock.now()
    return {
      cooldown: `${this.keyPrefix}cooldown:${input.phone}`,
      daily: `${this.keyPrefix}daily:${input.phone}:${shanghaiDay(now).key}`,
      ip: input.ip === undefined ? undefined : `${this.keyPrefix}ip:${normaliseIp(input.ip)}`,
      code: input.purpose === undefined ? undefined : `${this.keyPrefix}code:${input.purpose}:${input.phone}`,
    }
  }

  /**
   * Sends a new code for `purpose` to `phone` (replacing that purpose's previous code).
   * Returns seconds until the code expires and until the next send is allowed.
   */
  async send(input: { phone: string; purpose: OtpPurpose; ip: string }): Promise<{ expiresIn: number; resendIn: number }> {
    const { phone, purpose } = input
    const { codeTtlMs, resendIntervalMs } = this.limits
    const now = this.#clock.now()
    const keys = this.keys({ phone, purpose, ip: input.ip, now })
    const sendId = randomUUID()
    const cooldownValue = `${now + resendIntervalMs}:${sendId}`

    const [verdict, waitMs] = (await RESERVE.run(
      this.#redis,
      [keys.cooldown, keys.daily, keys.ip!],
      [
        now,
        cooldownValue,
        resendIntervalMs,
        this.limits.dailyPerPhone,
        shanghaiDay(now).endsAt,
        this.limits.perIpPerWindow,
        this.limits.ipWindowMs,
        sendId,
        this.#graceMs,
      ]
    )) as [string, number]
    if (verdict !== 'OK') throw limitError(verdict as OtpErrorCode, Number(waitMs))

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    try {
      await this.#sms.send(phone, purpose, { code })
    } catch (error) {
      await RELEASE.run(this.#redis, [keys.cooldown, keys.daily], [cooldownValue]).catch(() => {})
      throw new OtpError('SEND_FAILED', '短信发送失败，请稍后重试', { cause: error })
    }

    await this.#redis
      .multi()
      .del(keys.code!)
      .hset(keys.code!, { h: this.#hash(phone, purpose, code), exp: now + codeTtlMs, tries: 0 })
      .pexpire(keys.code!, codeTtlMs + this.#graceMs)
      .exec()
    return { expiresIn: Math.round(codeTtlMs / 1000), resendIn: Math.round(resendIntervalMs / 1000) }
  }

  /** Consumes the code: true, or an OtpError (INVALID with tries left, EXPIRED_OR_MISSING, LOCKED). */
  async verify(input: { phone: string; purpose: OtpPurpose; code: string }): Promise<true> {
    const key = this.keys({ phone: input.phone, purpose: input.purpose }).code!
    const [verdict, left] = (await VERIFY.run(
      this.#redis,
      [key],
      [this.#clock.now(), this.#hash(input.phone, input.purpose, String(input.code).trim()), this.limits.maxAttempts]
    )) as [string, number]
    if (verdict === 'OK') return true
    if (verdict === 'INVALID') {
      throw new OtpError('INVALID', `验证码错误，还可尝试 ${left} 次`, { remainingAttempts: Number(left) })
    }
    if (verdict === 'LOCKED') throw new OtpError('LOCKED', '错误次数过多，验证码已作废，请重新获取')
    throw new OtpError('EXPIRED_OR_MISSING', '验证码已失效，请重新获取')
  }

  #hash(phone: string, purpose: OtpPurpose, code: string) {
    return createHmac('sha256', this.#secret).update(`otp:v1:${purpose}:${phone}:${code}`).digest('hex')
  }
}

function limitError(code: OtpErrorCode, waitMs: number): OtpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  switch (code) {
    case 'RATE_LIMITED_PHONE':
      return new OtpError(code, `发送过于频繁，请 ${seconds} 秒后再试`, { retryAfter: seconds })
    case 'DAILY_LIMIT':
      return new OtpError(code, '今日验证码发送次数已达上限，请明天再试', { retryAfter: seconds })
    default:
      return new OtpError('RATE_LIMITED_IP', `请求验证码过于频繁，请 ${Math.ceil(seconds / 60)} 分钟后再试`, {
        retryAfter: seconds,
      })
  }
}

let shared: OtpService | undefined

/** The application's OTP service: the `main` Redis connection, the configured SMS provider, APP_KEY. */
export function otpService(): OtpService {
  shared ??= new OtpService({
    redis: redis.connection('main').ioConnection,
    sms: createSmsProvider(),
    secret: env.get('APP_KEY').release(),
  })
  return shared
}
