import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { USERS, resetWorld } from '#tests/support/world'
import { Agent } from '#tests/support/http_agent'
import { resetOtp, sentCode, wechatStub } from '#tests/support/identity'

const DEFAULT_OPENID = 'o_stub_openid_000000000001'
const handler = USERS.handler

/**
 * WeChat web authorisation as the browser does it: authorize → the stub's authorize page → callback.
 * With `openid`, the WeChat user is picked by issuing the stub's code ourselves.
 */
async function authorize(agent: Agent, options: { openid?: string; redirect?: string } = {}) {
  const qs = options.redirect ? `?redirect=${encodeURIComponent(options.redirect)}` : ''
  if (!options.openid) return agent.follow(`/api/v1/wechat/authorize${qs}`)
  const start = await agent.get(`/api/v1/wechat/authorize${qs}`)
  const state = new URL(start.location!).searchParams.get('state')!
  const code = wechatStub().issueCode(options.openid)
  const callback = await agent.get(`/api/v1/wechat/callback?code=${code}&state=${state}`)
  return { ...callback, url: new URL(callback.location!, agent.base).toString() }
}

async function bind(agent: Agent, who: { name: string; phone: string }) {
  const sent = await agent.post('/api/v1/identity/sms', { name: who.name, phone: who.phone })
  if (sent.status !== 200) return sent
  return agent.post('/api/v1/identity/bind', { name: who.name, phone: who.phone, code: await sentCode(who.phone) })
}

