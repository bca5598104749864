/**
 * PC sign-in is two-factor (password + SMS code, docs/identity_providers.md). The bench's API runs
 * with NODE_ENV=production, where the SMS_* variables are required, so the bench points it at its
 * own in-process SMS stub (backend/stubs/sms_stub.ts, the Alibaba Cloud contract, random loopback
 * port) and reads the login codes from it. Nothing leaves 127.0.0.1.
 */
import { Redis } from 'ioredis'
import { startSmsStub } from '../../backend/stubs/sms_stub.ts'

/** the stub's default key pair and the development sign name / template (backend/app/services/sms/config.ts) */
const STUB_SMS_ENV = {
  SMS_ACCESS_KEY_ID: 'stub-access-key-id',
  SMS_ACCESS_KEY_SECRET: 'stub-access-key-secret',
  SMS_SIGN_NAME: '深圳物业监管',
  SMS_TEMPLATE_CODE: 'SMS_000000001',
}

/** Starts the stub; `env` is what the API needs, `codeFor(phone)` the newest code texted to it. */
export async function startBenchSms() {
  const stub = await startSmsStub({ host: '127.0.0.1', port: 0 })
  return {
    env: { ...STUB_SMS_ENV, SMS_ENDPOINT: stub.url },
    codeFor: async (phone) => {
      const code = stub.lastCode(phone)
      if (!code) throw new Error(`no SMS code was sent to ${phone}`)
      return code
    },
    close: () => stub.close(),
  }
}

/**
 * Lifts the OTP send limits (per-phone cooldown and daily count, per-IP window; OtpService keys
 * `szpm:otp:…`) in the bench's own Redis db, so reruns on the same day can sign in again — what
 * backend/tests/support/identity.ts liftOtpLimits does for the tests.
 */
export async function liftOtpLimits(redisUrl) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    const keys = (await Promise.all(['cooldown', 'daily', 'ip'].map((kind) => redis.keys(`szpm:otp:${kind}:*`)))).flat()
    if (keys.length > 0) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}
