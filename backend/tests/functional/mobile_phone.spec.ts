import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetWorld, USERS, PASSWORD } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { createAccountValidator, phoneCodeValidator, updateMeValidator } from '#modules/users/user_validator'
import { identityBindValidator, identityCodeValidator, loginCodeValidator, loginValidator } from '#modules/sessions/session_validator'

/** Mainland mobile numbers are 1[3-9] followed by 9 digits; 12345678901 is not one. */
const NOT_MOBILE = ['12345678901', '10000000000', '11111111111', '1380000000', '138000000000', '23800000000']

function phoneError(response: any) {
  response.assertStatus(422)
  return response.body().errors.find((error: any) => error.field === 'phone')
}

test.group('手机号 · every validator that takes a mobile number', (group) => {
  group.each.setup(() => resetWorld())

  test('新增账号 refuses 12345678901 with a Chinese field message and creates nothing', async ({ client, assert }) => {
    const head = await actor('head')
    for (const phone of NOT_MOBILE) {
      const response = await client.visit('api.users.store')
        .json({ name: '新经办人', phone, role: 'street_handler' }).withCsrfToken().loginAs(head)
      assert.deepEqual(phoneError(response), { field: 'phone', message: '手机号格式不正确', rule: 'regex' }, phone)
      assert.isNull(await db.from('users').where('phone', phone).first())
    }
    const ok = await client.visit('api.users.store')
      .json({ name: '新经办人', phone: '19912345678', role: 'street_handler' }).withCsrfToken().loginAs(head)
    ok.assertStatus(201)
  })

  test('account phone change and the login SMS refuse it too', async ({ client, assert }) => {
    const handler = await actor('handler')
    const code = await client.visit('api.account.phone_code').json({ phone: '12345678901' }).withCsrfToken().loginAs(handler)
    assert.equal(phoneError(code).message, '手机号格式不正确')
    const update = await client.visit('api.account.update').json({ phone: '12345678901', code: '123456' }).withCsrfToken().loginAs(handler)
    assert.equal(phoneError(update).message, '手机号格式不正确')
    assert.equal((await db.from('users').where('id', USERS.handler.id).first()).phone, USERS.handler.phone)
    const sms = await client.visit('api.session.sms').json({ phone: '12345678901', password: PASSWORD }).withCsrfToken()
    assert.equal(phoneError(sms).message, '手机号格式不正确')
    const login = await client.visit('api.session.store').json({ phone: '12345678901', password: PASSWORD, code: '123456' }).withCsrfToken()
    assert.equal(phoneError(login).message, '手机号格式不正确')
  })

  test('the same rule in every phone validator (identity binding included)', async ({ assert }) => {
    const cases: [string, { validate(data: unknown): Promise<unknown> }, Record<string, unknown>][] = [
      ['createAccount', createAccountValidator, { name: '甲', role: 'street_handler' }],
      ['updateMe', updateMeValidator, {}],
      ['phoneCode', phoneCodeValidator, {}],
      ['loginCode', loginCodeValidator, { password: 'x' }],
      ['login', loginValidator, { password: 'x', code: '123456' }],
      ['identityCode', identityCodeValidator, { name: '甲' }],
      ['identityBind', identityBindValidator, { name: '甲', code: '123456' }],
    ]
    for (const [name, validator, rest] of cases) {
      for (const phone of NOT_MOBILE) {
        const refused = await validator.validate({ ...rest, phone }).then(() => false, () => true)
        assert.isTrue(refused, `${name} accepted ${phone}`)
      }
      for (const phone of ['13800000000', '19912345678', ' 15012345678 ']) {
        const result = (await validator.validate({ ...rest, phone })) as { phone: string }
        assert.match(result.phone, /^1[3-9]\d{9}$/, `${name} ${phone}`)
      }
    }
  })
})
