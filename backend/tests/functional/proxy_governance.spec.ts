import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'

/**
 * 居代业管理 through the API (domain-rules §8): 发起 for an estate without a working owners'
 * committee → 意见征集 → 不启动 (→ 已结束) or 指定 (→ 代行中) → 终止 (→ 已结束). Every allowed and refused
 * transition, history, to-dos, the announcement of each step in 信息公开 (same transaction), one open
 * 居代业 per estate (a DB constraint), scope. In the world e1, e3, e5 have a committee; e2, e4, e6 not.
 */
const CONTENT = '<p>经街道办研究，拟由社区居委会代行业主委员会职责，现公开征求业主意见。</p>'

async function start(client: any, who: keyof typeof USERS = 'handler', estateId: number = E.e2) {
  return client.visit('api.proxy_governances.store').json({ estate_id: estateId, reason: '业委会任期届满未换届', content: CONTENT }).withCsrfToken().loginAs(await actor(who))
}

async function step(client: any, id: number, action: 'decline' | 'appoint' | 'terminate', body: Record<string, unknown>, who: keyof typeof USERS = 'handler') {
  return client.visit(`api.proxy_governances.${action}`, { id }).json(body).withCsrfToken().loginAs(await actor(who))
}

const openTodos = (id: number) => db.from('todos').where({ process: 'proxy_governance', subject_id: id }).whereNull('closed_at')
const announcements = (id: number) => db.from('disclosures').where({ source: 'proxy_governance', source_id: id }).orderBy('id')

