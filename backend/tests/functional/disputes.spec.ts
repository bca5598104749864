import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])

const NEW = {
  estate_id: E.e1, dispute_type: 'parking_occupation', title: '地下车位被长期占用', parties: '业主张某；翠园物业', summary: '业主反映其产权车位被他人长期占用，物业未处理',
  reported_on: '2026-11-20',
}
const HANDLE = { handled_on: '2026-11-27', measures: '约谈占用人，张贴告知书', progress: '占用人承诺三日内移车' }

async function upload(client: any, who: WorldUser, content: Buffer, name: string) {
  return client.post('/api/v1/disputes/attachments').file('file', content, { filename: name }).withCsrfToken().loginAs(await actor(who))
}

async function create(client: any, who: WorldUser, body: Record<string, unknown> = {}) {
  return client.post('/api/v1/disputes').json({ ...NEW, ...body }).withCsrfToken().loginAs(await actor(who))
}

async function dispute(id: number) {
  return db.from('disputes').where('id', id).firstOrFail()
}

/** a step with the version the database holds now (or the one given) */
async function step(client: any, who: WorldUser, id: number, path: string, body: Record<string, unknown> = {}) {
  const version = body.version ?? (await dispute(id)).version
  return client.post(`/api/v1/disputes/${id}/${path}`).json({ ...body, version }).withCsrfToken().loginAs(await actor(who))
}

const openTodos = (id: number) => db.from('todos').where({ process: 'dispute', subject_id: id }).whereNull('closed_at')

