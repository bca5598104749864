import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { PASSWORD, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'

test.group('Session · login and logout', (group) => {
  group.each.teardown(() => db.from('users').update({ failed_logins: 0, locked_until: null }))

  test('logs in with phone and password and returns the masked profile', async ({ client, assert }) => {
    const response = await client.visit('api.session.store').json({ phone: USERS.handler.phone, password: PASSWORD }).withCsrfToken()
    response.assertStatus(200)
    const { data } = response.body()
    assert.equal(data.name, USERS.handler.name)
    assert.equal(data.phone, '139****0005')
    assert.equal(data.role, 'street_handler')
    assert.equal(data.roleName, '街道办经办人')
    assert.deepEqual(data.region, { id: 4, level: 'street', name: '园岭街道', path: [{ id: 4, level: 'street', name: '园岭街道' }] })
    assert.includeMembers(data.features, ['filings.view', 'filings.manage'])
    const user = await db.from('users').where('id', USERS.handler.id).first()
    assert.isNotNull(user.last_login_at)
  })

  test('rejects a wrong password with a Chinese message and counts the failure', async ({ client, assert }) => {
    const response = await client.visit('api.session.store').json({ phone: USERS.handler.phone, password: 'wrong-password' }).withCsrfToken()
    response.assertStatus(400)
    response.assertBody({ errors: [{ message: '手机号或密码错误' }] })
    const user = await db.from('users').where('id', USERS.handler.id).first()
    assert.equal(user.failed_logins, 1)
  })

  test('an unknown phone gets the same answer as a wrong password', async ({ client }) => {
    const response = await client.visit('api.session.store').json({ phone: '13111111111', password: PASSWORD }).withCsrfToken()
    response.assertStatus(400)
    response.assertBody({ errors: [{ message: '手机号或密码错误' }] })
  })

  test('locks the account after five failures, even for the right password', async ({ client, assert }) => {
    for (let i = 0; i < 5; i++) {
      await client.visit('api.session.store').json({ phone: USERS.head.phone, password: 'nope-nope' }).withCsrfToken()
    }
    const response = await client.visit('api.session.store').json({ phone: USERS.head.phone, password: PASSWORD }).withCsrfToken()
    response.assertStatus(423)
    assert.match(response.body().errors[0].message, /账号已锁定/)
  })

  test('reports field-level errors for malformed input', async ({ client, assert }) => {
    const response = await client.visit('api.session.store').json({ phone: '12345', password: '' }).withCsrfToken()
    response.assertStatus(422)
    const fields = response.body().errors.map((e: { field: string }) => e.field)
    assert.includeMembers(fields, ['phone', 'password'])
    assert.equal(response.body().errors.find((e: { field: string }) => e.field === 'phone').message, '手机号格式不正确')
  })

  test('refuses a write without the CSRF token', async ({ client }) => {
    const response = await client.visit('api.session.store').json({ phone: USERS.handler.phone, password: PASSWORD })
    response.assertStatus(419)
    response.assertBody({ errors: [{ message: '页面已过期，请刷新后重试' }] })
  })

  test('me answers 401 to anonymous visitors', async ({ client }) => {
    const response = await client.visit('api.session.show')
    response.assertStatus(401)
    response.assertBody({ errors: [{ message: '请先登录' }] })
  })

  test('a disabled account loses access at once', async ({ client }) => {
    const user = await actor('party')
    await db.from('users').where('id', user.id).update({ status: 'disabled' })
    try {
      const response = await client.visit('api.session.show').loginAs(user)
      response.assertStatus(401)
      response.assertBody({ errors: [{ message: '账号已停用，请联系上级管理员' }] })
    } finally {
      await db.from('users').where('id', user.id).update({ status: 'active' })
    }
  })

  test('logout ends the session', async ({ client }) => {
    const user = await actor('handler')
    const response = await client.visit('api.session.destroy').loginAs(user).withCsrfToken()
    response.assertStatus(200)
  })
}).setup(() => resetWorld())
