import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Estate from '#models/estate'
import { E, R, USERS, USER_ESTATES, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { Agent } from '#tests/support/http_agent'
import { authorizeWechat as authorize, resetOtp, sentCode } from '#tests/support/identity'
import { EstateSet, NotFoundInScope, findEstateInScope, findRegionInScope, scopeEstates, userRegion, userScope } from '#services/region_scope'

/**
 * Estate-side accounts (issue 14): a 项目经理 or 业委会主任 sees exactly the estates of `user_estates`
 * — their estate page, nothing of any other estate, no region statistics — binds WeChat like
 * anyone else with the identity they are, and 用户统计 counts them as real accounts.
 */
test.group('Estate-side accounts · scope', (group) => {
  group.each.setup(() => resetWorld())

  test('a manager of two estates opens both estate pages; another estate of the same street is a 404', async ({ client, assert }) => {
    const manager = await actor('manager')
    assert.deepEqual(USER_ESTATES.manager.estates, [E.e1, E.e3])
    for (const id of [E.e1, E.e3]) {
      const response = await client.visit('api.estates.show', { id }).loginAs(manager)
      response.assertStatus(200)
      assert.equal(response.body().data.id, id)
    }
    // e2 and e6 are in the same street (园岭), e4 / e5 elsewhere
    for (const id of [E.e2, E.e6, E.e4, E.e5]) {
      const response = await client.visit('api.estates.show', { id }).loginAs(manager)
      response.assertStatus(404)
      assert.equal(response.body().errors[0].message, '记录不存在')
    }
    const bound = await db.from('user_estates').where('user_id', USERS.manager.id).orderBy('estate_id')
    assert.deepEqual(bound.map((row) => [row.estate_id, row.relation]), [[E.e1, 'project_manager'], [E.e3, 'project_manager']])
  })

  test('/me lists the account\'s own estates and only the estate-page feature', async ({ client, assert }) => {
    const me = await client.visit('api.session.show').loginAs(await actor('manager'))
    me.assertStatus(200)
    const data = me.body().data
    assert.deepEqual(data.estates, [
      { id: E.e1, name: '翠园小区', relation: 'project_manager' },
      { id: E.e3, name: '碧海花园', relation: 'project_manager' },
    ])
    // the estate page, the inbox of its own estates' to-dos and the weather board of its estates
    assert.sameMembers(data.features, ['estates.own', 'todos.view', 'weather.view'])
    assert.equal(data.roleName, '项目经理')
    assert.equal(data.region.id, R.yl1)
    const government = await client.visit('api.session.show').loginAs(await actor('head'))
    assert.deepEqual(government.body().data.estates, [])
    assert.notInclude(government.body().data.features, 'estates.own')
  })

  test('a director never reads another estate\'s data, nor any region\'s statistics or lists', async ({ client, assert }) => {
    const director = await actor('director')
    ;(await client.visit('api.estates.show', { id: E.e1 }).loginAs(director)).assertStatus(200)
    for (const id of [E.e2, E.e3, E.e4, E.e5, E.e6]) (await client.visit('api.estates.show', { id }).loginAs(director)).assertStatus(404)
    // region statistics, lists and records: no feature (403), whatever the region asked
    for (const [name, params] of [
      ['api.filing_stats.index', {}], ['api.project_stats.index', {}], ['api.estates.index', {}], ['api.estate_filings.index', {}],
      ['api.filings.index', { id: E.e1 }], ['api.users.stats', {}], ['api.evaluations.index', {}],
    ] as const) {
      const response = await client.visit(name, params).qs({ region_id: R.yl1 }).loginAs(director)
      assert.equal(response.status(), 403, name)
    }
    // the inbox opens, but holds only to-dos of the director's own estates: not another estate's of the same community
    const todo = (subjectId: number, estateId: number) => ({
      process: 'tender', subject_id: subjectId, step: 'rejected', title: `待办${subjectId}`, summary: null, region_id: R.yl1,
      estate_id: estateId, roles: ['committee_director'], feature: 'estates.own', created_at: new Date(),
    })
    await db.table('todos').multiInsert([todo(900001, E.e1), todo(900002, E.e2)])
    const inbox = await client.visit('api.todos.index').loginAs(director)
    inbox.assertStatus(200)
    assert.deepEqual(inbox.body().data.map((row: any) => row.subjectId), [900001])
    await db.from('todos').whereIn('subject_id', [900001, 900002]).delete()
    assert.equal(await db.from('user_estates').where('user_id', USERS.director.id).count('* as n').first().then((row) => Number(row.n)), 1)
  })

  test('the scope helpers: own estates only, never a region subtree', async ({ assert }) => {
    const director = await actor('director')
    const manager = await actor('manager')
    const scope = await userScope(manager)
    assert.instanceOf(scope, EstateSet)
    assert.deepEqual((scope as EstateSet).estateIds, [E.e1, E.e3])
    const visible = await scopeEstates(Estate.query().orderBy('id'), scope)
    assert.deepEqual(visible.map((estate) => estate.id), [E.e1, E.e3])
    assert.deepEqual((await scopeEstates(Estate.query(), new EstateSet([]))).length, 0)
    assert.equal((await findEstateInScope(director, E.e1)).id, E.e1)
    await assert.rejects(() => findEstateInScope(director, E.e3), NotFoundInScope as any)
    for (const region of [undefined, R.yl1, R.yuanling, R.city]) await assert.rejects(() => findRegionInScope(manager, region), NotFoundInScope as any)
    await assert.rejects(() => userRegion(director), NotFoundInScope as any)
    // a government user's scope is still their region
    const head = await actor('head')
    assert.equal(((await userScope(head)) as { id: number }).id, R.yuanling)
    assert.equal((await findEstateInScope(head, E.e2)).id, E.e2)
  })

  test('an unbound estate-side account sees nothing at all', async ({ client, assert }) => {
    await db.from('user_estates').where('user_id', USERS.nanyuanManager.id).delete()
    const lonely = await actor('nanyuanManager')
    for (const id of [E.e1, E.e4]) (await client.visit('api.estates.show', { id }).loginAs(lonely)).assertStatus(404)
    assert.deepEqual((await client.visit('api.session.show').loginAs(lonely)).body().data.estates, [])
  })
})

test.group('Estate-side accounts · 用户统计', (group) => {
  group.each.setup(() => resetWorld())

  test('物业项目负责人 and 业委会主任 count the bound accounts; each number opens its list', async ({ client, assert }) => {
    const city = await actor('city')
    const response = await client.visit('api.users.stats').loginAs(city)
    response.assertStatus(200)
    const rows = response.body().data
    // six managed estates, e1 / e3 / e4 opened by two managers; committees at e1, e3, e5, e1's director
    assert.deepInclude(rows, { category: 'project_managers', name: '物业项目负责人', units: 6, unopened: 3, accounts: 2 })
    assert.deepInclude(rows, { category: 'committee_directors', name: '业委会主任', units: 3, unopened: 2, accounts: 1 })
    const list = async (category: string, metric: string) =>
      (await client.visit('api.users.stats_list', { category, metric }).loginAs(city)).body().data.map((row: { id: number }) => row.id)
    assert.deepEqual(await list('project_managers', 'unopened'), [E.e2, E.e5, E.e6])
    assert.deepEqual(await list('project_managers', 'accounts'), [USERS.manager.id, USERS.nanyuanManager.id])
    assert.deepEqual(await list('committee_directors', 'units'), [E.e1, E.e3, E.e5])
    assert.deepEqual(await list('committee_directors', 'unopened'), [E.e3, E.e5])
    assert.deepEqual(await list('committee_directors', 'accounts'), [USERS.director.id])
    const accounts = await client.visit('api.users.stats_list', { category: 'project_managers', metric: 'accounts' }).loginAs(city)
    assert.deepInclude(accounts.body().data[0], { kind: 'account', name: USERS.manager.name, roleName: '项目经理' })
    const estates = await client.visit('api.users.stats_list', { category: 'committee_directors', metric: 'units' }).loginAs(city)
    assert.equal(estates.body().data[0].kind, 'estate')

    // a deregistered account opens nothing any more
    await db.from('users').where('id', USERS.nanyuanManager.id).update({ status: 'deregistered' })
    const after = (await client.visit('api.users.stats').loginAs(city)).body().data
    assert.deepInclude(after, { category: 'project_managers', name: '物业项目负责人', units: 6, unopened: 4, accounts: 1 })
    // a street sees its own: 南园 has e4 only
    const nanyuan = (await client.visit('api.users.stats').qs({ region_id: R.nanyuan }).loginAs(city)).body().data
    assert.deepInclude(nanyuan, { category: 'project_managers', name: '物业项目负责人', units: 1, unopened: 1, accounts: 0 })
  })
})

/** WeChat web authorisation with the stub picking `openid` (as in identity.spec.ts). */
test.group('Estate-side accounts · WeChat binding', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    for (const who of [USERS.manager, USERS.director, USERS.handler]) await resetOtp(who.phone)
  })

  test('a 项目经理 binds with name, phone, SMS code and the identity 物业服务企业项目经理, and lands on their estates', async ({ assert }) => {
    const agent = new Agent()
    await authorize(agent, 'o_estate_manager')
    const who = USERS.manager
    const sent = await agent.post('/api/v1/identity/sms', { name: who.name, phone: who.phone, identity_type: 'project_manager' })
    assert.equal(sent.status, 200)
    const bound = await agent.post('/api/v1/identity/bind', { name: who.name, phone: who.phone, code: await sentCode(who.phone), identity_type: 'project_manager' })
    assert.equal(bound.status, 200)
    assert.deepEqual(bound.body.data.estates.map((estate: { id: number }) => estate.id), [E.e1, E.e3])
    const row = await db.from('users').where('id', who.id).first()
    assert.equal(row.wechat_openid, 'o_estate_manager')
    assert.equal((await agent.get(`/api/v1/estates/${E.e1}`)).status, 200)
    assert.equal((await agent.get(`/api/v1/estates/${E.e2}`)).status, 404)
  })

  test('the wrong identity is refused with a message naming the account\'s, and nothing is bound', async ({ assert }) => {
    const agent = new Agent()
    await authorize(agent, 'o_wrong_identity')
    const director = USERS.director
    // no identity_type = government staff
    for (const body of [{ name: director.name, phone: director.phone }, { name: director.name, phone: director.phone, identity_type: 'project_manager' }]) {
      const response = await agent.post('/api/v1/identity/sms', body)
      assert.equal(response.status, 422)
      assert.deepEqual(response.body.errors, [{ message: '所选身份与账号不符：该账号为“业主委员会主任”，请返回重新选择身份', field: 'identity_type', rule: 'business' }])
    }
    const handler = USERS.handler
    const bind = await agent.post('/api/v1/identity/bind', { name: handler.name, phone: handler.phone, code: '123456', identity_type: 'committee_director' })
    assert.equal(bind.status, 422)
    assert.equal(bind.body.errors[0].message, '所选身份与账号不符：该账号为“各级政府物业监管部门人员”，请返回重新选择身份')
    // 业主 is checked against the house register, which does not name the handler
    const unknown = await agent.post('/api/v1/identity/sms', { name: handler.name, phone: handler.phone, identity_type: 'owner' })
    assert.equal(unknown.status, 422)
    assert.equal(unknown.body.errors[0].message, '房屋登记中没有与姓名、手机号码匹配的业主，请联系业主委员会或物业服务中心核对')
    const bound = await db.from('users').whereIn('id', [director.id, handler.id]).whereNotNull('wechat_openid').count('* as n').first()
    assert.equal(Number(bound.n), 0)
    // the right identity binds
    const sent = await agent.post('/api/v1/identity/sms', { name: director.name, phone: director.phone, identity_type: 'committee_director' })
    assert.equal(sent.status, 200)
    const ok = await agent.post('/api/v1/identity/bind', { name: director.name, phone: director.phone, code: await sentCode(director.phone), identity_type: 'committee_director' })
    assert.equal(ok.status, 200)
    assert.equal((await db.from('users').where('id', director.id).first()).wechat_openid, 'o_wrong_identity')
  })
})
