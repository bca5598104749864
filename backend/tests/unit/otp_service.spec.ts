import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import OtpService, { OtpError, shanghaiDay, type OtpPurpose } from '#services/otp_service'
import { AlibabaSmsProvider } from '#services/sms/alibaba_sms_provider'
import { smsConfig } from '#services/sms/config'
import { startSmsStub, type SmsStub } from '../../stubs/sms_stub.ts'
import { caughtError, deleteRedisKeysUnder, ManualClock, redisKeysUnder } from '#tests/support/redis_service'

const RUN_PREFIX = `szpm:test:otp:${process.pid}:${randomUUID().slice(0, 8)}:`
const SECRET = 'test-app-key-for-otp-hmac'
let caseNo = 0
let phoneNo = 0

/** A phone number no other test in this run uses. */
function phone() {
  return `139${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneNo).padStart(4, '0')}`
}

const caught = (promise: Promise<unknown>) => caughtError(promise, OtpError)

test.group('OTP service · real Redis, the SDK against the SMS stub', (group) => {
  let stub: SmsStub
  let client: Redis
  const extraClients: Redis[] = []
  let clock: ManualClock
  let otp: OtpService
  let prefix: string

  const make = (overrides: { redis?: Redis } = {}) =>
    new OtpService({
      redis: overrides.redis ?? client,
      sms: new AlibabaSmsProvider(smsConfig({ SMS_ENDPOINT: stub.url })),
      secret: SECRET,
      keyPrefix: prefix,
      clock,
    })

  group.setup(async () => {
    stub = await startSmsStub({ port: 0 })
    client = redis.connection('main').ioConnection
    return async () => {
      await deleteRedisKeysUnder(client, RUN_PREFIX)
      await Promise.all(extraClients.map((c) => c.quit()))
      await stub.close()
    }
  })

  group.each.setup(() => {
    stub.clear()
    clock = new ManualClock()
    prefix = `${RUN_PREFIX}${++caseNo}:`
    otp = make()
  })

  test('send delivers a 6-digit code by SMS; verify accepts it exactly once', async ({ assert }) => {
    const to = phone()
    assert.deepEqual(await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.1' }), { expiresIn: 300, resendIn: 60 })

    const [message] = stub.sent(to)
    assert.match(message.templateParam.code, /^\d{6}$/)
    assert.equal(message.templateCode, 'SMS_000000001')
    assert.equal(await otp.verify({ phone: to, purpose: 'login', code: message.templateParam.code }), true)

    const again = await caught(otp.verify({ phone: to, purpose: 'login', code: message.templateParam.code }))
    assert.equal(again.code, 'EXPIRED_OR_MISSING')
    assert.equal(again.message, '验证码已失效，请重新获取')
    assert.equal(again.status, 422)
  })

  test('Redis holds only an HMAC of the code, under keys that expire', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'bind', ip: '10.0.0.2' })
    const code = stub.lastCode(to)!

    const keys = await redisKeysUnder(client, prefix)
    assert.isAbove(keys.length, 0)
    for (const key of keys) {
      const type = await client.type(key)
      const content =
        type === 'hash' ? JSON.stringify(await client.hgetall(key))
        : type === 'zset' ? JSON.stringify(await client.zrange(key, 0, -1))
        : String(await client.get(key))
      assert.notInclude(content, code, `${key} must not hold the code`)
      const ttl = await client.pttl(key)
      assert.isAbove(ttl, 0, `${key} has a TTL`)
    }
    const codeKey = otp.keys({ phone: to, purpose: 'bind' }).code!
    assert.match(await client.hget(codeKey, 'h') as string, /^[0-9a-f]{64}$/)
    assert.isAtMost(await client.pttl(codeKey), 300_000 + 60_000)
  })

  test('a code is bound to its purpose and its phone', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.3' })
    const code = stub.lastCode(to)!

    for (const purpose of ['bind', 'change_phone'] as OtpPurpose[]) {
      assert.equal((await caught(otp.verify({ phone: to, purpose, code }))).code, 'EXPIRED_OR_MISSING')
    }
    assert.equal((await caught(otp.verify({ phone: phone(), purpose: 'login', code }))).code, 'EXPIRED_OR_MISSING')
    // none of that touched the real code
    assert.isTrue(await otp.verify({ phone: to, purpose: 'login', code }))
  })

  test('one send per phone per 60 s, whatever the purpose', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.4' })

    const first = await caught(otp.send({ phone: to, purpose: 'bind', ip: '10.0.0.4' }))
    assert.equal(first.code, 'RATE_LIMITED_PHONE')
    assert.equal(first.message, '发送过于频繁，请 60 秒后再试')
    assert.equal(first.retryAfter, 60)
    assert.equal(first.status, 429)

    clock.advance(45_000)
    assert.equal((await caught(otp.send({ phone: to, purpose: 'login', ip: '10.0.0.4' }))).message, '发送过于频繁，请 15 秒后再试')
    clock.advance(14_999)
    assert.equal((await caught(otp.send({ phone: to, purpose: 'login', ip: '10.0.0.4' }))).code, 'RATE_LIMITED_PHONE')

    // another phone is not held up meanwhile
    await otp.send({ phone: phone(), purpose: 'login', ip: '10.0.0.4' })

    clock.advance(1)
    assert.deepEqual(await otp.send({ phone: to, purpose: 'bind', ip: '10.0.0.4' }), { expiresIn: 300, resendIn: 60 })
    assert.lengthOf(stub.sent(to), 2)
  })

  test('a new code replaces the previous code of the same purpose', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.5' })
    const oldCode = stub.lastCode(to)!
    clock.advance(60_000)
    await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.5' })
    const newCode = stub.lastCode(to)!
    if (oldCode !== newCode) {
      assert.equal((await caught(otp.verify({ phone: to, purpose: 'login', code: oldCode }))).code, 'INVALID')
    }
    assert.isTrue(await otp.verify({ phone: to, purpose: 'login', code: newCode }))
  })

  test('ten sends per phone per calendar day in Asia/Shanghai', async ({ assert }) => {
    const to = phone()
    clock.t = Date.parse('2026-03-10T20:00:00+08:00')
    for (let i = 0; i < 10; i++) {
      await otp.send({ phone: to, purpose: 'login', ip: `10.1.0.${i}` })
      clock.advance(61_000)
    }
    const limited = await caught(otp.send({ phone: to, purpose: 'login', ip: '10.1.1.1' }))
    assert.equal(limited.code, 'DAILY_LIMIT')
    assert.equal(limited.message, '今日验证码发送次数已达上限，请明天再试')
    assert.equal(limited.retryAfter, Math.ceil((Date.parse('2026-03-11T00:00:00+08:00') - clock.t) / 1000))

    clock.t = Date.parse('2026-03-10T23:59:59+08:00')
    assert.equal((await caught(otp.send({ phone: to, purpose: 'login', ip: '10.1.1.2' }))).code, 'DAILY_LIMIT')

    // 00:00:05 in Shenzhen is still 2026-03-10 in UTC: the day that counts is Shanghai's
    clock.t = Date.parse('2026-03-11T00:00:05+08:00')
    assert.equal(new Date(clock.t).getUTCDate(), 10)
    await otp.send({ phone: to, purpose: 'login', ip: '10.1.1.3' })
    assert.lengthOf(stub.sent(to), 11)
    assert.deepEqual(shanghaiDay(clock.t), { key: '20260311', endsAt: Date.parse('2026-03-12T00:00:00+08:00') })
  })

  test('at most 20 sends per client IP per sliding hour', async ({ assert }) => {
    const start = clock.t
    for (let i = 0; i < 20; i++) {
      await otp.send({ phone: phone(), purpose: 'login', ip: '203.0.113.7' })
      clock.advance(1000)
    }
    // the IPv4-mapped IPv6 form is the same client
    const limited = await caught(otp.send({ phone: phone(), purpose: 'login', ip: '::ffff:203.0.113.7' }))
    assert.equal(limited.code, 'RATE_LIMITED_IP')
    assert.equal(limited.message, '请求验证码过于频繁，请 60 分钟后再试')
    assert.equal(limited.retryAfter, 3600 - 20)

    // another address is unaffected
    await otp.send({ phone: phone(), purpose: 'login', ip: '203.0.113.8' })

    // once the first send leaves the window, one more fits
    clock.t = start + 3_600_000
    await otp.send({ phone: phone(), purpose: 'login', ip: '203.0.113.7' })
    assert.equal((await caught(otp.send({ phone: phone(), purpose: 'login', ip: '203.0.113.7' }))).code, 'RATE_LIMITED_IP')
    assert.lengthOf(stub.sent(), 22)
  })

  test('five wrong tries void the code', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'change_phone', ip: '10.0.0.6' })
    const code = stub.lastCode(to)!
    const wrong = code.slice(0, 5) + String((Number(code[5]) + 1) % 10)

    for (const left of [4, 3, 2, 1]) {
      const error = await caught(otp.verify({ phone: to, purpose: 'change_phone', code: wrong }))
      assert.equal(error.code, 'INVALID')
      assert.equal(error.remainingAttempts, left)
      assert.equal(error.message, `验证码错误，还可尝试 ${left} 次`)
    }
    const fifth = await caught(otp.verify({ phone: to, purpose: 'change_phone', code: wrong }))
    assert.equal(fifth.code, 'LOCKED')
    assert.equal(fifth.message, '错误次数过多，验证码已作废，请重新获取')

    // the right code no longer helps
    assert.equal((await caught(otp.verify({ phone: to, purpose: 'change_phone', code }))).code, 'LOCKED')

    // a fresh code works again
    clock.advance(60_000)
    await otp.send({ phone: to, purpose: 'change_phone', ip: '10.0.0.6' })
    assert.isTrue(await otp.verify({ phone: to, purpose: 'change_phone', code: stub.lastCode(to)! }))
  })

  test('a code expires 5 minutes after it was sent', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.7' })
    clock.advance(299_999)
    assert.isTrue(await otp.verify({ phone: to, purpose: 'login', code: stub.lastCode(to)! }))

    await otp.send({ phone: to, purpose: 'login', ip: '10.0.0.7' })
    clock.advance(300_000)
    const expired = await caught(otp.verify({ phone: to, purpose: 'login', code: stub.lastCode(to)! }))
    assert.equal(expired.code, 'EXPIRED_OR_MISSING')
    assert.equal(expired.message, '验证码已失效，请重新获取')
  })

  test('20 parallel sends for one phone from several connections: exactly one passes', async ({ assert }) => {
    const connections = Array.from({ length: 5 }, () => new Redis(env.get('REDIS_URL'), { lazyConnect: false }))
    extraClients.push(...connections)
    const services = connections.map((c) => make({ redis: c }))
    const to = phone()

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => services[i % services.length].send({ phone: to, purpose: 'login', ip: `10.2.0.${i}` }))
    )
    const passed = results.filter((r) => r.status === 'fulfilled')
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as OtpError).code] : []))
    assert.lengthOf(passed, 1)
    assert.deepEqual([...new Set(refused)], ['RATE_LIMITED_PHONE'])
    assert.lengthOf(stub.sent(to), 1)
  })

  test('40 parallel sends from one IP to different phones: exactly 20 pass', async ({ assert }) => {
    const connections = Array.from({ length: 4 }, () => new Redis(env.get('REDIS_URL')))
    extraClients.push(...connections)
    const services = connections.map((c) => make({ redis: c }))

    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => services[i % services.length].send({ phone: phone(), purpose: 'bind', ip: '198.51.100.1' }))
    )
    assert.lengthOf(results.filter((r) => r.status === 'fulfilled'), 20)
    assert.lengthOf(stub.sent(), 20)
  })

  test('a failed SMS gives the phone its 60 s slot and its daily count back', async ({ assert }) => {
    const to = phone()
    stub.failNext('isv.BUSINESS_LIMIT_CONTROL')
    const failed = await caught(otp.send({ phone: to, purpose: 'login', ip: '10.3.0.1' }))
    assert.equal(failed.code, 'SEND_FAILED')
    assert.equal(failed.message, '短信发送失败，请稍后重试')
    assert.equal(failed.status, 502)
    assert.lengthOf(stub.sent(to), 0)

    // at once, and then nine more times that day: ten delivered codes in all
    for (let i = 0; i < 10; i++) {
      await otp.send({ phone: to, purpose: 'login', ip: `10.3.1.${i}` })
      clock.advance(61_000)
    }
    assert.equal((await caught(otp.send({ phone: to, purpose: 'login', ip: '10.3.2.1' }))).code, 'DAILY_LIMIT')
    assert.lengthOf(stub.sent(to), 10)
  })

  test('a failed SMS keeps the previous code valid', async ({ assert }) => {
    const to = phone()
    await otp.send({ phone: to, purpose: 'bind', ip: '10.3.3.1' })
    const code = stub.lastCode(to)!
    clock.advance(61_000)
    stub.failNext('isv.AMOUNT_NOT_ENOUGH')
    assert.equal((await caught(otp.send({ phone: to, purpose: 'bind', ip: '10.3.3.1' }))).code, 'SEND_FAILED')
    assert.isTrue(await otp.verify({ phone: to, purpose: 'bind', code }))
  })

  test('failed sends still count against the IP (documented choice)', async ({ assert }) => {
    stub.failNext('isv.BUSINESS_LIMIT_CONTROL', undefined, 20)
    for (let i = 0; i < 20; i++) {
      assert.equal((await caught(otp.send({ phone: phone(), purpose: 'login', ip: '192.0.2.9' }))).code, 'SEND_FAILED')
    }
    assert.equal((await caught(otp.send({ phone: phone(), purpose: 'login', ip: '192.0.2.9' }))).code, 'RATE_LIMITED_IP')
    assert.equal(stub.requests(), 20)
  })
})
