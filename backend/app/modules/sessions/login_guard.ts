/*
| Password-guessing defence of the PC login (both steps), instead of an account lock an attacker could
| trigger for anyone whose phone number they know:
|
|   - per phone: wrong passwords are counted for 30 minutes (unknown phones exactly like existing ones);
|     from the 3rd a CAPTCHA is required with every attempt. The account is never locked: its owner
|     signs in with the CAPTCHA, the password and the SMS code, and a correct password clears the count.
|   - per client IP: from the 10th wrong password in 30 minutes a CAPTCHA is required for any phone, and
|     after 50 in an hour the IP gets 429 until the hour has passed.
|
| Counters live in Redis (rate-limiter-flexible); CAPTCHA images come from svg-captcha. A CAPTCHA's
| answer is stored in Redis under its id for 5 minutes and is used up by the first check, right or wrong.
*/
import { randomUUID } from 'node:crypto'
import { Exception } from '@adonisjs/core/exceptions'
import redis from '@adonisjs/redis/services/main'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import svgCaptcha from 'svg-captcha'
import { normaliseIp } from '#services/otp_service'

export const LOGIN_GUARD = {
  /** wrong passwords of one phone before a CAPTCHA is required */
  captchaAfterPhoneFailures: 3,
  phoneWindowSeconds: 30 * 60,
  /** wrong passwords from one IP before a CAPTCHA is required for every phone */
  captchaAfterIpFailures: 10,
  ipCaptchaWindowSeconds: 30 * 60,
  /** wrong passwords from one IP before it is refused (429) */
  ipBlockAfterFailures: 50,
  ipBlockWindowSeconds: 60 * 60,
  captchaTtlSeconds: 5 * 60,
} as const

export const LOGIN_GUARD_PREFIX = 'szpm:login:'
/** Redis key of a CAPTCHA's answer (tests read it there, as an operator could) */
export const captchaKey = (id: string) => `${LOGIN_GUARD_PREFIX}captcha:${id}`

export const CAPTCHA_REQUIRED_MESSAGE = '请输入图形验证码'
export const CAPTCHA_WRONG_MESSAGE = '图形验证码错误或已失效，请重新输入'

let limiters: { phone: RateLimiterRedis; ipCaptcha: RateLimiterRedis; ipBlock: RateLimiterRedis } | undefined

function counters() {
  const storeClient = redis.connection('main').ioConnection
  limiters ??= {
    // counters only: consume never rejects below these points, the guard reads consumedPoints
    phone: new RateLimiterRedis({ storeClient, keyPrefix: `${LOGIN_GUARD_PREFIX}phone`, points: 1_000_000, duration: LOGIN_GUARD.phoneWindowSeconds }),
    ipCaptcha: new RateLimiterRedis({ storeClient, keyPrefix: `${LOGIN_GUARD_PREFIX}ip`, points: 1_000_000, duration: LOGIN_GUARD.ipCaptchaWindowSeconds }),
    ipBlock: new RateLimiterRedis({ storeClient, keyPrefix: `${LOGIN_GUARD_PREFIX}ipblock`, points: 1_000_000, duration: LOGIN_GUARD.ipBlockWindowSeconds }),
  }
  return limiters
}

/** one client, however its address is written (the OTP service's per-IP limit keys it the same way) */
const clientKey = normaliseIp

/** the answer of a login step the guard refuses: 400 with the CAPTCHA as a field error, or 429 */
export class LoginGuardError extends Exception {
  constructor(
    message: string,
    status: number,
    readonly captchaRequired: boolean
  ) {
    super(message, { status, code: captchaRequired ? 'E_CAPTCHA_REQUIRED' : 'E_TOO_MANY_LOGINS' })
  }
}

/** A new CAPTCHA: its id and an SVG image (data URL); the answer waits in Redis. */
export async function createCaptcha() {
  const captcha = svgCaptcha.create({ size: 4, noise: 2, color: true, ignoreChars: '0oO1ilI', width: 120, height: 40, background: '#f5f7fa' })
  const id = randomUUID()
  await redis.connection('main').ioConnection.set(captchaKey(id), captcha.text.toLowerCase(), 'EX', LOGIN_GUARD.captchaTtlSeconds)
  return {
    id,
    image: `data:image/svg+xml;base64,${Buffer.from(captcha.data).toString('base64')}`,
    expiresIn: LOGIN_GUARD.captchaTtlSeconds,
  }
}

/** checks (and uses up) a CAPTCHA answer */
async function captchaAnswered(id: string | undefined, answer: string | undefined) {
  if (!id || !answer) return false
  const expected = await redis.connection('main').ioConnection.getdel(captchaKey(id))
  return expected !== null && expected === answer.trim().toLowerCase()
}

export interface LoginAttempt {
  phone: string
  ip: string
  captchaId?: string
  captcha?: string
}

/** whether the next attempt for this phone / from this IP must carry a CAPTCHA */
export async function captchaRequired(phone: string, ip: string) {
  const { phone: byPhone, ipCaptcha } = counters()
  const [phoneCount, ipCount] = await Promise.all([byPhone.get(phone), ipCaptcha.get(clientKey(ip))])
  return (phoneCount?.consumedPoints ?? 0) >= LOGIN_GUARD.captchaAfterPhoneFailures || (ipCount?.consumedPoints ?? 0) >= LOGIN_GUARD.captchaAfterIpFailures
}

/** Before the password is checked: refuses a blocked IP, and a missing or wrong CAPTCHA when one is due. */
export async function guardLogin(attempt: LoginAttempt) {
  const blocked = await counters().ipBlock.get(clientKey(attempt.ip))
  if ((blocked?.consumedPoints ?? 0) >= LOGIN_GUARD.ipBlockAfterFailures) {
    const minutes = Math.max(1, Math.ceil((blocked?.msBeforeNext ?? 0) / 60_000))
    throw new LoginGuardError(`登录失败次数过多，请 ${minutes} 分钟后再试`, 429, false)
  }
  if (!(await captchaRequired(attempt.phone, attempt.ip))) return
  if (!attempt.captchaId || !attempt.captcha) throw new LoginGuardError(CAPTCHA_REQUIRED_MESSAGE, 400, true)
  if (!(await captchaAnswered(attempt.captchaId, attempt.captcha))) throw new LoginGuardError(CAPTCHA_WRONG_MESSAGE, 400, true)
}

/** A wrong password (or an unknown phone): counted per phone and per IP. Returns whether a CAPTCHA is now due. */
export async function loginFailed(attempt: LoginAttempt) {
  const { phone, ipCaptcha, ipBlock } = counters()
  const ip = clientKey(attempt.ip)
  await Promise.all([phone.penalty(attempt.phone), ipCaptcha.penalty(ip), ipBlock.penalty(ip)])
  return captchaRequired(attempt.phone, attempt.ip)
}

/** A correct password: the phone's count starts again (the IP's does not). */
export async function loginSucceeded(attempt: LoginAttempt) {
  await counters().phone.delete(attempt.phone)
}

/** Clears every login counter and CAPTCHA (tests; an operator helping a user behind a shared IP). */
export async function resetLoginGuard() {
  const client = redis.connection('main').ioConnection
  let cursor = '0'
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${LOGIN_GUARD_PREFIX}*`, 'COUNT', 500)
    if (keys.length) await client.del(...keys)
    cursor = next
  } while (cursor !== '0')
}
