import { test } from '@japa/runner'
import { createHash, randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import redis from '@adonisjs/redis/services/main'
import { HttpWechatClient, WechatApiError } from '#services/wechat/wechat_client'
import { wechatConfig, type WechatConfig } from '#services/wechat/config'
import { startWechatStub, type WechatStub } from '../../stubs/wechat_stub.ts'
import { caughtError, deleteRedisKeysUnder, ManualClock } from '#tests/support/redis_service'

const RUN_PREFIX = `szpm:test:wechat:${process.pid}:${randomUUID().slice(0, 8)}:`
const APP_ID = 'wx1234567890abcdef'
const APP_SECRET = 'test-app-secret'
let caseNo = 0

const caught = (promise: Promise<unknown>) => caughtError(promise, WechatApiError)

test.group('WeChat client · real Redis, against the WeChat stub', (group) => {
  let stub: WechatStub
  let client: Redis
  let clock: ManualClock
  let prefix: string

  const configFor = (overrides: Partial<WechatConfig> = {}): WechatConfig => ({
    ...wechatConfig({ WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_API_BASE: stub.url, WECHAT_OPEN_BASE: stub.url }),
    ...overrides,
  })
  const make = (overrides: Partial<WechatConfig> = {}) =>
    new HttpWechatClient({ config: configFor(overrides), redis: client, keyPrefix: prefix, clock })

  group.setup(async () => {
    stub = await startWechatStub({ port: 0, appId: APP_ID, appSecret: APP_SECRET, openid: 'o_default_openid', templateIds: ['TPL_REMIND'] })
    client = redis.connection('main').ioConnection
    return async () => {
      await deleteRedisKeysUnder(client, RUN_PREFIX)
      await stub.close()
    }
  })

  group.each.setup(() => {
    stub.clear()
    clock = new ManualClock()
    prefix = `${RUN_PREFIX}${++caseNo}:`
  })

  test('oauthAuthorizeUrl builds WeChat’s authorize URL in its required order', ({ assert }) => {
    const url = make().oauthAuthorizeUrl('https://szpm.example.cn/m/auth/callback?from=menu', 'st-1', 'snsapi_base')
    assert.equal(
      url,
      `${stub.url}/connect/oauth2/authorize?appid=${APP_ID}` +
        '&redirect_uri=https%3A%2F%2Fszpm.example.cn%2Fm%2Fauth%2Fcallback%3Ffrom%3Dmenu' +
        '&response_type=code&scope=snsapi_base&state=st-1#wechat_redirect'
    )
    assert.include(make().oauthAuthorizeUrl('https://x.cn/cb', 's'), 'scope=snsapi_base')
    assert.include(make().oauthAuthorizeUrl('https://x.cn/cb', 's', 'snsapi_userinfo'), 'scope=snsapi_userinfo')
  })

  test('authorize redirect → exchangeCode → openid', async ({ assert }) => {
    const wechat = make()
    const response = await fetch(wechat.oauthAuthorizeUrl('http://127.0.0.1:1/m/auth/callback?from=menu', 'xyz'), { redirect: 'manual' })
    assert.equal(response.status, 302)
    const location = new URL(response.headers.get('location')!)
    assert.equal(`${location.origin}${location.pathname}`, 'http://127.0.0.1:1/m/auth/callback')
    assert.equal(location.searchParams.get('from'), 'menu')
    assert.equal(location.searchParams.get('state'), 'xyz')

    assert.deepEqual(await wechat.exchangeCode(location.searchParams.get('code')!), { openid: 'o_default_openid' })
  })

  test('the stub’s authorize endpoint picks the openid (query or header) and unionid', async ({ assert }) => {
    const wechat = make()
    const byQuery = await fetch(`${wechat.oauthAuthorizeUrl('http://127.0.0.1:1/cb', 's')}`.replace('#wechat_redirect', '&openid=o_clerk_7&unionid=u_7'), {
      redirect: 'manual',
    })
    const code1 = new URL(byQuery.headers.get('location')!).searchParams.get('code')!
    assert.deepEqual(await wechat.exchangeCode(code1), { openid: 'o_clerk_7', unionid: 'u_7' })

    const byHeader = await fetch(wechat.oauthAuthorizeUrl('http://127.0.0.1:1/cb', 's'), {
      redirect: 'manual',
      headers: { 'x-stub-openid': 'o_head_8' },
    })
    const code2 = new URL(byHeader.headers.get('location')!).searchParams.get('code')!
    assert.deepEqual(await wechat.exchangeCode(code2), { openid: 'o_head_8' })
  })

  test('codes are single use; unknown codes and wrong secrets map to typed errors', async ({ assert }) => {
    const wechat = make()
    const code = stub.issueCode('o_once')
    assert.equal((await wechat.exchangeCode(code)).openid, 'o_once')

    const reused = await caught(wechat.exchangeCode(code))
    assert.equal(reused.errcode, 40163)
    assert.equal(reused.message, '微信授权已失效，请重新进入页面')
    assert.equal(reused.status, 400)
    assert.equal(reused.api, '/sns/oauth2/access_token')
    assert.match(reused.errmsg, /code been used/)

    assert.equal((await caught(wechat.exchangeCode('no-such-code'))).errcode, 40029)

    const badSecret = await caught(make({ appSecret: 'wrong' }).exchangeCode(stub.issueCode()))
    assert.equal(badSecret.errcode, 40125)
    assert.equal(badSecret.message, '公众号 AppSecret 配置错误')
    assert.equal(badSecret.status, 502)
  })

  test('jsapiSignature matches an independent sha1; token and ticket are fetched once and shared via Redis', async ({ assert }) => {
    const wechat = make()
    const page = 'https://szpm.example.cn/m/estates?id=7'
    const signed = await wechat.jsapiSignature(`${page}#/detail`)
    const ticket = stub.currentTicket()!
    const expected = createHash('sha1')
      .update(`jsapi_ticket=${ticket}&noncestr=${signed.nonceStr}&timestamp=${signed.timestamp}&url=${page}`)
      .digest('hex')
    assert.equal(signed.signature, expected)
    assert.equal(signed.appId, APP_ID)
    assert.equal(signed.timestamp, Math.floor(clock.t / 1000))
    assert.match(signed.nonceStr, /^[A-Za-z0-9]{16}$/)

    // more calls, in parallel and from a second client (another process) sharing the cache
    const more = await Promise.all([
      ...Array.from({ length: 5 }, () => wechat.jsapiSignature(page)),
      ...Array.from({ length: 5 }, () => make().jsapiSignature(page)),
    ])
    assert.lengthOf(new Set(more.map((s) => s.nonceStr)), 10)
    assert.deepEqual(stub.calls(), { '/cgi-bin/token': 1, '/cgi-bin/ticket/getticket': 1 })

    const ttl = await client.pttl(wechat.cacheKey('jsapi_ticket'))
    assert.isAbove(ttl, 0)
    assert.isAtMost(ttl, (7200 - 300) * 1000)
  })

  test('on a cold cache, parallel clients (processes) still fetch the token and ticket once', async ({ assert }) => {
    const clients = [make(), make(), make()]
    const signed = await Promise.all(clients.map((c) => c.jsapiSignature('https://a.cn/')))
    assert.deepEqual(stub.calls(), { '/cgi-bin/token': 1, '/cgi-bin/ticket/getticket': 1 })
    for (const s of signed) {
      const expected = createHash('sha1')
        .update(`jsapi_ticket=${stub.currentTicket()}&noncestr=${s.nonceStr}&timestamp=${s.timestamp}&url=https://a.cn/`)
        .digest('hex')
      assert.equal(s.signature, expected)
    }
  })

  test('cached credentials are refreshed shortly before WeChat’s expiry', async ({ assert }) => {
    const wechat = make()
    await wechat.jsapiSignature('https://a.cn/')
    const firstTicket = stub.currentTicket()

    clock.advance((7200 - 300) * 1000 - 1000)
    await wechat.jsapiSignature('https://a.cn/')
    assert.deepEqual(stub.calls(), { '/cgi-bin/token': 1, '/cgi-bin/ticket/getticket': 1 })

    clock.advance(1000)
    const signed = await wechat.jsapiSignature('https://a.cn/')
    assert.deepEqual(stub.calls(), { '/cgi-bin/token': 2, '/cgi-bin/ticket/getticket': 2 })
    assert.notEqual(stub.currentTicket(), firstTicket)
    const expected = createHash('sha1')
      .update(`jsapi_ticket=${stub.currentTicket()}&noncestr=${signed.nonceStr}&timestamp=${signed.timestamp}&url=https://a.cn/`)
      .digest('hex')
    assert.equal(signed.signature, expected)
  })

  test('errcode from /cgi-bin/token surfaces as WechatApiError and nothing is cached', async ({ assert }) => {
    const wechat = make()
    stub.failNext('/cgi-bin/token', 45009)
    const error = await caught(wechat.jsapiSignature('https://a.cn/'))
    assert.equal(error.errcode, 45009)
    assert.equal(error.message, '微信接口今日调用次数已达上限')
    assert.equal(error.api, '/cgi-bin/token')
    assert.isNull(await client.get(wechat.cacheKey('access_token')))

    await wechat.jsapiSignature('https://a.cn/')
    assert.deepEqual(stub.calls(), { '/cgi-bin/token': 2, '/cgi-bin/ticket/getticket': 1 })
  })

  test('an unknown errcode gets a generic message with the code', async ({ assert }) => {
    stub.failNext('/cgi-bin/ticket/getticket', 50002, 'user limited')
    const error = await caught(make().jsapiSignature('https://a.cn/'))
    assert.equal(error.errcode, 50002)
    assert.equal(error.message, '微信接口调用失败（错误码 50002）')
  })

  test('template messages reach the stub; an access_token WeChat revoked is replaced once', async ({ assert }) => {
    const wechat = make()
    const data = { thing1: { value: '物业服务合同备案即将到期' }, time2: { value: '2026-03-31' } }
    const { msgid } = await wechat.sendTemplateMessage({ touser: 'o_clerk_1', templateId: 'TPL_REMIND', url: 'https://szpm.example.cn/m/', data })
    assert.isAbove(msgid, 0)

    stub.revokeAccessTokens()
    await wechat.sendTemplateMessage({ touser: 'o_clerk_1', templateId: 'TPL_REMIND', data })
    assert.equal(stub.calls()['/cgi-bin/token'], 2)

    const sent = (await (await fetch(`${stub.url}/__sent?touser=o_clerk_1`)).json()) as { template_id: string; data: unknown }[]
    assert.lengthOf(sent, 2)
    assert.deepEqual(sent[0].data, data)
    assert.equal(sent[0].template_id, 'TPL_REMIND')

    const badTemplate = await caught(wechat.sendTemplateMessage({ touser: 'o_clerk_1', templateId: 'TPL_NOPE', data }))
    assert.equal(badTemplate.errcode, 40037)
    assert.lengthOf(stub.sent('o_clerk_1'), 2)
  })

  test('an unreachable WeChat becomes WechatApiError -1', async ({ assert }) => {
    const closed = await startWechatStub({ port: 0 })
    await closed.close()
    const error = await caught(make({ apiBase: closed.url, timeoutMs: 2000 }).exchangeCode('any'))
    assert.equal(error.errcode, -1)
    assert.equal(error.message, '微信服务暂时不可用，请稍后重试')
  })
})

test.group('WeChat · configuration', () => {
  test('development defaults point at the local stub', ({ assert }) => {
    const config = wechatConfig({})
    assert.equal(config.apiBase, 'http://127.0.0.1:3392')
    assert.equal(config.openBase, 'http://127.0.0.1:3392')
    assert.equal(config.appId, 'wx0000000000stub')
  })

  test('production requires AppID and AppSecret and defaults to WeChat’s hosts', ({ assert }) => {
    assert.throws(() => wechatConfig({ NODE_ENV: 'production' }), /WECHAT_APP_ID must be set/)
    const config = wechatConfig({ NODE_ENV: 'production', WECHAT_APP_ID: 'wxabc', WECHAT_APP_SECRET: 's' })
    assert.equal(config.apiBase, 'https://api.weixin.qq.com')
    assert.equal(config.openBase, 'https://open.weixin.qq.com')
  })
})
