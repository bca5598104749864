/*
| The SMS and WeChat stubs every test run talks to: started in-process on random loopback ports by
| the runner setup (tests/bootstrap.ts) before the app first reads SMS_* / WECHAT_*, so the real SMS
| SDK and WeChat client run against them. Codes are read back from the stub, as a developer would
| read them at `GET <stub>/__sent?phone=`.
*/
import redis from '@adonisjs/redis/services/main'
import { startSmsStub, type SmsStub } from '../../stubs/sms_stub.ts'
import { startWechatStub, type WechatStub } from '../../stubs/wechat_stub.ts'
import { otpService } from '#services/otp_service'

let sms: SmsStub | undefined
let wechat: WechatStub | undefined

export async function startIdentityStubs() {
  sms = await startSmsStub({ port: 0 })
  wechat = await startWechatStub({ port: 0 })
  process.env.SMS_ENDPOINT = sms.url
  process.env.WECHAT_API_BASE = wechat.url
  process.env.WECHAT_OPEN_BASE = wechat.url
  delete process.env.SMS_ACCESS_KEY_ID
  delete process.env.SMS_ACCESS_KEY_SECRET
  delete process.env.WECHAT_APP_ID
  delete process.env.WECHAT_APP_SECRET
}

export async function stopIdentityStubs() {
  await Promise.all([sms?.close(), wechat?.close()])
}

export function smsStub(): SmsStub {
  if (!sms) throw new Error('SMS stub not started (tests/bootstrap.ts)')
  return sms
}

export function wechatStub(): WechatStub {
  if (!wechat) throw new Error('WeChat stub not started (tests/bootstrap.ts)')
  return wechat
}

/** The last code texted to the phone, read from the stub's `GET /__sent?phone=`. */
export async function sentCode(phone: string): Promise<string> {
  const response = await fetch(`${smsStub().url}/__sent?phone=${phone}`)
  const messages = (await response.json()) as { templateParam: { code: string } }[]
  const last = messages.at(-1)
  if (!last) throw new Error(`no SMS was sent to ${phone}`)
  return last.templateParam.code
}

/**
 * Lifts the OTP send limits (60 s per phone, 10 a day, 20 per IP an hour) for the phone and the
 * loopback client, so tests can log the same account in many times. Codes stay as they are.
 */
export async function liftOtpLimits(phone: string) {
  const otp = otpService()
  const keys = [otp.keys({ phone, ip: '127.0.0.1' }), otp.keys({ phone, ip: '::1' })]
  const names = keys.flatMap((k) => [k.cooldown, k.daily, k.ip]).filter((k): k is string => Boolean(k))
  await redis.connection('main').ioConnection.del(...names)
}

/** Deletes the phone's stored codes (all purposes) and its limits. */
export async function resetOtp(phone: string) {
  await liftOtpLimits(phone)
  const otp = otpService()
  const codes = (['login', 'bind', 'change_phone'] as const).map((purpose) => otp.keys({ phone, purpose }).code!)
  await redis.connection('main').ioConnection.del(...codes)
}

/** WeChat OAuth through the stub for `openid`: the agent's session then holds the openid (the H5's first step) */
export async function authorizeWechat(agent: import('#tests/support/http_agent').Agent, openid: string) {
  const start = await agent.get('/api/v1/wechat/authorize')
  const state = new URL(start.location!).searchParams.get('state')!
  await agent.get(`/api/v1/wechat/callback?code=${wechatStub().issueCode(openid)}&state=${state}`)
}