test.group('纠纷化解台账 · the process end to end', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('the district bureau enters a dispute with an attachment and transfers it at once: row, history, to-dos, attachment', async ({ client, assert }) => {
    const file = await upload(client, 'futian', PDF, '投诉材料.pdf')
    assert.equal(file.status(), 201, JSON.stringify(file.body()))
    const created = await create(client, 'futian', { transfer: true, attachments: [file.body().data.token] })
    assert.equal(created.status(), 201, JSON.stringify(created.body()))
    const data = created.body().data
    assert.deepInclude(data, { state: 'transferred', stateName: '待处理', estateName: '翠园小区', streetName: '园岭街道', bureauName: '福田区', disputeTypeName: '车位占用纠纷', version: 2 })
    const row = await dispute(data.id)
    assert.deepInclude(row, { state: 'transferred', street_id: R.yuanling, bureau_region_id: R.futian, created_by: USERS.futian.id, version: 2 })
    assert.isNotNull(row.transferred_at)
    const files = await db.from('dispute_attachments').where('dispute_id', data.id)
    assert.deepEqual(files.map((f) => [f.action, f.file_name, f.content_type, Number(f.size_bytes)]), [['register', '投诉材料.pdf', 'application/pdf', PDF.length]])
    assert.deepEqual(data.history.map((h: any) => [h.action, h.actionName, h.fromState, h.toState, h.actor.name]), [
      ['register', '录入', null, 'registered', '福田区局'],
      ['transfer', '转办', 'registered', 'transferred', '福田区局'],
    ])
    assert.deepEqual(data.history[0].data.attachments.map((a: any) => a.fileName), ['投诉材料.pdf'])
    // the street's to-do is open, the bureau's (待转办) closed by the transfer
    const todos = await openTodos(data.id)
    assert.deepEqual(todos.map((t) => [t.step, t.region_id, t.roles, t.feature]), [['transferred', R.yuanling, ['street_head', 'street_handler'], 'disputes.handle']])
    const inbox = await client.visit('api.todos.index').loginAs(await actor('handler'))
    assert.deepInclude(inbox.body().data.map((t: any) => [t.process, t.title]), ['dispute', '纠纷：地下车位被长期占用'])
    // the attachment downloads for the street that handles it, not for another street
    const download = await client.get(`/api/v1/disputes/${data.id}/attachments/${data.attachments[0].id}`).loginAs(await actor('handler'))
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    ;(await client.get(`/api/v1/disputes/${data.id}/attachments/${data.attachments[0].id}`).loginAs(await actor('nanyuan'))).assertStatus(404)
  })

  test('handle, apply to close, return, apply again, confirm: every step in the timeline with who, when, what and attachments', async ({ client, assert }) => {
    const id = (await create(client, 'futian', { transfer: true })).body().data.id
    // 处理: the three required fields (*) are named at once, nothing changes
    const blank = await step(client, 'handler', id, 'handle', { measures: '  ' })
    blank.assertStatus(422)
    assert.sameMembers(blank.body().errors.map((e: any) => e.field), ['handled_on', 'measures', 'progress'])
    assert.include(blank.body().errors.map((e: any) => e.message), '请填写处理措施')
    assert.equal((await dispute(id)).version, 2)
    const future = await step(client, 'handler', id, 'handle', { ...HANDLE, handled_on: '2026-11-29' })
    future.assertStatus(422)
    assert.equal(future.body().errors[0].field, 'handled_on')

    const photo = await upload(client, 'handler', PNG, '现场照片.png')
    const handled = await step(client, 'handler', id, 'handle', { ...HANDLE, attachments: [photo.body().data.token] })
    assert.equal(handled.status(), 200, JSON.stringify(handled.body()))
    assert.deepInclude(handled.body().data, { state: 'handling', stateName: '处理中', handleCount: 1, version: 3 })
    assert.deepEqual(handled.body().data.can, { transfer: false, handle: true, applyClose: true, confirmClose: false, return: false })
    // a second 处理 (the head this time) stays 处理中 and counts
    const again = await step(client, 'head', id, 'handle', { handled_on: '2026-11-28', measures: '组织调解', progress: '双方达成调解协议' })
    again.assertStatus(200)
    assert.equal((await dispute(id)).handle_count, 2)

    const noResult = await step(client, 'handler', id, 'apply-close')
    noResult.assertStatus(422)
    assert.deepEqual(noResult.body().errors.map((e: any) => [e.field, e.message]), [['result', '请填写办结情况']])
    const applied = await step(client, 'handler', id, 'apply-close', { result: '已移车，业主满意' })
    applied.assertStatus(200)
    assert.equal(applied.body().data.state, 'closing')
    assert.deepEqual((await openTodos(id)).map((t) => [t.step, t.region_id, t.feature]), [['closing', R.futian, 'disputes.manage']])
    const bureauInbox = await client.visit('api.todos.index').loginAs(await actor('futian'))
    assert.include(bureauInbox.body().data.map((t: any) => t.summary), '园岭街道 · 翠园小区 · 申请办结')

    // 退回 needs its opinion; then the street applies again and the bureau confirms
    ;(await step(client, 'futian', id, 'return')).assertStatus(422)
    const returned = await step(client, 'futian', id, 'return', { opinion: '请补充调解协议' })
    returned.assertStatus(200)
    assert.deepInclude(returned.body().data, { state: 'handling', closeResult: null })
    assert.equal((await openTodos(id))[0].region_id, R.yuanling)
    ;(await step(client, 'handler', id, 'apply-close', { result: '已补充调解协议' })).assertStatus(200)
    const confirmed = await step(client, 'futian', id, 'confirm-close', { remark: '同意办结' })
    confirmed.assertStatus(200)
    const data = confirmed.body().data
    assert.deepInclude(data, { state: 'closed', stateName: '已办结', closeResult: '已补充调解协议' })
    assert.isNotNull(data.closedAt)
    assert.lengthOf(await openTodos(id), 0)
    assert.deepEqual(data.history.map((h: any) => [h.action, h.actor.name, h.remark]), [
      ['register', '福田区局', null],
      ['transfer', '福田区局', null],
      ['handle', '园岭经办人', '占用人承诺三日内移车'],
      ['handle', '园岭负责人', '双方达成调解协议'],
      ['apply_close', '园岭经办人', '已移车，业主满意'],
      ['return', '福田区局', '请补充调解协议'],
      ['apply_close', '园岭经办人', '已补充调解协议'],
      ['confirm_close', '福田区局', '同意办结'],
    ])
    assert.deepInclude(data.history[2].data, { handled_on: '2026-11-27', measures: '约谈占用人，张贴告知书' })
    assert.deepEqual(data.history[2].data.attachments.map((a: any) => a.fileName), ['现场照片.png'])
    assert.deepEqual(data.attachments.map((a: any) => [a.actionName, a.fileName]), [['处理', '现场照片.png']])
    // the history is immutable
    await assert.rejects(() => db.from('workflow_events').where({ process: 'dispute', subject_id: id }).update({ remark: 'x' }))

    // ledgers: closed is in 已办结 and 总台账, not in 未办结
    const ledger = async (name: string) => (await client.get('/api/v1/disputes').qs({ ledger: name }).loginAs(await actor('handler'))).body().data.map((r: any) => r.id)
    assert.deepEqual(await ledger('closed'), [id])
    assert.deepEqual(await ledger('open'), [])
    assert.deepEqual(await ledger('all'), [id])
  })

  test('refused steps: wrong role or feature 403, wrong state 422, stale version 409, another bureau 403; nothing changes', async ({ client, assert }) => {
    const id = (await create(client, 'futian')).body().data.id
    assert.equal((await dispute(id)).state, 'registered')
    const unchanged = async () => {
      const row = await dispute(id)
      return [row.state, row.version, Number((await db.from('workflow_events').where({ process: 'dispute', subject_id: id }).count('* as n'))[0].n)]
    }
    const before = await unchanged()
    // the street does not see (nor act on) a dispute before it is transferred
    ;(await client.get(`/api/v1/disputes/${id}`).loginAs(await actor('handler'))).assertStatus(404)
    // wrong state: handle / apply to close / confirm a registered dispute
    for (const [who, path, body] of [['futian', 'confirm-close', {}], ['futian', 'return', { opinion: 'x' }]] as const) {
      const refused = await step(client, who, id, path, body)
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].message, '当前状态为「待转办」，不能执行「' + (path === 'return' ? '退回' : '确认办结') + '」')
    }
    // the city may decide on a district's dispute; the district bureau of another district cannot see it
    ;(await step(client, 'luohu', id, 'transfer')).assertStatus(404)
    // roles: a street head holds no disputes.manage (route 403); the city holds disputes.handle, but 处理 is the street's (process 403)
    ;(await step(client, 'head', id, 'transfer')).assertStatus(403)
    const cityHandles = await step(client, 'city', id, 'handle', HANDLE)
    cityHandles.assertStatus(403)
    assert.equal(cityHandles.body().errors[0].message, '您没有权限执行「处理」')
    // stale version
    const stale = await step(client, 'futian', id, 'transfer', { version: 7 })
    stale.assertStatus(409)
    assert.equal(stale.body().errors[0].message, '该事项已被他人处理或修改，请刷新后重试')
    assert.deepEqual(await unchanged(), before)

    ;(await step(client, 'futian', id, 'transfer')).assertStatus(200)
    // transfer twice (a double submit with the old version is stale; with the new one the state refuses)
    ;(await step(client, 'futian', id, 'transfer', { version: 1 })).assertStatus(409)
    ;(await step(client, 'futian', id, 'transfer')).assertStatus(422)
    ;(await step(client, 'handler', id, 'apply-close', { result: 'x' })).assertStatus(422)
    ;(await step(client, 'handler', id, 'confirm-close')).assertStatus(403)
    ;(await step(client, 'futian', id, 'handle', HANDLE)).assertStatus(403)
    // a dispute the city entered is confirmed by the city, not by the district below it
    const cityId = (await create(client, 'city', { transfer: false })).body().data.id
    const districtTransfers = await step(client, 'futian', cityId, 'transfer')
    districtTransfers.assertStatus(403)
    assert.include(districtTransfers.body().errors[0].message, '深圳市')
    ;(await step(client, 'city', cityId, 'transfer')).assertStatus(200)
    assert.equal((await dispute(cityId)).state, 'transferred')
  })

  test('scope: foreign disputes, estates and regions answer 404; ledgers list only the own region', async ({ client, assert }) => {
    const own = (await create(client, 'futian', { transfer: true })).body().data.id
    const nanyuan = (await create(client, 'futian', { transfer: true, estate_id: E.e4, title: '南园纠纷' })).body().data.id
    const guiyuan = (await create(client, 'luohu', { transfer: true, estate_id: E.e5, title: '桂园纠纷' })).body().data.id
    // a bureau enters disputes of its own district only
    ;(await create(client, 'luohu', { estate_id: E.e1 })).assertStatus(404)
    const list = async (who: WorldUser, qs: Record<string, unknown> = {}) => client.get('/api/v1/disputes').qs(qs).loginAs(await actor(who))
    assert.deepEqual((await list('handler')).body().data.map((r: any) => r.id), [own])
    assert.sameMembers((await list('futian')).body().data.map((r: any) => r.id), [own, nanyuan])
    assert.sameMembers((await list('city')).body().data.map((r: any) => r.id), [own, nanyuan, guiyuan])
    ;(await list('handler', { region_id: R.ny1 })).assertStatus(404)
    assert.deepEqual((await list('futian', { region_id: R.nanyuan })).body().data.map((r: any) => r.id), [nanyuan])
    for (const id of [nanyuan, guiyuan]) {
      ;(await client.get(`/api/v1/disputes/${id}`).loginAs(await actor('handler'))).assertStatus(404)
      ;(await step(client, 'handler', id, 'handle', HANDLE)).assertStatus(404)
    }
    ;(await client.get(`/api/v1/disputes/${guiyuan}`).loginAs(await actor('futian'))).assertStatus(404)
    // the estate picker of a bureau lists its own region's estates only
    const estates = (await client.get('/api/v1/disputes/estates').loginAs(await actor('luohu'))).body().data
    assert.deepEqual(estates.map((e: any) => e.name), ['桂园新村'])
  })

  test('展开 filters, paging and the Excel export of a ledger', async ({ client, assert }) => {
    const a = (await create(client, 'futian', { transfer: true, reported_on: '2026-10-01' })).body().data.id
    const b = (await create(client, 'futian', { transfer: true, dispute_type: 'property_fee', title: '拖欠物业费', parties: '碧海物业；业主李某', estate_id: E.e3, reported_on: '2026-11-10' })).body().data.id
    const list = async (qs: Record<string, unknown>) => (await client.get('/api/v1/disputes').qs(qs).loginAs(await actor('handler'))).body()
    assert.deepEqual((await list({ ledger: 'open' })).data.map((r: any) => r.id), [b, a])
    assert.deepEqual((await list({ type: 'property_fee' })).data.map((r: any) => r.id), [b])
    assert.deepEqual((await list({ q: '翠园' })).data.map((r: any) => r.id), [a])
    assert.deepEqual((await list({ q: '张某' })).data.map((r: any) => r.id), [a])
    assert.deepEqual((await list({ estate_id: E.e3 })).data.map((r: any) => r.id), [b])
    assert.deepEqual((await list({ reported_from: '2026-11-01', reported_to: '2026-11-30' })).data.map((r: any) => r.id), [b])
    assert.deepEqual((await list({ state: 'transferred', region_id: R.yl1 })).data.map((r: any) => r.id), [a])
    const paged = await list({ per_page: 1, page: 2 })
    assert.deepEqual([paged.meta.total, paged.data[0].id], [2, a])
    const bad = await client.get('/api/v1/disputes').qs({ reported_from: '2026-11-30', reported_to: '2026-11-01', type: 'nope' }).loginAs(await actor('handler'))
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((e: any) => e.field), ['reported_to', 'type'])

    const exportsBefore = Number((await db.from('audit_logs').where('action', 'export').count('* as n'))[0].n)
    const exported = await client.get('/api/v1/disputes/export').qs({ ledger: 'open' }).loginAs(await actor('handler'))
    exported.assertStatus(200)
    assert.include(decodeURIComponent(exported.header('content-disposition')), '纠纷化解未办结台账-园岭街道.xlsx')
    const sheet = await readSheet(exported.body())
    assert.equal(sheet.name, '未办结台账')
    assert.deepEqual(sheet.rows[0].slice(0, 4), ['编号', '纠纷事项', '纠纷类型', '物业项目'])
    assert.deepEqual(sheet.rows.slice(1).map((row) => [row[0], row[2], row[3], row[10]]), [[b, '物业费纠纷', '碧海花园', '待处理'], [a, '车位占用纠纷', '翠园小区', '待处理']])
    assert.equal(Number((await db.from('audit_logs').where('action', 'export').count('* as n'))[0].n), exportsBefore + 1)
  })

  test('录入 input: required fields and types 422 with Chinese messages; attachments by magic bytes, size, owner and once', async ({ client, assert }) => {
    const bad = await client.post('/api/v1/disputes').json({ estate_id: E.e1, dispute_type: 'nope', title: ' ', reported_on: '2026-02-30' }).withCsrfToken().loginAs(await actor('futian'))
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((e: any) => e.field), ['dispute_type', 'title', 'parties', 'summary', 'reported_on'])
    for (const error of bad.body().errors) assert.match(error.message, /[\u4e00-\u9fff]/)
    const future = await create(client, 'futian', { reported_on: '2026-11-29' })
    future.assertStatus(422)
    assert.equal(future.body().errors[0].message, '受理日期不能晚于今天')

    for (const [content, name] of [[PNG, 'fake.pdf'], [Buffer.from('MZ\x90\x00'), 'fake.jpg']] as const) {
      const refused = await upload(client, 'futian', content as Buffer, name)
      refused.assertStatus(422)
      assert.include(refused.body().errors[0].message, '不符')
    }
    const big = await upload(client, 'futian', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf')
    big.assertStatus(422)
    // street handlers upload for 处理; party secretaries hold neither feature
    ;(await upload(client, 'party', PNG, 'a.png')).assertStatus(403)
    const token = (await upload(client, 'futian', PNG, 'a.png')).body().data.token
    // another bureau cannot claim it, and it is claimed once
    const stolen = await create(client, 'city', { attachments: [token] })
    stolen.assertStatus(422)
    assert.equal(stolen.body().errors[0].field, 'attachments.0')
    ;(await create(client, 'futian', { attachments: [token] })).assertStatus(201)
    const twice = await create(client, 'futian', { attachments: [token] })
    twice.assertStatus(422)
    assert.equal(twice.body().errors[0].message, '该附件已使用过，请重新上传')
    assert.equal(Number((await db.from('disputes').count('* as n'))[0].n), 1)
  })
})
