import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import OtpService from '#services/otp_service'
import { AlibabaSmsProvider } from '#services/sms/alibaba_sms_provider'
import { smsConfig } from '#services/sms/config'
import { phoneOtp } from '#modules/users/account_service'
import { featuresOf } from '#services/roles'
import { R, USERS, PASSWORD, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { startSmsStub, type SmsStub } from '../../stubs/sms_stub.ts'

const newHandler = (extra: Record<string, unknown> = {}) => ({
  name: '新经办人', phone: '13655550001', role: 'street_handler', features: ['filings.view'], ...extra,
})

test.group('权限管理 · 新增 (who creates whom)', (group) => {
  group.each.setup(() => resetWorld())

  test('a street head presets a handler in their street with a subset of their own features', async ({ client, assert }) => {
    const response = await client.visit('api.users.store').json(newHandler({ password: 'Init@2026pw' })).withCsrfToken().loginAs(await actor('head'))
    response.assertStatus(201)
    const { data, meta } = response.body()
    assert.equal(data.role, 'street_handler')
    assert.equal(data.region.id, R.yuanling)
    assert.deepEqual(data.features, ['filings.view'])
    assert.equal(data.phone, '136****0001')
    assert.isNull(meta.initialPassword)
    const row = await db.from('users').where('phone', '13655550001').first()
    assert.equal(row.created_by, USERS.head.id)
    const grants = await db.from('user_features').where('user_id', row.id)
    assert.deepEqual(grants.map((g) => [g.feature, g.granted_by]), [['filings.view', USERS.head.id]])
    // the new account can log in with its initial password and holds exactly what was granted
    const login = await client.visit('api.users.show', { id: row.id }).loginAs(await actor('head'))
    login.assertStatus(200)
  })

  test('without features the new account gets its role defaults; a generated password is answered once', async ({ client, assert }) => {
    const response = await client.visit('api.users.store')
      .json({ name: '书记二', phone: '13655550002', role: 'party_secretary' }).withCsrfToken().loginAs(await actor('head'))
    response.assertStatus(201)
    assert.sameMembers(response.body().data.features, featuresOf('party_secretary'))
    assert.match(response.body().meta.initialPassword, /^[A-Z]{3}[a-z]{4}\d{3}@$/)
  })

  test('a weak initial password is refused under 初始密码 with the policy message; nothing is created', async ({ client, assert }) => {
    const head = await actor('head')
    const usersBefore = Number((await db.from('users').count('* as n').first()).n)
    const grantsBefore = Number((await db.from('user_features').count('* as n').first()).n)
    // too short; long enough but only two classes (lower-case + digits); only letters
    for (const weak of ['Ab1@', 'password2026', 'Initpassword']) {
      const response = await client.visit('api.users.store').json(newHandler({ password: weak })).withCsrfToken().loginAs(head)
      response.assertStatus(422)
      assert.deepEqual(response.body().errors, [{ message: '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类', field: 'password', rule: 'passwordPolicy' }])
    }
    assert.isNull(await db.from('users').where('phone', '13655550001').first())
    assert.equal(Number((await db.from('users').count('* as n').first()).n), usersBefore)
    assert.equal(Number((await db.from('user_features').count('* as n').first()).n), grantsBefore)
    // eight characters from three classes is enough
    const ok = await client.visit('api.users.store').json(newHandler({ password: 'abcdef1@' })).withCsrfToken().loginAs(head)
    ok.assertStatus(201)
  })

  test('community staff belong to a community of the head\'s street', async ({ client, assert }) => {
    const head = await actor('head')
    const noCommunity = await client.visit('api.users.store').json(newHandler({ role: 'community_handler' })).withCsrfToken().loginAs(head)
    noCommunity.assertStatus(422)
    assert.equal(noCommunity.body().errors[0].field, 'region_id')
    const ok = await client.visit('api.users.store').json(newHandler({ role: 'community_handler', region_id: R.yl2 })).withCsrfToken().loginAs(head)
    ok.assertStatus(201)
    assert.equal(ok.body().data.region.name, '园岭二社区')
    const outside = await client.visit('api.users.store').json(newHandler({ phone: '13655550009', role: 'community_handler', region_id: R.ny1 })).withCsrfToken().loginAs(head)
    outside.assertStatus(404)
  })

  test('city admin presets district heads, a district admin street heads of their district only', async ({ client, assert }) => {
    const city = await client.visit('api.users.store')
      .json({ name: '罗湖区局二', phone: '13655550003', role: 'district_admin', region_id: R.luohu }).withCsrfToken().loginAs(await actor('city'))
    city.assertStatus(201)
    assert.includeMembers(city.body().data.features, featuresOf('district_admin'))
    const futian = await actor('futian')
    const head = await client.visit('api.users.store')
      .json({ name: '南园负责人', phone: '13655550004', role: 'street_head', region_id: R.nanyuan }).withCsrfToken().loginAs(futian)
    head.assertStatus(201)
    const otherDistrict = await client.visit('api.users.store')
      .json({ name: '桂园负责人', phone: '13655550005', role: 'street_head', region_id: R.guiyuan }).withCsrfToken().loginAs(futian)
    otherDistrict.assertStatus(404)
    const wrongRole = await client.visit('api.users.store')
      .json({ name: '越级', phone: '13655550006', role: 'street_handler', region_id: R.nanyuan }).withCsrfToken().loginAs(futian)
    wrongRole.assertStatus(422)
    assert.deepEqual(wrongRole.body().errors[0], { message: '您不能新增该角色的账号', field: 'role', rule: 'business' })
  })

  test('a head cannot preset a head, and handlers cannot preset anyone', async ({ client, assert }) => {
    const asHead = await client.visit('api.users.store').json(newHandler({ role: 'street_head' })).withCsrfToken().loginAs(await actor('head'))
    asHead.assertStatus(422)
    assert.equal(asHead.body().errors[0].field, 'role')
    const asHandler = await client.visit('api.users.store').json(newHandler()).withCsrfToken().loginAs(await actor('handler'))
    asHandler.assertStatus(403)
  })

  test('features beyond the creator\'s own, unknown ones and a duplicate phone are field errors', async ({ client, assert }) => {
    const head = await actor('head')
    const notOwn = await client.visit('api.users.store').json(newHandler({ features: ['filings.view', 'audit.view'] })).withCsrfToken().loginAs(head)
    notOwn.assertStatus(422)
    assert.equal(notOwn.body().errors[0].field, 'features')
    assert.match(notOwn.body().errors[0].message, /不能授予您自己没有的功能权限：审计日志 · 查询/)
    const unknown = await client.visit('api.users.store').json(newHandler({ features: ['nope.view'] })).withCsrfToken().loginAs(head)
    unknown.assertStatus(422)
    assert.match(unknown.body().errors[0].message, /未知的功能权限/)
    const beyondRole = await client.visit('api.users.store').json(newHandler({ features: ['users.manage'] })).withCsrfToken().loginAs(head)
    beyondRole.assertStatus(422)
    assert.match(beyondRole.body().errors[0].message, /街道办经办人不能拥有/)
    const duplicate = await client.visit('api.users.store').json(newHandler({ phone: USERS.party.phone })).withCsrfToken().loginAs(head)
    duplicate.assertStatus(422)
    assert.deepEqual(duplicate.body().errors[0], { message: '该手机号已有账号', field: 'phone', rule: 'business' })
    const invalid = await client.visit('api.users.store').json({ name: '', phone: '123', role: 'boss' }).withCsrfToken().loginAs(head)
    invalid.assertStatus(422)
    assert.includeMembers(invalid.body().errors.map((e: { field: string }) => e.field), ['name', 'phone', 'role'])
    assert.equal(invalid.body().errors.find((e: { field: string }) => e.field === 'phone').message, '手机号格式不正确')
  })
})

test.group('权限管理 · 账号列表与赋权', (group) => {
  group.each.setup(() => resetWorld())

  test('a head lists the accounts of their street; others are 404', async ({ client, assert }) => {
    const head = await actor('head')
    const list = await client.visit('api.users.index').loginAs(head)
    list.assertStatus(200)
    // the street's estate-side accounts too (项目经理, 业委会主任: region = their first estate's community)
    assert.deepEqual(list.body().data.map((u: { id: number }) => u.id), [USERS.handler.id, USERS.party.id, USERS.community.id, USERS.manager.id, USERS.director.id])
    assert.equal(list.body().meta.total, 5)
    const filtered = await client.visit('api.users.index').qs({ role: 'party_secretary' }).loginAs(head)
    assert.deepEqual(filtered.body().data.map((u: { name: string }) => u.name), ['园岭书记'])
    const searched = await client.visit('api.users.index').qs({ q: '经办' }).loginAs(head)
    assert.deepEqual(searched.body().data.map((u: { id: number }) => u.id), [USERS.handler.id, USERS.community.id])
    ;(await client.visit('api.users.show', { id: USERS.nanyuan.id }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.users.show', { id: USERS.futian.id }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.users.update_features', { id: USERS.nanyuan.id }).json({ features: [] }).withCsrfToken().loginAs(head)).assertStatus(404)
    const cityList = await client.visit('api.users.index').qs({ role: 'district_admin' }).loginAs(await actor('city'))
    assert.deepEqual(cityList.body().data.map((u: { id: number }) => u.id), [USERS.futian.id, USERS.luohu.id])
  })

  test('grant and revoke change /api/v1/me and route access', async ({ client, assert }) => {
    const head = await actor('head')
    const before = await client.visit('api.session.show').loginAs(await actor('handler'))
    assert.include(before.body().data.features, 'filings.export')
    ;(await client.visit('api.filing_stats.export').loginAs(await actor('handler'))).assertStatus(200)

    const revoke = await client.visit('api.users.update_features', { id: USERS.handler.id })
      .json({ features: ['filings.view', 'projects.view'] }).withCsrfToken().loginAs(head)
    revoke.assertStatus(200)
    assert.deepEqual(revoke.body().data.features, ['projects.view', 'filings.view'])
    // every other default of a street handler (services/roles.ts) is removed
    assert.sameMembers(revoke.body().meta.removed, featuresOf('street_handler').filter((code) => code !== 'filings.view' && code !== 'projects.view'))
    assert.includeMembers(revoke.body().meta.removed, ['todos.view', 'filings.export', 'staff.remind', 'parking.remind', 'common_funds.view', 'training.view'])

    const me = await client.visit('api.session.show').loginAs(await actor('handler'))
    assert.sameMembers(me.body().data.features, ['filings.view', 'projects.view'])
    ;(await client.visit('api.filing_stats.export').loginAs(await actor('handler'))).assertStatus(403)
    ;(await client.visit('api.filing_stats.index').loginAs(await actor('handler'))).assertStatus(200)

    const grant = await client.visit('api.users.update_features', { id: USERS.handler.id })
      .json({ features: ['filings.view', 'projects.view', 'filings.export', 'staff.view'] }).withCsrfToken().loginAs(head)
    grant.assertStatus(200)
    assert.sameMembers(grant.body().meta.added, ['filings.export', 'staff.view'])
    ;(await client.visit('api.filing_stats.export').loginAs(await actor('handler'))).assertStatus(200)
    const grantsAudit = await db.from('audit_logs').where('action', 'grant_change').orderBy('id', 'desc').first()
    assert.equal(grantsAudit?.user_id, USERS.head.id)
  })

  test('never beyond the granter\'s own features; preset roles cannot be granted individually', async ({ client, assert }) => {
    const head = await actor('head')
    const beyond = await client.visit('api.users.update_features', { id: USERS.handler.id })
      .json({ features: ['filings.view', 'personal_data.unmask'] }).withCsrfToken().loginAs(head)
    beyond.assertStatus(422)
    assert.equal(beyond.body().errors[0].field, 'features')
    const unchanged = await client.visit('api.session.show').loginAs(await actor('handler'))
    assert.include(unchanged.body().data.features, 'filings.manage')
    const city = await client.visit('api.users.update_features', { id: USERS.futian.id })
      .json({ features: ['filings.view'] }).withCsrfToken().loginAs(await actor('city'))
    city.assertStatus(422)
  })

  test('options list the roles, regions and features the user may hand out', async ({ client, assert }) => {
    const response = await client.visit('api.users.options').loginAs(await actor('head'))
    response.assertStatus(200)
    const { roles, regions, features } = response.body().data
    assert.deepEqual(roles.map((r: { code: string }) => r.code), ['street_handler', 'party_secretary', 'community_head', 'community_handler'])
    assert.sameMembers(regions.map((r: { id: number }) => r.id), [R.yuanling, R.yl1, R.yl2])
    const codes = features.flatMap((g: { features: { code: string }[] }) => g.features.map((f) => f.code))
    assert.include(codes, 'users.manage')
    assert.notInclude(codes, 'audit.view')
    assert.equal(features.find((g: { no: number }) => g.no === 6).module, '备案情况')
  })
})

test.group('权限管理 · 账号导出', (group) => {
  group.each.setup(() => resetWorld())

  test('the head exports the accounts they manage, phones masked, features by name', async ({ client, assert }) => {
    const response = await client.visit('api.users.export').loginAs(await actor('head'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0], ['姓名', '手机号', '角色', '所属区域', '功能权限', '微信', '状态', '最近登录'])
    const handler = sheet.rows.find((row) => row[0] === USERS.handler.name)!
    assert.deepEqual(handler.slice(0, 4), [USERS.handler.name, '139****0005', '街道办经办人', '园岭街道'])
    assert.include(String(handler[4]), '备案情况 · 查看')
    // only accounts of lower rank inside the street: no 南园 or 桂园 staff, not the head itself
    assert.notInclude(sheet.rows.map((row) => row[0]), USERS.nanyuan.name)
    assert.notInclude(sheet.rows.map((row) => row[0]), USERS.head.name)
  })
})

test.group('权限管理 · 用户统计导出', (group) => {
  group.each.setup(() => resetWorld())

  test('用户统计 and the list behind a number export with the same numbers', async ({ client, assert }) => {
    const head = await actor('head')
    const numbers = (await client.visit('api.users.stats').loginAs(head)).body().data
    const summary = await client.visit('api.users.stats.export').loginAs(head)
    summary.assertStatus(200)
    const sheet = await readSheet(summary.body())
    assert.deepEqual(sheet.rows[0], ['角色类别', '全部单位', '未开设单位', '账户总数'])
    assert.deepEqual(sheet.rows.slice(1), numbers.map((r: any) => [r.name, r.units, r.unopened, r.accounts]))

    const streets = numbers.find((r: any) => r.category === 'streets')
    const list = await client.visit('api.users.stats_list.export', { category: 'streets', metric: 'accounts' }).loginAs(head)
    list.assertStatus(200)
    const listSheet = await readSheet(list.body())
    assert.lengthOf(listSheet.rows.slice(1), streets.accounts)
    assert.include(listSheet.rows.slice(1).map((r) => r[0]), USERS.handler.name)
  })

  test('an unknown category is a 404, not a file', async ({ client }) => {
    const response = await client.visit('api.users.stats_list.export', { category: 'nope', metric: 'accounts' }).loginAs(await actor('head'))
    response.assertStatus(404)
  })
})

test.group('权限管理 · 用户统计', (group) => {
  group.each.setup(() => resetWorld())

  test('per role category for a street head, and the lists behind the numbers', async ({ client, assert }) => {
    const head = await actor('head')
    const response = await client.visit('api.users.stats').loginAs(head)
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [
      // the world's 项目经理 of e1 + e3 and 业委会主任 of e1 (USER_ESTATES)
      { category: 'project_managers', name: '物业项目负责人', units: 4, unopened: 2, accounts: 1 },
      { category: 'committee_directors', name: '业委会主任', units: 2, unopened: 1, accounts: 1 },
      { category: 'communities', name: '社区', units: 2, unopened: 1, accounts: 1 },
      { category: 'streets', name: '街道办', units: 1, unopened: 0, accounts: 3 },
    ])
    const unopened = await client.visit('api.users.stats_list', { category: 'communities', metric: 'unopened' }).loginAs(head)
    assert.deepEqual(unopened.body().data.map((r: { name: string }) => r.name), ['园岭二社区'])
    assert.equal(unopened.body().meta.metricName, '未开设单位')
    const accounts = await client.visit('api.users.stats_list', { category: 'streets', metric: 'accounts' }).loginAs(head)
    assert.deepEqual(accounts.body().data.map((r: { name: string }) => r.name), ['园岭负责人', '园岭经办人', '园岭书记'])
    const estates = await client.visit('api.users.stats_list', { category: 'committee_directors', metric: 'units' }).loginAs(head)
    assert.deepEqual(estates.body().data.map((r: { name: string }) => r.name), ['翠园小区', '碧海花园'])
    ;(await client.visit('api.users.stats_list', { category: 'nope', metric: 'units' }).loginAs(head)).assertStatus(404)
  })

  test('an estate with a bound 项目经理 account is no longer 未开设 (a matching phone alone is not an account); the district sees its streets', async ({ client, assert }) => {
    // a government account carrying e2's manager phone does not open e2
    await db.table('users').insert({ name: '经理2', phone: '13700000002', password: 'x', role: 'community_handler', region_id: R.yl1, status: 'active', failed_logins: 0, created_at: new Date(), updated_at: new Date() })
    let head = await client.visit('api.users.stats').loginAs(await actor('head'))
    assert.deepInclude(head.body().data, { category: 'project_managers', name: '物业项目负责人', units: 4, unopened: 2, accounts: 1 })
    const [manager] = await db.table('users').insert({ name: '经理6', phone: '13700000006', password: 'x', role: 'project_manager', region_id: R.yl2, status: 'active', failed_logins: 0, created_at: new Date(), updated_at: new Date() }).returning('id')
    await db.table('user_estates').insert({ user_id: manager.id, estate_id: 6, relation: 'project_manager' })
    head = await client.visit('api.users.stats').loginAs(await actor('head'))
    assert.deepInclude(head.body().data, { category: 'project_managers', name: '物业项目负责人', units: 4, unopened: 1, accounts: 2 })
    const futian = await client.visit('api.users.stats').loginAs(await actor('futian'))
    assert.deepInclude(futian.body().data, { category: 'streets', name: '街道办', units: 2, unopened: 0, accounts: 4 })
    ;(await client.visit('api.users.stats').qs({ region_id: R.gy1 }).loginAs(await actor('futian'))).assertStatus(404)
  })
})