test.group('Proxy governance · the process', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('发起 → 指定 → 终止: history, to-dos and one announcement per step, all in 信息公开查询', async ({ client, assert }) => {
    const started = await start(client)
    started.assertStatus(201)
    const id = started.body().data.id
    assert.equal(started.body().data.state, 'collecting')
    assert.equal(started.body().data.stateName, '意见征集')
    assert.sameMembers(started.body().data.actions, ['decline', 'appoint'])
    const row = await db.from('proxy_governances').where('id', id).firstOrFail()
    assert.equal(row.estate_id, E.e2)
    assert.equal(row.started_by, USERS.handler.id)
    let published = await announcements(id)
    assert.lengthOf(published, 1)
    assert.equal(published[0].state, 'published')
    assert.equal(published[0].title, '园岭二号居代业意见征集公告'.replace('园岭二号', (await db.from('estates').where('id', E.e2).firstOrFail()).name))
    assert.equal(published[0].body_html, CONTENT)
    const todos = await openTodos(id)
    assert.lengthOf(todos, 1)
    assert.equal(todos[0].step, 'collecting')
    assert.equal(todos[0].region_id, 4)
    assert.sameMembers(todos[0].roles, ['street_head', 'street_handler'])

    // the street's inbox holds it
    const inbox = await client.visit('api.todos.index').loginAs(await actor('handler'))
    assert.include(inbox.body().data.map((t: { subjectId: number; process: string }) => `${t.process}:${t.subjectId}`), `proxy_governance:${id}`)

    const noAgent = await step(client, id, 'appoint', { version: 1, remark: '经征询同意', content: CONTENT })
    noAgent.assertStatus(422)
    assert.deepEqual(noAgent.body().errors.map((e: { field: string; message: string }) => [e.field, e.message]), [['agent', '请填写代行主体']])
    const appointed = await step(client, id, 'appoint', { version: 1, remark: '经征询同意', agent: '园岭二社区居委会', content: '<p>指定园岭二社区居委会代行。</p>' })
    appointed.assertStatus(200)
    assert.equal(appointed.body().data.state, 'acting')
    assert.equal(appointed.body().data.agent, '园岭二社区居委会')
    assert.deepEqual(appointed.body().data.actions, ['terminate'])
    assert.lengthOf(await openTodos(id), 0)
    const closed = await db.from('todos').where({ process: 'proxy_governance', subject_id: id }).firstOrFail()
    assert.equal(closed.outcome, 'done')
    assert.equal(closed.closed_by, USERS.handler.id)

    const stale = await step(client, id, 'terminate', { version: 1, remark: '业委会已成立', content: CONTENT })
    stale.assertStatus(409)
    const terminated = await step(client, id, 'terminate', { version: 2, remark: '业委会已成立', content: '<p>居代业终止。</p>' })
    terminated.assertStatus(200)
    assert.equal(terminated.body().data.state, 'ended')
    assert.equal(terminated.body().data.outcome, 'terminated')
    assert.deepEqual(terminated.body().data.actions, [])
    const history = terminated.body().data.history.map((h: { action: string; fromState: string | null; toState: string }) => [h.action, h.fromState, h.toState])
    assert.deepEqual(history, [['start', null, 'collecting'], ['appoint', 'collecting', 'acting'], ['terminate', 'acting', 'ended']])
    assert.equal(terminated.body().data.history[2].remark, '业委会已成立')
    published = await announcements(id)
    assert.deepEqual(published.map((d) => d.title.replace(/^.*居代业/, '居代业')), ['居代业意见征集公告', '居代业指定公告', '居代业终止公告'])
    assert.lengthOf(terminated.body().data.disclosures, 3)

    // every step is in 信息公开查询 (source 居代业管理), and may not be voided by hand
    const listed = await client.visit('api.disclosures.index').qs({ source: 'proxy_governance' }).loginAs(await actor('handler'))
    assert.lengthOf(listed.body().data, 3)
    const voided = await client.visit('api.disclosures.void', { id: published[0].id }).json({ version: 1, reason: '试图作废' }).withCsrfToken().loginAs(await actor('handler'))
    voided.assertStatus(422)

    // ended: a new one may start for the same estate
    const again = await start(client)
    again.assertStatus(201)
  })

  test('发起 → 不启动 ends it; every refused transition changes nothing', async ({ client, assert }) => {
    const id = (await start(client, 'head', E.e6)).body().data.id
    // 终止 is not allowed while collecting (state), and the wrong role / a missing field are refused
    const early = await step(client, id, 'terminate', { version: 1, remark: '提前终止', content: CONTENT })
    early.assertStatus(422)
    assert.equal(early.body().errors[0].message, '当前状态为「意见征集」，不能执行「终止」')
    const community = await step(client, id, 'decline', { version: 1, remark: '社区不启动', content: CONTENT }, 'community')
    community.assertStatus(403)
    const noRemark = await step(client, id, 'decline', { version: 1, content: CONTENT })
    noRemark.assertStatus(422)
    assert.equal(noRemark.body().errors[0].field, 'remark')
    assert.equal(noRemark.body().errors[0].message, '请填写不启动说明')
    // an announcement that sanitises to nothing is empty: the step rolls back whole
    const scriptOnly = await step(client, id, 'decline', { version: 1, remark: '不启动', content: '<script>alert(1)</script>' })
    scriptOnly.assertStatus(422)
    assert.equal(scriptOnly.body().errors[0].field, 'content')
    const unchanged = await db.from('proxy_governances').where('id', id).firstOrFail()
    assert.equal(unchanged.state, 'collecting')
    assert.equal(unchanged.version, 1)
    assert.lengthOf(await db.from('workflow_events').where({ process: 'proxy_governance', subject_id: id }), 1)
    assert.lengthOf(await announcements(id), 1)
    assert.lengthOf(await openTodos(id), 1)

    const declined = await step(client, id, 'decline', { version: 1, remark: '多数业主不同意', content: '<p>不启动居代业。</p>' })
    declined.assertStatus(200)
    assert.equal(declined.body().data.state, 'ended')
    assert.equal(declined.body().data.outcome, 'declined')
    assert.lengthOf(await openTodos(id), 0)
    assert.lengthOf(await announcements(id), 2)
    for (const action of ['decline', 'appoint', 'terminate'] as const) {
      const after = await step(client, id, action, { version: 2, remark: '结束后', agent: '居委会', content: CONTENT })
      after.assertStatus(422)
    }
    assert.equal((await db.from('proxy_governances').where('id', id).firstOrFail()).version, 2)
  })

  test('an estate with a working committee cannot start one; one open 居代业 per estate, also in the database', async ({ client, assert }) => {
    const withCommittee = await start(client, 'handler', E.e1)
    withCommittee.assertStatus(422)
    assert.equal(withCommittee.body().errors[0].field, 'estate_id')
    assert.match(withCommittee.body().errors[0].message, /已成立业主委员会并正常履职，不能发起居代业$/)
    assert.lengthOf(await db.from('proxy_governances'), 0)
    assert.lengthOf(await db.from('disclosures'), 0)

    const first = await start(client)
    first.assertStatus(201)
    const second = await start(client)
    second.assertStatus(409)
    assert.equal(second.body().errors[0].message, '该物业项目已有进行中的居代业，不能重复发起')
    assert.lengthOf(await db.from('proxy_governances').where('estate_id', E.e2), 1)
    assert.lengthOf(await db.from('disclosures'), 1)
    // the constraint itself, whatever the application checks
    await assert.rejects(() => db.table('proxy_governances').insert({ estate_id: E.e2, state: 'acting', reason: '直接写入' }))

    const missing = await client.visit('api.proxy_governances.store').json({ estate_id: E.e6 }).withCsrfToken().loginAs(await actor('handler'))
    missing.assertStatus(422)
    assert.sameMembers(missing.body().errors.map((e: { field: string }) => e.field), ['reason', 'content'])
  })

  test('scope and roles: another street is a 404, the bureaus and communities do not handle', async ({ client, assert }) => {
    const id = (await start(client)).body().data.id
    const nanyuan = await actor('nanyuan')
    ;(await client.visit('api.proxy_governances.show', { id }).loginAs(nanyuan)).assertStatus(404)
    ;(await step(client, id, 'appoint', { version: 1, remark: '越权', agent: '某居委会', content: CONTENT }, 'nanyuan')).assertStatus(404)
    ;(await start(client, 'nanyuan', E.e6)).assertStatus(404)
    ;(await start(client, 'city', E.e6)).assertStatus(403)
    assert.equal((await db.from('proxy_governances').where('id', id).firstOrFail()).state, 'collecting')

    // the district and the community read it, without actions
    const futian = await client.visit('api.proxy_governances.show', { id }).loginAs(await actor('futian'))
    futian.assertStatus(200)
    assert.deepEqual(futian.body().data.actions, [])
    const community = await client.visit('api.proxy_governances.index').loginAs(await actor('community'))
    community.assertStatus(200)
    // e2 lies in 园岭一社区 (7), not in 园岭二社区 (8)
    assert.deepEqual(community.body().data.map((r: { id: number }) => r.id), [id])
    const otherCommunity = await client.visit('api.proxy_governances.index').qs({ region_id: 8 }).loginAs(await actor('handler'))
    assert.lengthOf(otherCommunity.body().data, 0)
    const communityForeign = await client.visit('api.proxy_governances.index').qs({ region_id: 8 }).loginAs(await actor('community'))
    communityForeign.assertStatus(404)
  })

  test('a committee formed while 代行中 raises the street\'s to-do to 终止; 终止 closes it', async ({ client, assert }) => {
    const id = (await start(client)).body().data.id
    await step(client, id, 'appoint', { version: 1, remark: '同意', agent: '园岭一社区居委会', content: CONTENT })
    assert.lengthOf(await openTodos(id), 0)
    await db.from('estates').where('id', E.e2).update({ has_committee: true })
    const inbox = await client.visit('api.todos.index').loginAs(await actor('handler'))
    const todo = inbox.body().data.find((t: { process: string; subjectId: number }) => t.process === 'proxy_governance' && t.subjectId === id)
    assert.equal(todo.step, 'acting')
    assert.match(todo.title, /已成立业主委员会，请终止居代业$/)
    // read again: still one
    await client.visit('api.todos.index').loginAs(await actor('head'))
    assert.lengthOf(await openTodos(id), 1)
    const ended = await step(client, id, 'terminate', { version: 2, remark: '业委会已成立', content: CONTENT })
    ended.assertStatus(200)
    assert.lengthOf(await openTodos(id), 0)
  })

  test('list, the estate picker and the export', async ({ client, assert }) => {
    const id = (await start(client)).body().data.id
    const handler = await actor('handler')
    const estates = await client.visit('api.proxy_governances.estates').loginAs(handler)
    estates.assertStatus(200)
    const e2 = estates.body().data.find((e: { id: number }) => e.id === E.e2)
    assert.equal(e2.openId, id)
    assert.isFalse(e2.hasCommittee)
    assert.isTrue(estates.body().data.find((e: { id: number }) => e.id === E.e1).hasCommittee)
    assert.notInclude(estates.body().data.map((e: { id: number }) => e.id), E.e4)

    const list = await client.visit('api.proxy_governances.index').qs({ state: 'collecting' }).loginAs(handler)
    assert.deepEqual(list.body().data.map((r: { id: number }) => r.id), [id])
    const exported = await client.visit('api.proxy_governances.export').loginAs(handler)
    exported.assertStatus(200)
    const sheet = await readSheet(exported.body())
    assert.lengthOf(sheet.rows, 2)
    assert.equal(sheet.rows[1][3], '意见征集')
    assert.equal(sheet.rows[1][5], '业委会任期届满未换届')
  })
})
