import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { at, evaluationOf, scores, workflowCounts } from '#tests/support/evaluations'
import { readSheet } from '#tests/support/excel'

async function submit(client: any, who: 'community' | 'handler' | 'head', estateId: number, body: Record<string, unknown> = {}, half = 1) {
  const row = await evaluationOf(estateId, 2026, half)
  return client.visit('api.evaluations.submit', { id: row.id })
    .json({ version: row.version, scores: scores(), ...body })
    .loginAs(await actor(who)).withCsrfToken()
}

async function review(client: any, who: 'community' | 'handler' | 'nanyuan', estateId: number, body: Record<string, unknown> = {}, half = 1) {
  const row = await evaluationOf(estateId, 2026, half)
  return client.visit('api.evaluations.review', { id: row.id })
    .json({ version: row.version, scores: scores(), opinion: '同意社区评分', ...body })
    .loginAs(await actor(who)).withCsrfToken()
}

test.group('街道社区评价 · the reviewed process end to end', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    return () => clock.reset()
  })

  test('opening a window gives every estate a pending evaluation and community staff a to-do', async ({ assert, client }) => {
    const result = await at('2026-06-01T00:00:00+08:00')
    assert.equal(result.opened, 6)
    const rows = await db.from('evaluations').where({ year: 2026, half: 1 }).orderBy('estate_id')
    assert.deepEqual(rows.map((r) => [r.estate_id, r.state, r.template_id]), [1, 2, 3, 4, 5, 6].map((id) => [id, 'pending', 1]))
    const todos = await db.from('todos').whereNull('closed_at').where('region_id', R.yl1).orderBy('subject_id')
    assert.lengthOf(todos, 2)
    assert.deepEqual(todos[0].roles, ['community_head', 'community_handler'])
    assert.equal(todos[0].title, '翠园小区 2026年上半年评价')
    assert.equal(new Date(todos[0].due_on).getDate(), 30)
    // the community handler's inbox shows exactly the estates of their community
    const inbox = await client.visit('api.todos.index').loginAs(await actor('community'))
    inbox.assertStatus(200)
    assert.sameMembers(inbox.body().data.map((t: any) => t.title), ['翠园小区 2026年上半年评价', '锦华苑 2026年上半年评价'])
    assert.equal(inbox.body().data[0].stepName, '待评价')
    // running the job again opens nothing twice
    assert.equal((await at('2026-06-02T09:00:00+08:00')).opened, 0)
    assert.equal(Number((await db.from('evaluations').count('* as n').first()).n), 6)
  })

  test('community submits, street handler re-scores and reviews: state, history, to-dos and outbox move together', async ({ assert, client }) => {
    await at('2026-06-15T10:00:00+08:00')
    const submitted = await submit(client, 'community', E.e1, { scores: scores({ service: 20, safety: 15 }), remark: '总体良好' })
    submitted.assertStatus(200)
    assert.deepInclude(submitted.body().data, { state: 'submitted', stateName: '待审核', submittedScore: 90, effectiveScore: null, version: 2 })
    assert.deepEqual(submitted.body().data.can, { submit: false, review: false })

    // the street handler's badge and inbox
    const counts = await client.visit('api.todos.counts').loginAs(await actor('handler'))
    assert.deepEqual(counts.body().data, { pending: 1, done: 0, byProcess: { evaluation: 1 } })
    const inbox = await client.visit('api.todos.index').loginAs(await actor('handler'))
    assert.deepInclude(inbox.body().data[0], { process: 'evaluation', step: 'submitted', stepName: '待审核', title: '翠园小区 2026年上半年评价审核', dueOn: '2026-06-30' })
    assert.isNumber(inbox.body().data[0].workingDaysLeft)

    const detail = await client.visit('api.evaluations.show', { id: submitted.body().data.id }).loginAs(await actor('handler'))
    assert.deepEqual(detail.body().data.can, { submit: false, review: true })
    assert.deepEqual(detail.body().data.submittedScores, scores({ service: 20, safety: 15 }))

    const reviewed = await review(client, 'handler', E.e1, { scores: scores({ service: 20, safety: 18 }), opinion: '安全管理整改到位，调整评分' })
    reviewed.assertStatus(200)
    const data = reviewed.body().data
    assert.deepInclude(data, { state: 'reviewed', stateName: '已审核', submittedScore: 90, effectiveScore: 93, reviewOpinion: '安全管理整改到位，调整评分', version: 3 })
    assert.deepEqual(data.history.map((h: any) => [h.action, h.actionName, h.fromState, h.toState, h.actor?.name ?? null]), [
      ['open', '开始评价', null, 'pending', null],
      ['submit', '提交审核', 'pending', 'submitted', '园岭一社区经办'],
      ['review', '审核', 'submitted', 'reviewed', '园岭经办人'],
    ])
    assert.equal(data.history[1].remark, '总体良好')
    assert.deepEqual(data.history[2].data.rescored, ['safety'])
    assert.equal(data.history[2].actor.roleName, '街道办经办人')

    // 待办 → 已办, for both people who acted
    const after = await client.visit('api.todos.counts').loginAs(await actor('handler'))
    assert.deepEqual(after.body().data, { pending: 0, done: 1, byProcess: {} })
    const done = await client.visit('api.todos.index').qs({ tab: 'done' }).loginAs(await actor('handler'))
    assert.deepInclude(done.body().data[0], { subjectId: data.id, closedByName: '园岭经办人', outcome: 'done', outcomeName: '已办理' })
    const communityDone = await client.visit('api.todos.index').qs({ tab: 'done' }).loginAs(await actor('community'))
    assert.equal(communityDone.body().data[0].title, '翠园小区 2026年上半年评价')

    // the database agrees, and the warehouse was told in the same transactions
    const row = await evaluationOf(E.e1)
    assert.equal(Number(row.final_score), 93)
    assert.equal(row.reviewed_by, USERS.handler.id)
    const outbox = await db.from('outbox_events').where({ topic: 'estate_evaluation', entity_id: row.id }).orderBy('id')
    assert.isAtLeast(outbox.length, 3)
  })

  test('window edges: both ends are inclusive, the day before and after are refused with the reason', async ({ assert, client }) => {
    await at('2026-05-31T23:59:00+08:00')
    assert.equal(Number((await db.from('evaluations').where({ year: 2026, half: 1 }).count('* as n').first()).n), 0)
    // open 2026 H1 early by hand to try the refusal
    await new EvaluationPeriodService().open({ year: 2026, half: 1 })
    const early = await submit(client, 'community', E.e1)
    early.assertStatus(422)
    assert.equal(early.body().errors[0].message, '2026年上半年评价尚未开始（评价时间为6月1日至6月30日）')

    clock.travelTo('2026-06-01T00:00:00+08:00')
    ;(await submit(client, 'community', E.e1)).assertStatus(200)
    clock.travelTo('2026-06-30T23:59:59+08:00')
    ;(await submit(client, 'community', E.e2)).assertStatus(200)
    ;(await review(client, 'handler', E.e1)).assertStatus(200)

    clock.travelTo('2026-07-01T00:00:00+08:00')
    const before = await workflowCounts()
    const late = await review(client, 'handler', E.e2)
    late.assertStatus(422)
    assert.equal(late.body().errors[0].message, '2026年上半年评价已于6月30日结束，未审核的物业项目按100分计')
    // the window is checked before anything else, so community staff get the same reason
    const lateSubmit = await submit(client, 'community', E.e2)
    lateSubmit.assertStatus(422)
    assert.equal(lateSubmit.body().errors[0].message, late.body().errors[0].message)
    assert.deepEqual(await workflowCounts(), before)
  })

  test('second-half window: 12月1日 and 12月30日 accepted, 11月30日 and 12月31日 refused', async ({ assert, client }) => {
    await at('2026-12-01T00:00:00+08:00')
    ;(await submit(client, 'community', E.e1, {}, 2)).assertStatus(200)
    clock.travelTo('2026-12-30T23:59:00+08:00')
    ;(await review(client, 'handler', E.e1, {}, 2)).assertStatus(200)
    ;(await submit(client, 'community', E.e2, {}, 2)).assertStatus(200)
    clock.travelTo('2026-12-31T00:00:00+08:00')
    const late = await review(client, 'handler', E.e2, {}, 2)
    late.assertStatus(422)
    assert.include(late.body().errors[0].message, '2026年下半年评价已于12月30日结束')
    clock.travelTo('2026-11-30T23:59:00+08:00')
    const early = await submit(client, 'community', E.e2, {}, 2)
    early.assertStatus(422)
    assert.include(early.body().errors[0].message, '2026年下半年评价尚未开始')
  })

  test('a double submit applies once: the second gets 409 and changes nothing', async ({ assert, client }) => {
    await at('2026-06-10T10:00:00+08:00')
    ;(await submit(client, 'community', E.e1)).assertStatus(200)
    const row = await evaluationOf(E.e1)
    const handler = await actor('handler')
    const send = () => client.visit('api.evaluations.review', { id: row.id })
      .json({ version: row.version, scores: scores({ service: 10 }), opinion: '同意' }).loginAs(handler).withCsrfToken()
    const [a, b] = await Promise.all([send(), send()])
    assert.sameMembers([a.status(), b.status()], [200, 409])
    const conflict = a.status() === 409 ? a : b
    assert.equal(conflict.body().errors[0].message, '该事项已被他人处理或修改，请刷新后重试')
    const reviews = await db.from('workflow_events').where({ subject_id: row.id, action: 'review' })
    assert.lengthOf(reviews, 1)
    // a stale page (old version) is refused the same way
    const before = await workflowCounts()
    const stale = await client.visit('api.evaluations.review', { id: row.id })
      .json({ version: row.version, scores: scores(), opinion: '再次提交' }).loginAs(handler).withCsrfToken()
    assert.oneOf(stale.status(), [409, 422])
    assert.deepEqual(await workflowCounts(), before)
  })

  test('bad input: every field problem at once, in Chinese, and nothing changes', async ({ assert, client }) => {
    await at('2026-06-10T10:00:00+08:00')
    ;(await submit(client, 'community', E.e1)).assertStatus(200)
    const before = await workflowCounts()
    const response = await review(client, 'handler', E.e1, { opinion: '  ', scores: { service: 26, safety: 10.25, bogus: 1 } })
    response.assertStatus(422)
    const errors = Object.fromEntries(response.body().errors.map((e: any) => [e.field, e.message]))
    assert.equal(errors.opinion, '请填写审核意见')
    assert.equal(errors['scores.service'], '「物业服务质量」的评分须在 0 到 25 之间')
    assert.equal(errors['scores.safety'], '「安全管理」的评分最多保留一位小数')
    assert.equal(errors['scores.bogus'], '评分项不存在')
    assert.equal(errors['scores.facilities'], '请为「设施设备维护」评分')
    const malformed = await client.visit('api.evaluations.review', { id: (await evaluationOf(E.e1)).id })
      .json({ version: 'x', scores: 'all good' }).loginAs(await actor('handler')).withCsrfToken()
    malformed.assertStatus(422)
    assert.includeMembers(malformed.body().errors.map((e: any) => e.field), ['version', 'scores'])
    assert.deepEqual(await workflowCounts(), before)
  })

  test('scope and roles: outside the region is 404, the wrong role is 403, nothing changes', async ({ assert, client }) => {
    await at('2026-06-10T10:00:00+08:00')
    const before = await workflowCounts()
    // 碧海花园 (e3) is in 园岭二社区: not the community handler's
    const e3 = await evaluationOf(E.e3)
    ;(await client.visit('api.evaluations.show', { id: e3.id }).loginAs(await actor('community'))).assertStatus(404)
    ;(await submit(client, 'community', E.e3)).assertStatus(404)
    // 南园's handler cannot see 园岭's evaluations
    ;(await client.visit('api.evaluations.show', { id: (await evaluationOf(E.e1)).id }).loginAs(await actor('nanyuan'))).assertStatus(404)
    // a street handler does not score, a street head does not hold the handler's review step
    const wrongRole = await submit(client, 'handler', E.e1)
    wrongRole.assertStatus(403)
    assert.equal(wrongRole.body().errors[0].message, '您没有权限执行「提交审核」')
    assert.deepEqual(await workflowCounts(), before)
    // lists are cut to the region
    const list = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1 }).loginAs(await actor('community'))
    assert.sameMembers(list.body().data.map((r: any) => r.estateName), ['翠园小区', '锦华苑'])
    ;(await client.visit('api.evaluations.index').qs({ region_id: R.ny1 }).loginAs(await actor('handler'))).assertStatus(404)
  })

  test('a half not reviewed in its window scores 100 — on read before the job, and after it', async ({ assert, client }) => {
    await at('2026-06-10T10:00:00+08:00')
    ;(await submit(client, 'community', E.e1, { scores: scores({ service: 5 }) })).assertStatus(200)
    ;(await review(client, 'handler', E.e1, { scores: scores({ service: 5 }) })).assertStatus(200)
    ;(await submit(client, 'community', E.e2, { scores: scores({ service: 10 }) })).assertStatus(200)

    // July 1st, the job has not run yet: reads already apply the rule
    clock.travelTo('2026-07-01T08:00:00+08:00')
    const list = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1, region_id: R.yl1 }).loginAs(await actor('handler'))
    const byName = Object.fromEntries(list.body().data.map((r: any) => [r.estateName, r]))
    assert.deepInclude(byName['翠园小区'], { state: 'reviewed', effectiveScore: 80 })
    assert.deepInclude(byName['锦华苑'], { state: 'auto_scored', stateName: '自动计分', effectiveScore: 100, submittedScore: 85 })
    assert.equal((await evaluationOf(E.e2)).state, 'submitted')
    const filtered = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1, state: 'auto_scored' }).loginAs(await actor('handler'))
    assert.sameMembers(filtered.body().data.map((r: any) => r.estateName), ['锦华苑', '碧海花园', '星河雅居'])
    // 已评价 = community staff scored it, whatever happened next
    const evaluated = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1, state: 'evaluated' }).loginAs(await actor('handler'))
    assert.sameMembers(evaluated.body().data.map((r: any) => r.estateName), ['翠园小区', '锦华苑'])

    // the job runs: same answers, now stored; to-dos expire; history says why
    const result = await new EvaluationPeriodService().sync()
    assert.equal(result.autoScored, 5)
    const e2 = await evaluationOf(E.e2)
    assert.deepInclude({ state: e2.state, final: Number(e2.final_score) }, { state: 'auto_scored', final: 100 })
    assert.equal((await evaluationOf(E.e1)).state, 'reviewed')
    const expired = await db.from('todos').where({ subject_id: e2.id }).orderBy('id')
    assert.deepEqual(expired.map((t) => [t.step, t.outcome, t.closed_by]), [['pending', 'done', USERS.community.id], ['submitted', 'expired', null]])
    const history = await client.visit('api.evaluations.show', { id: e2.id }).loginAs(await actor('handler'))
    assert.deepInclude(history.body().data.history.at(-1), { action: 'auto_score', actionName: '自动计分', actor: null, remark: '评价期结束未完成审核，按规定自动计100分' })
    assert.equal(history.body().data.reason, null)
    // idempotent
    assert.equal((await new EvaluationPeriodService().sync()).autoScored, 0)
    const again = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1, region_id: R.yl1 }).loginAs(await actor('handler'))
    assert.deepEqual(again.body().data.map((r: any) => r.effectiveScore), list.body().data.map((r: any) => r.effectiveScore))
  })

  test('the annual score is the mean of the two halves', async ({ assert, client }) => {
    await at('2026-06-10T10:00:00+08:00')
    ;(await submit(client, 'community', E.e1)).assertStatus(200)
    ;(await review(client, 'handler', E.e1, { scores: scores({ service: 15, facilities: 10 }) })).assertStatus(200) // 80
    await at('2026-12-05T10:00:00+08:00')
    const h2 = await client.visit('api.evaluations.index').qs({ year: 2026, half: 2, region_id: R.yl1 }).loginAs(await actor('handler'))
    const cuiyuan = h2.body().data.find((r: any) => r.estateName === '翠园小区')
    assert.deepInclude(cuiyuan, { state: 'pending', effectiveScore: null, annualScore: null })
    const detail = await client.visit('api.evaluations.show', { id: cuiyuan.id }).loginAs(await actor('handler'))
    assert.deepEqual(detail.body().data.otherHalf, { half: 1, state: 'reviewed', stateName: '已审核', effectiveScore: 80 })
    // second half never reviewed: 100 after 12月30日, annual (80 + 100) / 2
    await at('2026-12-31T09:00:00+08:00')
    const final = await client.visit('api.evaluations.index').qs({ year: 2026, half: 2, region_id: R.yl1 }).loginAs(await actor('handler'))
    assert.deepInclude(final.body().data.find((r: any) => r.estateName === '翠园小区'), { effectiveScore: 100, annualScore: 90 })
    const h1 = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1, region_id: R.yl1 }).loginAs(await actor('handler'))
    assert.deepInclude(h1.body().data.find((r: any) => r.estateName === '锦华苑'), { effectiveScore: 100, annualScore: 100 })
  })

  test('the history is immutable: the database refuses to change or delete a step', async ({ assert }) => {
    await at('2026-06-10T10:00:00+08:00')
    const step = await db.from('workflow_events').orderBy('id').firstOrFail()
    // the application's role may only insert and read the history (migration 0014) …
    await assert.rejects(() => db.from('workflow_events').where('id', step.id).update({ remark: '篡改' }), /permission denied for table workflow_events/)
    await assert.rejects(() => db.from('workflow_events').where('id', step.id).delete(), /permission denied for table workflow_events/)
    // … and the trigger stops even the owner
    const owner = db.connection('owner')
    await assert.rejects(() => owner.from('workflow_events').where('id', step.id).update({ remark: '篡改' }), /append-only/)
    await assert.rejects(() => owner.from('workflow_events').where('id', step.id).delete(), /append-only/)
    assert.isNull((await db.from('workflow_events').where('id', step.id).firstOrFail()).remark)
  })

  test('periods: the current window and the default one', async ({ assert, client }) => {
    clock.travelTo('2026-11-28T10:00:00+08:00')
    const response = await client.visit('api.evaluations.periods').loginAs(await actor('handler'))
    response.assertStatus(200)
    assert.equal(response.body().meta.today, '2026-11-28')
    assert.isNull(response.body().meta.current)
    assert.deepInclude(response.body().meta.default, { year: 2026, half: 1, label: '2026年上半年', isOpen: false, isClosed: true })
    assert.deepEqual(response.body().data.slice(0, 3).map((p: any) => p.label), ['2026年上半年', '2025年下半年', '2025年上半年'])
    clock.travelTo('2026-12-01T08:00:00+08:00')
    const open = await client.visit('api.evaluations.periods').loginAs(await actor('handler'))
    assert.deepInclude(open.body().meta.current, { year: 2026, half: 2, isOpen: true, opensOn: '2026-12-01', closesOn: '2026-12-30' })
  })

  test('the evaluation list and the inbox export to Excel with the same filters', async ({ assert, client }) => {
    await at('2026-06-10T10:00:00+08:00')
    ;(await submit(client, 'community', E.e1)).assertStatus(200)
    const response = await client.visit('api.evaluations.export').qs({ year: 2026, half: 1, state: 'submitted' }).loginAs(await actor('handler'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.equal(sheet.rows[0][0], '物业项目')
    assert.deepEqual(sheet.rows.slice(1).map((r) => [r[0], r[4], r[5]]), [['翠园小区', '待审核', 100]])
    const todos = await client.visit('api.todos.export').loginAs(await actor('handler'))
    todos.assertStatus(200)
    const inbox = await readSheet(todos.body())
    assert.equal(inbox.rows[1][1], '翠园小区 2026年上半年评价审核')
    ;(await client.visit('api.evaluations.export').qs({ region_id: R.gy1 }).loginAs(await actor('handler'))).assertStatus(404)
  })
})