test.group('权限管理 · 头像菜单', (group) => {
  let stub: SmsStub
  group.setup(async () => {
    stub = await startSmsStub({ port: 0 })
    phoneOtp.override = new OtpService({
      redis: redis.connection('main').ioConnection,
      sms: new AlibabaSmsProvider(smsConfig({ SMS_ENDPOINT: stub.url })),
      secret: env.get('APP_KEY').release(),
      keyPrefix: `szpm:test:${randomUUID()}:`,
    })
    return async () => {
      phoneOtp.override = null
      await stub.close()
    }
  })
  group.each.setup(() => resetWorld())

  test('编辑: the name changes; a new phone needs the code sent to it', async ({ client, assert }) => {
    const renamed = await client.visit('api.account.update').json({ name: '园岭经办人甲' }).withCsrfToken().loginAs(await actor('handler'))
    renamed.assertStatus(200)
    assert.equal(renamed.body().data.name, '园岭经办人甲')

    const newPhone = '13655551234'
    const withoutCode = await client.visit('api.account.update').json({ phone: newPhone }).withCsrfToken().loginAs(await actor('handler'))
    withoutCode.assertStatus(422)
    assert.equal(withoutCode.body().errors[0].field, 'code')

    const taken = await client.visit('api.account.phone_code').json({ phone: USERS.head.phone }).withCsrfToken().loginAs(await actor('handler'))
    taken.assertStatus(422)
    const sent = await client.visit('api.account.phone_code').json({ phone: newPhone }).withCsrfToken().loginAs(await actor('handler'))
    sent.assertStatus(200)
    assert.equal(sent.body().data.expiresIn, 300)
    const code = stub.lastCode(newPhone)!
    const wrong = await client.visit('api.account.update').json({ phone: newPhone, code: code === '000000' ? '111111' : '000000' }).withCsrfToken().loginAs(await actor('handler'))
    wrong.assertStatus(422)
    assert.match(wrong.body().errors[0].message, /验证码错误/)
    const ok = await client.visit('api.account.update').json({ phone: newPhone, code }).withCsrfToken().loginAs(await actor('handler'))
    ok.assertStatus(200)
    assert.equal(ok.body().data.phone, '136****1234')
    assert.equal((await db.from('users').where('id', USERS.handler.id).first()).phone, newPhone)
  })

  test('解绑 clears the WeChat binding', async ({ client, assert }) => {
    await db.from('users').where('id', USERS.party.id).update({ wechat_openid: 'o-party', wechat_bound_at: new Date() })
    const response = await client.visit('api.account.unbind_wechat').withCsrfToken().loginAs(await actor('party'))
    response.assertStatus(200)
    assert.deepEqual(response.body().data, { unbound: true })
    assert.isNull((await db.from('users').where('id', USERS.party.id).first()).wechat_openid)
  })

  test('注销 needs the password, then the account can no longer log in', async ({ client, assert }) => {
    const wrong = await client.visit('api.account.deregister').json({ password: 'nope' }).withCsrfToken().loginAs(await actor('party'))
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'password')
    const ok = await client.visit('api.account.deregister').json({ password: PASSWORD }).withCsrfToken().loginAs(await actor('party'))
    ok.assertStatus(200)
    assert.equal((await db.from('users').where('id', USERS.party.id).first()).status, 'deregistered')
    ;(await client.visit('api.session.show').loginAs(await actor('party'))).assertStatus(401)
  })
})
