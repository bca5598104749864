import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { resetCalendar } from '#tests/support/calendar'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import clock from '#services/clock'
import { remindInspections } from '#modules/inspections/remind_inspections'
import { inspectionCountsByCompany } from '#modules/inspections/inspection_service'
import Region from '#models/region'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])

/** moves the platform clock to a Shenzhen wall-clock time */
const at = (moment: string) => clock.travelTo(`${moment}+08:00`)

const TASK = {
  title: '2026年冬季消防安全检查',
  deadline: '2026-12-10',
  items: [
    { content: '消防通道是否畅通', photo_required: true },
    { content: '灭火器是否在有效期内' },
  ],
}

const post = async (client: any, who: WorldUser, path: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/inspections/${path}`).json(body).withCsrfToken().loginAs(await actor(who))

async function publish(client: any, assert: any, who: WorldUser = 'futian', extra: Record<string, unknown> = {}) {
  const response = await post(client, who, 'tasks', { ...TASK, target_mode: 'region', ...extra })
  assert.equal(response.status(), 201, JSON.stringify(response.body()))
  return response.body().data
}

async function targetOf(taskId: number, estateId: number) {
  return db.from('inspection_targets').where({ task_id: taskId, estate_id: estateId }).first()
}

async function stateOf(targetId: number) {
  const target = await db.from('inspection_targets').where('id', targetId).first()
  const answers = await db.from('inspection_answers').where('target_id', targetId).count('* as n').first()
  const todos = await db.from('todos').where({ process: 'inspection', subject_id: targetId }).whereNull('closed_at').select('step', 'region_id', 'roles', 'feature')
  const history = (await db.from('workflow_events').where({ process: 'inspection', subject_id: targetId }).orderBy('id').select('action')).map((row) => row.action)
  return { state: target.state, version: target.version, answers: Number(answers?.n), todos, history }
}

async function photo(client: any, who: WorldUser = 'manager', content = PNG, name = '通道.png') {
  return client.post('/api/v1/inspections/photos').file('file', content, { filename: name }).withCsrfToken().loginAs(await actor(who))
}

test.group('安全检查 · publish, fill, rectify, remind, statistics', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    at('2026-12-07T09:00:00')
    return () => clock.reset()
  })

  test('福田区 publishes to its region: one target per estate, to-dos for the project managers, nothing outside', async ({ client, assert }) => {
    const task = await publish(client, assert)
    assert.include(task, { title: TASK.title, deadline: '2026-12-10', items: 2, targets: 5, completed: 0, targetModeName: '按区域' })
    const targets = await db.from('inspection_targets').where('task_id', task.id).orderBy('estate_id').select('estate_id', 'state', 'version')
    assert.deepEqual(targets.map((row) => row.estate_id), [E.e1, E.e2, E.e3, E.e4, E.e6])
    assert.isTrue(targets.every((row) => row.state === 'pending' && row.version === 1))
    const e1 = await targetOf(task.id, E.e1)
    const now = await stateOf(e1.id)
    assert.deepEqual(now.todos, [{ step: 'pending', region_id: R.yl1, roles: ['project_manager'], feature: 'estates.own' }])
    assert.deepEqual(now.history, ['publish'])
    // the inbox of e1 and e3's 项目经理 holds exactly their two estates' to-dos; 南园's manager holds e4's
    const inbox = async (who: 'manager' | 'nanyuanManager') =>
      (await client.visit('api.todos.index').loginAs(await actor(who))).body().data.filter((t: any) => t.process === 'inspection').map((t: any) => t.subjectId).sort()
    const ids = async (...estates: number[]) => Promise.all(estates.map(async (estate) => (await targetOf(task.id, estate)).id))
    assert.deepEqual(await inbox('manager'), (await ids(E.e1, E.e3)).sort())
    assert.deepEqual(await inbox('nanyuanManager'), await ids(E.e4))
    // outbox: one event per target
    const events = await db.from('outbox_events').where('topic', 'inspection_target').count('* as n').first()
    assert.equal(Number(events?.n), 5)

    // by estate type and by an explicit list; an estate outside the region is a field error
    const typed = await publish(client, assert, 'futian', { target_mode: 'estate_type', estate_types: ['住宅'] })
    assert.equal(typed.targets, 5)
    const listed = await publish(client, assert, 'city', { target_mode: 'estates', estate_ids: [E.e1, E.e5] })
    assert.equal(listed.targets, 2)
    const outside = await post(client, 'futian', 'tasks', { ...TASK, target_mode: 'estates', estate_ids: [E.e1, E.e5] })
    outside.assertStatus(422)
    assert.equal(outside.body().errors[0].field, 'estate_ids.1')
    const region = await post(client, 'futian', 'tasks', { ...TASK, target_mode: 'region', region_id: R.gy1 })
    region.assertStatus(404)
    // bad input: 422 with Chinese messages, nothing written
    const before = Number((await db.from('inspection_tasks').count('* as n').first())?.n)
    for (const [body, field] of [
      [{ ...TASK, target_mode: 'region', title: '' }, 'title'],
      [{ ...TASK, target_mode: 'region', items: [] }, 'items'],
      [{ ...TASK, target_mode: 'region', deadline: '2026-12-01' }, 'deadline'],
      [{ ...TASK, target_mode: 'region', deadline: '2026-13-01' }, 'deadline'],
      [{ ...TASK, target_mode: 'moon' }, 'target_mode'],
      [{ ...TASK, target_mode: 'estate_type' }, 'estate_types'],
    ] as const) {
      const refused = await post(client, 'futian', 'tasks', body)
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].field, field, JSON.stringify(body))
      assert.match(refused.body().errors[0].message, /[\u4e00-\u9fa5]/)
    }
    assert.equal(Number((await db.from('inspection_tasks').count('* as n').first())?.n), before)
    // a street holds no 发布任务: 403
    ;(await post(client, 'head', 'tasks', { ...TASK, target_mode: 'region' })).assertStatus(403)
  })

  test('the project manager fills on its estate: photo required, problems → 整改中, rectify → 已整改; 409 stale, 422 after the deadline', async ({ client, assert }) => {
    const task = await publish(client, assert)
    const target = await targetOf(task.id, E.e1)
    const [first, second] = await db.from('inspection_items').where('task_id', task.id).orderBy('position')

    // the manager's list and the detail
    const mine = await client.get('/api/v1/inspections/mine').loginAs(await actor('manager'))
    mine.assertStatus(200)
    assert.deepEqual(mine.body().data.map((row: any) => row.estateName).sort(), ['碧海花园', '翠园小区'])
    const detail = await client.get(`/api/v1/inspections/targets/${target.id}`).loginAs(await actor('manager'))
    assert.include(detail.body().data, { state: 'pending', canFill: true })
    assert.deepEqual(detail.body().data.checklist.map((item: any) => [item.position, item.photoRequired]), [[1, true], [2, false]])
    // another estate's manager: 404; a director of the estate: not the project manager → 403 (the process's rule)
    ;(await client.get(`/api/v1/inspections/targets/${target.id}`).loginAs(await actor('nanyuanManager'))).assertStatus(404)
    const answers = (photos: string[]) => [
      { item_id: first.id, result: 'problem', description: '消防通道堆放杂物', measures: '清理杂物', rectified: false, photos },
      { item_id: second.id, result: 'pass' },
    ]
    ;(await post(client, 'nanyuanManager', `targets/${target.id}/submit`, { version: 1, answers: answers([]) })).assertStatus(404)
    ;(await post(client, 'director', `targets/${target.id}/submit`, { version: 1, answers: answers([]) })).assertStatus(403)

    // photo required; a PDF is refused as a photo; a file whose bytes are no PNG is refused
    const missingPhoto = await post(client, 'manager', `targets/${target.id}/submit`, { version: 1, answers: answers([]) })
    missingPhoto.assertStatus(422)
    assert.equal(missingPhoto.body().errors[0].field, 'answers.0.photos')
    ;(await photo(client, 'manager', PDF, '检查.pdf')).assertStatus(422)
    ;(await photo(client, 'manager', PDF, '伪装.png')).assertStatus(422)
    const uploaded = await photo(client)
    uploaded.assertStatus(201)
    // a problem needs a description; an unanswered item is refused
    const noDescription = await post(client, 'manager', `targets/${target.id}/submit`, {
      version: 1, answers: [{ ...answers([uploaded.body().data.token])[0], description: '' }, answers([])[1]],
    })
    noDescription.assertStatus(422)
    assert.equal(noDescription.body().errors[0].field, 'answers.0.description')
    const unanswered = await post(client, 'manager', `targets/${target.id}/submit`, { version: 1, answers: [answers([uploaded.body().data.token])[0]] })
    unanswered.assertStatus(422)
    assert.equal(unanswered.body().errors[0].field, 'answers')
    // NUL characters are refused by the input guard (400), never a 500
    const nul = await post(client, 'manager', `targets/${target.id}/submit`, { version: 1, answers: [{ ...answers([uploaded.body().data.token])[0], description: 'a\u0000b' }, answers([])[1]] })
    assert.equal(nul.status(), 400)
    assert.deepInclude(await stateOf(target.id), { state: 'pending', version: 1, answers: 0 })

    const submitted = await post(client, 'manager', `targets/${target.id}/submit`, { version: 1, answers: answers([uploaded.body().data.token]) })
    assert.equal(submitted.status(), 200, JSON.stringify(submitted.body()))
    assert.include(submitted.body().data, { state: 'rectifying', stateName: '整改中', problems: 1, rectifiedProblems: 0, version: 2 })
    assert.lengthOf(submitted.body().data.checklist[0].answer.photos, 1)
    let now = await stateOf(target.id)
    assert.deepEqual(now.todos, [{ step: 'rectifying', region_id: R.yl1, roles: ['project_manager'], feature: 'estates.own' }])
    assert.deepEqual(now.history, ['publish', 'submit_with_problems'])
    assert.equal((await db.from('todos').where({ process: 'inspection', subject_id: target.id, step: 'pending' }).first()).closed_by, USERS.manager.id)

    // the photo opens for the manager and the street, not for another street
    const photoId = submitted.body().data.checklist[0].answer.photos[0].id
    ;(await client.get(`/api/v1/inspections/photos/${photoId}`).loginAs(await actor('head'))).assertStatus(200)
    ;(await client.get(`/api/v1/inspections/photos/${photoId}`).loginAs(await actor('nanyuan'))).assertStatus(404)

    // submitting again: the state does not allow it (version current) → 422; stale version → 409
    const again = await post(client, 'manager', `targets/${target.id}/submit`, { version: 2, answers: answers([]).map((a) => ({ ...a, photos: undefined, result: 'pass', description: undefined, measures: undefined, rectified: undefined })) })
    assert.equal(again.status(), 422)
    const stale = await post(client, 'manager', `targets/${target.id}/rectify`, { version: 1, answers: [{ item_id: first.id, rectified_on: '2026-12-07' }] })
    stale.assertStatus(409)
    assert.match(stale.body().errors[0].message, /刷新/)
    const future = await post(client, 'manager', `targets/${target.id}/rectify`, { version: 2, answers: [{ item_id: first.id, rectified_on: '2026-12-08' }] })
    future.assertStatus(422)
    assert.equal(future.body().errors[0].field, 'answers.0.rectified_on')
    const wrongItem = await post(client, 'manager', `targets/${target.id}/rectify`, { version: 2, answers: [{ item_id: second.id, rectified_on: '2026-12-07' }] })
    wrongItem.assertStatus(422)
    assert.deepInclude(await stateOf(target.id), { state: 'rectifying', version: 2 })

    const rectified = await post(client, 'manager', `targets/${target.id}/rectify`, { version: 2, answers: [{ item_id: first.id, rectified_on: '2026-12-07', measures: '已清理并设置警示标识' }] })
    assert.equal(rectified.status(), 200, JSON.stringify(rectified.body()))
    assert.include(rectified.body().data, { state: 'rectified', rectifiedProblems: 1, canFill: false })
    now = await stateOf(target.id)
    assert.deepEqual(now.todos, [])
    assert.deepEqual(now.history, ['publish', 'submit_with_problems', 'rectify'])
    // rectify from 已整改: illegal transition → 422
    ;(await post(client, 'manager', `targets/${target.id}/rectify`, { version: 3, answers: [{ item_id: first.id, rectified_on: '2026-12-07' }] })).assertStatus(422)

    // a clean submission goes straight to 已提交
    const other = await targetOf(task.id, E.e3)
    const token = (await photo(client)).body().data.token
    const clean = await post(client, 'manager', `targets/${other.id}/submit`, { version: 1, answers: [{ item_id: first.id, result: 'pass', photos: [token] }, { item_id: second.id, result: 'problem', description: '过期', measures: '更换', rectified: true, rectified_on: '2026-12-06' }] })
    assert.equal(clean.status(), 200, JSON.stringify(clean.body()))
    assert.include(clean.body().data, { state: 'submitted', problems: 1, rectifiedProblems: 1 })
    assert.deepEqual((await stateOf(other.id)).todos, [])

    // after the deadline nothing changes (422, Chinese message)
    at('2026-12-11T08:00:00')
    const late = await targetOf(task.id, E.e2)
    await db.table('user_estates').insert({ user_id: USERS.manager.id, estate_id: E.e2, relation: 'project_manager', created_at: new Date() })
    const closed = await post(client, 'manager', `targets/${late.id}/submit`, { version: 1, answers: [{ item_id: first.id, result: 'pass', photos: [token] }, { item_id: second.id, result: 'pass' }] })
    closed.assertStatus(422)
    assert.include(closed.body().errors[0].message, '截止')
    assert.deepInclude(await stateOf(late.id), { state: 'pending', version: 1, answers: 0 })
  })

  test('statistics from the warehouse per region and estate equal PostgreSQL; 穿透, per company, export; reconcile is clean', async ({ client, assert }) => {
    const task = await publish(client, assert)
    const [first, second] = await db.from('inspection_items').where('task_id', task.id).orderBy('position')
    const target = await targetOf(task.id, E.e1)
    const token = (await photo(client)).body().data.token
    ;(await post(client, 'manager', `targets/${target.id}/submit`, { version: 1, answers: [
      { item_id: first.id, result: 'problem', description: '堵塞', measures: '清理', photos: [token] },
      { item_id: second.id, result: 'problem', description: '过期', measures: '更换', rectified: true, rectified_on: '2026-12-07' },
    ] })).assertStatus(200)
    await drain()

    const head = await actor('head')
    const stats = await client.visit('api.inspection_stats.index').loginAs(head)
    stats.assertStatus(200)
    const pick = (row: any) => [row.name, row.targets, row.pending, row.completed, row.problems, row.rectifiedProblems, row.openProblems]
    assert.deepEqual(stats.body().data.map(pick), [['园岭一社区', 2, 1, 1, 2, 1, 1], ['园岭二社区', 2, 2, 0, 0, 0, 0]])
    assert.include(stats.body().meta.totals, { targets: 4, completed: 1, completionRate: 0.25, problems: 2, rectificationRate: 0.5, overdue: 0 })
    // the estate level
    const estates = await client.visit('api.inspection_stats.index').qs({ region_id: R.yl1 }).loginAs(head)
    assert.deepEqual(estates.body().data.map(pick), [['翠园小区', 1, 0, 1, 2, 1, 1], ['锦华苑', 1, 1, 0, 0, 0, 0]])
    // after the deadline the pending ones are 逾期
    at('2026-12-11T08:00:00')
    const late = await client.visit('api.inspection_stats.index').loginAs(await actor('futian'))
    assert.include(late.body().meta.totals, { targets: 5, overdue: 4 })
    const overdue = await client.visit('api.inspection_targets.index').qs({ overdue: '1' }).loginAs(await actor('futian'))
    assert.equal(overdue.body().meta.total, 4)
    at('2026-12-07T09:00:00')

    // 穿透: the targets behind 未整改问题
    const open = await client.visit('api.inspection_targets.index').qs({ problems: 'open' }).loginAs(head)
    assert.deepEqual(open.body().data.map((row: any) => [row.estateName, row.stateName, row.problems]), [['翠园小区', '整改中', 2]])
    const sheet = await client.visit('api.inspection_targets.export').loginAs(head)
    sheet.assertStatus(200)
    const { rows } = await readSheet(sheet.body())
    assert.equal(rows.length, 1 + 4)
    // per company (信用信息's indicator reads inspectionCountsByCompany)
    const companies = await client.visit('api.inspection_companies.index').loginAs(head)
    assert.deepEqual(companies.body().data.map((row: any) => [row.companyName, row.targets, row.completed, row.problems, row.rectifiedProblems]), [['测试物业公司', 4, 1, 2, 1]])
    const city = await inspectionCountsByCompany(await Region.findOrFail(R.city))
    assert.deepEqual(city.map((row) => [row.company_name, row.targets]), [['测试物业公司', 5]])
    ;(await client.visit('api.inspection_companies.export').loginAs(head)).assertStatus(200)
    // tasks list and detail in scope; another district's reader sees nothing of it
    const tasks = await client.visit('api.inspection_tasks.index').loginAs(head)
    assert.deepEqual(tasks.body().data.map((row: any) => [row.title, row.targets, row.completed]), [[TASK.title, 4, 1]])
    ;(await client.visit('api.inspection_tasks.show', { id: task.id }).loginAs(await actor('guiyuan'))).assertStatus(404)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((difference) => difference.table === 'inspection_target_facts'), [])
    // a rebuild (bulk COPY from PostgreSQL) gives the same numbers
    await syncWarehouse()
    const rebuilt = await client.visit('api.inspection_stats.index').loginAs(head)
    assert.deepEqual(rebuilt.body().data.map(pick), stats.body().data.map(pick))
  })

  test('催办 by hand once a day (409 naming the last), and the job the working day before the deadline', async ({ client, assert }) => {
    const task = await publish(client, assert)
    const first = await post(client, 'head', `tasks/${task.id}/remind`, {})
    assert.equal(first.status(), 200, JSON.stringify(first.body()))
    // 园岭's incomplete estates: e1, e2, e3, e6; manager manages e1 and e3
    assert.include(first.body().data, { estates: 4, sent: 1, estatesWithoutManager: 2 })
    const messages = await db.from('messages').where({ recipient_id: USERS.manager.id, reason: `inspections.remind:${task.id}` })
    assert.lengthOf(messages, 1)
    const second = await post(client, 'head', `tasks/${task.id}/remind`, {})
    second.assertStatus(409)
    assert.include(second.body().errors[0].message, '已催办过')
    // another street's task view: 404; a community has no 催办
    ;(await post(client, 'nanyuan', `tasks/999999/remind`, {})).assertStatus(404)
    ;(await post(client, 'community', `tasks/${task.id}/remind`, {})).assertStatus(403)

    // the job: 2026-12-09 (Wednesday) is the working day before the 12-10 deadline
    at('2026-12-08T09:00:00')
    assert.deepEqual(await remindInspections(), { tasks: 0, sent: 0 })
    at('2026-12-09T09:00:00')
    const ran = await remindInspections()
    assert.deepEqual(ran, { tasks: 1, sent: 2 })
    assert.deepEqual(await remindInspections(), { tasks: 0, sent: 0 })
    const reminded = await db.from('messages').where({ reason: `inspections.remind:${task.id}`, kind: 'reminder' }).orderBy('recipient_id').select('recipient_id')
    assert.deepEqual(reminded.map((row) => row.recipient_id), [USERS.manager.id, USERS.nanyuanManager.id])
  })
})