test.group('Identity · WeChat binding on the H5', (group) => {
  group.each.setup(async () => {
    await resetOtp(handler.phone)
    await db.from('users').update({ wechat_openid: null, wechat_bound_at: null, status: 'active' })
  })

  test('authorize sends the browser to WeChat with a state kept in the session', async ({ assert }) => {
    const agent = new Agent()
    const response = await agent.get('/api/v1/wechat/authorize?redirect=/m/filings')
    assert.equal(response.status, 302)
    const target = new URL(response.location!)
    assert.equal(target.origin, wechatStub().url)
    assert.equal(target.pathname, '/connect/oauth2/authorize')
    assert.equal(target.searchParams.get('redirect_uri'), `${agent.base}/api/v1/wechat/callback`)
    assert.equal(target.searchParams.get('scope'), 'snsapi_base')
    assert.match(target.searchParams.get('state')!, /^[0-9a-f]{32}$/)
  })

  test('an unbound openid is sent to the identity page', async ({ assert }) => {
    const landing = await authorize(new Agent(), { redirect: '/m/filings' })
    assert.equal(landing.status, 302)
    assert.equal(new URL(landing.url).pathname, '/m/identity')
    assert.isNull(new URL(landing.url).searchParams.get('error'))
  })

  test('a callback with a forged state is refused', async ({ assert }) => {
    const agent = new Agent()
    await agent.get('/api/v1/wechat/authorize')
    const code = wechatStub().issueCode('o_forged')
    const response = await agent.get(`/api/v1/wechat/callback?code=${code}&state=forged`)
    assert.equal(response.status, 302)
    const target = new URL(response.location!, agent.base)
    assert.equal(target.pathname, '/m/identity')
    assert.equal(target.searchParams.get('error'), '微信授权已失效，请重新进入页面')
    assert.equal((await agent.get('/api/v1/me')).status, 401)
  })

  test('an unknown name or phone gets the clear message, whichever field is wrong', async ({ assert }) => {
    const agent = new Agent()
    await authorize(agent)
    const answers = [
      await agent.post('/api/v1/identity/sms', { name: '不存在的人', phone: handler.phone }),
      await agent.post('/api/v1/identity/sms', { name: handler.name, phone: '13711112222' }),
      await agent.post('/api/v1/identity/bind', { name: handler.name, phone: '13711112222', code: '123456' }),
    ]
    for (const answer of answers) {
      assert.equal(answer.status, 422)
      assert.deepEqual(answer.body, { errors: [{ message: '未找到与姓名、手机号码匹配的账号，请联系上级管理员预设账号' }] })
    }
  })

  test('identity requests without WeChat authorisation are refused', async ({ assert }) => {
    const response = await new Agent().post('/api/v1/identity/sms', { name: handler.name, phone: handler.phone })
    assert.equal(response.status, 400)
    assert.equal(response.body.errors[0].message, '微信授权已失效，请重新进入页面')
  })

  test('binds the openid to the preset account with the SMS code and logs in', async ({ assert }) => {
    const agent = new Agent()
    await authorize(agent)
    const sent = await agent.post('/api/v1/identity/sms', { name: handler.name, phone: handler.phone })
    assert.equal(sent.status, 200)
    assert.deepInclude(sent.body.data, { sent: true, resendIn: 60 })
    const wrong = await agent.post('/api/v1/identity/bind', { name: handler.name, phone: handler.phone, code: '000000' === (await sentCode(handler.phone)) ? '111111' : '000000' })
    assert.equal(wrong.status, 422)
    const response = await agent.post('/api/v1/identity/bind', { name: handler.name, phone: handler.phone, code: await sentCode(handler.phone) })
    assert.equal(response.status, 200)
    assert.equal(response.body.data.name, handler.name)
    const user = await db.from('users').where('id', handler.id).first()
    assert.equal(user.wechat_openid, DEFAULT_OPENID)
    assert.isNotNull(user.wechat_bound_at)
    assert.equal((await agent.get('/api/v1/me')).body.data.name, handler.name)
  })

  test('an account bound to another openid answers 409', async ({ assert }) => {
    const first = new Agent()
    await authorize(first, { openid: 'o_first_phone' })
    assert.equal((await bind(first, handler)).status, 200)

    await resetOtp(handler.phone)
    const second = new Agent()
    const landing = await authorize(second, { openid: 'o_second_phone' })
    assert.equal(new URL(landing.url).pathname, '/m/identity')
    const sms = await second.post('/api/v1/identity/sms', { name: handler.name, phone: handler.phone })
    assert.equal(sms.status, 409)
    assert.deepEqual(sms.body, { errors: [{ message: '该账号已绑定其他微信，请先在 PC 端解绑' }] })
    const response = await second.post('/api/v1/identity/bind', { name: handler.name, phone: handler.phone, code: '123456' })
    assert.equal(response.status, 409)
    assert.equal(response.body.errors[0].message, '该账号已绑定其他微信，请先在 PC 端解绑')
    const user = await db.from('users').where('id', handler.id).first()
    assert.equal(user.wechat_openid, 'o_first_phone')
    assert.equal((await second.get('/api/v1/me')).status, 401)
  })

  test('a callback with a bound openid logs in and returns to the page asked for', async ({ assert }) => {
    await db.from('users').where('id', handler.id).update({ wechat_openid: 'o_bound_handler', wechat_bound_at: new Date() })
    const agent = new Agent()
    const landing = await authorize(agent, { openid: 'o_bound_handler', redirect: '/m/filings' })
    assert.equal(landing.status, 302)
    assert.equal(landing.location, '/m/filings')
    const me = await agent.get('/api/v1/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.data.name, handler.name)
  })

  test('a bound but disabled account is not logged in', async ({ assert }) => {
    await db.from('users').where('id', handler.id).update({ wechat_openid: 'o_disabled', status: 'disabled' })
    const agent = new Agent()
    const landing = await authorize(agent, { openid: 'o_disabled' })
    assert.equal(new URL(landing.url).searchParams.get('error'), '账号已停用，请联系上级管理员')
    assert.equal((await agent.get('/api/v1/me')).status, 401)
  })

  test('an off-site redirect is not honoured', async ({ assert }) => {
    await db.from('users').where('id', handler.id).update({ wechat_openid: 'o_bound_handler' })
    const landing = await authorize(new Agent(), { openid: 'o_bound_handler', redirect: '//evil.example/m/' })
    assert.equal(landing.location, '/m/')
  })
}).setup(() => resetWorld())
