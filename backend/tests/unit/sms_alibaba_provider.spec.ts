import { test } from '@japa/runner'
import { AlibabaSmsProvider } from '#services/sms/alibaba_sms_provider'
import { smsConfig, parseSmsEndpoint, type SmsConfig } from '#services/sms/config'
import { SmsSendError } from '#services/sms/types'
import { startSmsStub, type SmsStub } from '../../stubs/sms_stub.ts'

/** The real SDK client, pointed at the stub over loopback. */
function providerFor(stub: SmsStub, overrides: Partial<SmsConfig> = {}) {
  return new AlibabaSmsProvider({
    ...smsConfig({ SMS_ENDPOINT: stub.url }),
    templates: { login: 'SMS_LOGIN_001', bind: 'SMS_BIND_002', change_phone: 'SMS_CHANGE_003', notice: 'SMS_NOTICE_004' },
    ...overrides,
  })
}

async function caught<T extends Error>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise
  } catch (error) {
    return error as T
  }
  throw new Error('expected a rejection')
}

test.group('SMS · Alibaba Cloud provider against the stub', (group) => {
  let stub: SmsStub
  group.setup(async () => {
    stub = await startSmsStub({ port: 0 })
    return () => stub.close()
  })
  group.each.setup(() => stub.clear())

  test('sends through the SDK: the stub records phone, sign name, template per purpose and code', async ({ assert }) => {
    const provider = providerFor(stub)
    await provider.send('13800138001', 'login', { code: '123456' })
    await provider.send('13800138001', 'bind', { code: '234567' })
    await provider.send('13800138002', 'change_phone', { code: '345678' })

    const first = stub.sent('13800138001')
    assert.deepEqual(
      first.map((m) => [m.signName, m.templateCode, m.templateParam]),
      [
        ['深圳物业监管', 'SMS_LOGIN_001', { code: '123456' }],
        ['深圳物业监管', 'SMS_BIND_002', { code: '234567' }],
      ]
    )
    assert.deepEqual(stub.sent('13800138002').map((m) => [m.templateCode, m.templateParam.code]), [['SMS_CHANGE_003', '345678']])
    assert.equal(stub.lastCode('13800138001'), '234567')

    // The same records over HTTP, for tests in other processes and for developers.
    const response = await fetch(`${stub.url}/__sent?phone=13800138002`)
    const overHttp = (await response.json()) as { phone: string; templateParam: { code: string } }[]
    assert.deepEqual(overHttp.map((m) => [m.phone, m.templateParam.code]), [['13800138002', '345678']])
  })

  test('the stub verifies the SDK signature: a wrong secret or unknown key is refused', async ({ assert }) => {
    const wrongSecret = await caught<SmsSendError>(
      providerFor(stub, { accessKeySecret: 'not-the-secret' }).send('13800138001', 'login', { code: '111111' })
    )
    assert.instanceOf(wrongSecret, SmsSendError)
    assert.equal(wrongSecret.providerCode, 'SignatureDoesNotMatch')
    assert.equal(wrongSecret.message, '短信发送失败，请稍后重试')

    const unknownKey = await caught<SmsSendError>(
      providerFor(stub, { accessKeyId: 'LTAI-nobody' }).send('13800138001', 'login', { code: '111111' })
    )
    assert.equal(unknownKey.providerCode, 'InvalidAccessKeyId.NotFound')
    assert.lengthOf(stub.sent(), 0)
  })

  test('a business refusal (HTTP 200, Code != OK) becomes SmsSendError with a Chinese message', async ({ assert }) => {
    stub.failNext('isv.BUSINESS_LIMIT_CONTROL')
    const error = await caught<SmsSendError>(providerFor(stub).send('13800138001', 'login', { code: '222222' }))
    assert.instanceOf(error, SmsSendError)
    assert.equal(error.providerCode, 'isv.BUSINESS_LIMIT_CONTROL')
    assert.equal(error.message, '短信发送失败，请稍后重试')
    assert.equal(error.status, 502)
    assert.equal(error.code, 'E_SMS_SEND_FAILED')
    assert.lengthOf(stub.sent(), 0)

    // the failure was one-off: the next send goes through
    await providerFor(stub).send('13800138001', 'login', { code: '333333' })
    assert.equal(stub.lastCode('13800138001'), '333333')
  })

  test('the gateway refuses an invalid phone number', async ({ assert }) => {
    const error = await caught<SmsSendError>(providerFor(stub).send('1380013', 'login', { code: '444444' }))
    assert.equal(error.providerCode, 'isv.MOBILE_NUMBER_ILLEGAL')
  })

  test('an unreachable gateway becomes SmsSendError, and the code never appears in the error', async ({ assert }) => {
    const closed = await startSmsStub({ port: 0 })
    await closed.close()
    const error = await caught<SmsSendError>(providerFor(closed, { timeoutMs: 2000 }).send('13800138001', 'login', { code: '987654' }))
    assert.instanceOf(error, SmsSendError)
    assert.equal(error.message, '短信发送失败，请稍后重试')
    assert.notInclude(`${error.providerCode} ${error.providerMessage} ${error.stack}`, '987654')
  })
})

test.group('SMS · configuration', () => {
  test('development defaults point the SDK at the local stub over http', ({ assert }) => {
    const config = smsConfig({})
    assert.equal(config.endpoint, '127.0.0.1:3391')
    assert.equal(config.protocol, 'http')
    assert.deepEqual(config.templates, { login: 'SMS_000000001', bind: 'SMS_000000001', change_phone: 'SMS_000000001', notice: 'SMS_000000001' })
  })

  test('per-purpose template codes override SMS_TEMPLATE_CODE', ({ assert }) => {
    const config = smsConfig({ SMS_TEMPLATE_CODE: 'SMS_1', SMS_TEMPLATE_CODE_BIND: 'SMS_2', SMS_TEMPLATE_CODE_NOTICE: 'SMS_3' })
    assert.deepEqual(config.templates, { login: 'SMS_1', bind: 'SMS_2', change_phone: 'SMS_1', notice: 'SMS_3' })
  })

  test('production requires credentials and defaults to the real endpoint over https', ({ assert }) => {
    assert.throws(() => smsConfig({ NODE_ENV: 'production' }), /must be set in production/)
    const config = smsConfig({
      NODE_ENV: 'production',
      SMS_ACCESS_KEY_ID: 'id',
      SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_SIGN_NAME: '签名',
      SMS_TEMPLATE_CODE: 'SMS_9',
    })
    assert.equal(config.endpoint, 'dysmsapi.aliyuncs.com')
    assert.equal(config.protocol, 'https')
    assert.deepEqual(parseSmsEndpoint('dysmsapi.aliyuncs.com'), { endpoint: 'dysmsapi.aliyuncs.com', protocol: 'https' })
    assert.deepEqual(parseSmsEndpoint('http://127.0.0.1:3391'), { endpoint: '127.0.0.1:3391', protocol: 'http' })
  })
})
