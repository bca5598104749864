import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { PASSWORD, USERS } from '#tests/support/world'
import { Agent } from '#tests/support/http_agent'
import { liftOtpLimits, resetOtp, sentCode } from '#tests/support/identity'
import { LOGIN_GUARD, captchaKey, resetLoginGuard } from '#modules/sessions/login_guard'

/**
 * PC login under password guessing (issue 13): no account lock an attacker can trigger, a CAPTCHA
 * after 3 wrong passwords per phone (unknown phones answered exactly alike), per-IP throttling.
 */

const UNKNOWN = '13111111111'

/** a fresh CAPTCHA and its answer, read from Redis where the API keeps it */
async function captcha(agent: Agent) {
  const response = await agent.get('/api/v1/session/captcha')
  if (response.status !== 200) throw new Error(`captcha answered ${response.status}`)
  const { id, image } = response.body.data
  const answer = await redis.connection('main').ioConnection.get(captchaKey(id))
  return { id: id as string, image: image as string, answer: answer! }
}

async function wrong(agent: Agent, phone: string, extra: Record<string, unknown> = {}) {
  return agent.post('/api/v1/session/sms', { phone, password: 'Wrong@2026pw', ...extra })
}

test.group('Login guard', (group) => {
  group.each.setup(async () => {
    await resetLoginGuard()
    await resetOtp(USERS.head.phone)
    await db.from('users').update({ failed_logins: 0, locked_until: null })
  })
  group.each.teardown(() => resetLoginGuard())

  test('the CAPTCHA endpoint serves an SVG image and keeps its answer for 5 minutes', async ({ assert }) => {
    const agent = new Agent()
    const { id, image, answer } = await captcha(agent)
    assert.match(image, /^data:image\/svg\+xml;base64,/)
    assert.include(Buffer.from(image.split(',')[1], 'base64').toString(), '<svg')
    assert.match(answer, /^[a-z0-9]{4}$/i)
    const ttl = await redis.connection('main').ioConnection.ttl(captchaKey(id))
    assert.isAbove(ttl, 0)
    assert.isAtMost(ttl, LOGIN_GUARD.captchaTtlSeconds)
  })

  test('after 3 wrong passwords a CAPTCHA is asked for — the same answers for an unknown phone', async ({ assert }) => {
    const agent = new Agent()
    const answers: Record<string, unknown[]> = { known: [], unknown: [] }
    for (const [label, phone] of [['known', USERS.head.phone], ['unknown', UNKNOWN]] as const) {
      for (let i = 0; i < 4; i++) {
        const response = await wrong(agent, phone)
        answers[label].push([response.status, response.body])
      }
    }
    assert.deepEqual(answers.known, answers.unknown)
    // 1st and 2nd: wrong credentials; 3rd: wrong credentials and a CAPTCHA from now on; 4th: CAPTCHA first
    assert.deepEqual(answers.known[0], [400, { errors: [{ message: '手机号或密码错误' }] }])
    assert.deepEqual(answers.known[2], [400, { errors: [{ message: '手机号或密码错误' }, { message: '请输入图形验证码', field: 'captcha', rule: 'captchaRequired' }] }])
    assert.deepEqual(answers.known[3], [400, { errors: [{ message: '请输入图形验证码', field: 'captcha', rule: 'captchaRequired' }] }])
  })

  test('an attacker cannot lock the owner out: with the CAPTCHA, password and SMS code the owner signs in', async ({ assert }) => {
    const attacker = new Agent()
    for (let i = 0; i < 8; i++) await wrong(attacker, USERS.head.phone)
    const owner = new Agent()
    await liftOtpLimits(USERS.head.phone)
    // a wrong or reused CAPTCHA answer does not pass
    const first = await captcha(owner)
    const wrongAnswer = await owner.post('/api/v1/session/sms', { phone: USERS.head.phone, password: PASSWORD, captcha_id: first.id, captcha: 'zzzz' })
    assert.equal(wrongAnswer.status, 400)
    assert.equal(wrongAnswer.body.errors[0].message, '图形验证码错误或已失效，请重新输入')
    const reused = await owner.post('/api/v1/session/sms', { phone: USERS.head.phone, password: PASSWORD, captcha_id: first.id, captcha: first.answer })
    assert.equal(reused.status, 400, 'a CAPTCHA is checked once')
    // a fresh one, answered right (case-insensitive)
    const second = await captcha(owner)
    const sent = await owner.post('/api/v1/session/sms', { phone: USERS.head.phone, password: PASSWORD, captcha_id: second.id, captcha: second.answer.toUpperCase() })
    assert.equal(sent.status, 200, JSON.stringify(sent.body))
    // the right password cleared the phone's count: step 2 needs no CAPTCHA
    const login = await owner.post('/api/v1/session', { phone: USERS.head.phone, password: PASSWORD, code: await sentCode(USERS.head.phone) })
    assert.equal(login.status, 200, JSON.stringify(login.body))
    const user = await db.from('users').where('id', USERS.head.id).first()
    assert.isNull(user.locked_until)
  })

  test('an IP that keeps guessing is refused with 429, whatever the phone', async ({ assert }) => {
    const agent = new Agent()
    // past the IP's CAPTCHA threshold every phone needs one: answer them, keep guessing different phones
    for (let i = 0; i < LOGIN_GUARD.ipBlockAfterFailures; i++) {
      const phone = `1360000${String(i).padStart(4, '0')}`
      const extra = i >= LOGIN_GUARD.captchaAfterIpFailures ? await captcha(agent).then((c) => ({ captcha_id: c.id, captcha: c.answer })) : {}
      const response = await wrong(agent, phone, extra)
      assert.equal(response.status, 400, `attempt ${i + 1}: ${JSON.stringify(response.body)}`)
      assert.equal(response.body.errors[0].message, '手机号或密码错误')
    }
    const blocked = await wrong(agent, '13600009999')
    assert.equal(blocked.status, 429)
    assert.match(blocked.body.errors[0].message, /登录失败次数过多，请 \d+ 分钟后再试/)
  })
})
