import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { seedTender, signedEvent } from '#tests/support/tenders'
import { signBody } from '#modules/tenders/bidding_signature'
import clock from '#services/clock'
import env from '#start/env'
import { replayFiling, startBiddingStub } from '../../stubs/bidding_stub.ts'
import { DEV_BIDDING_SECRET } from '#modules/tenders/bidding_signature'

const at = (moment: string) => clock.travelTo(`${moment}+08:00`)
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])

const countEvents = async (tenderId: number) => Number((await db.from('tender_progress_events').where('tender_id', tenderId).count('* as n'))[0].n)

test.group('招标投标进度 · the bidding platform\'s signed stages', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    at('2026-11-02T10:00:00')
    return () => clock.reset()
  })

  test('a good signature is accepted (201) and the stage shows; a replayed event id answers 200 and counts once', async ({ client, assert }) => {
    const tender = await seedTender()
    const event = { event_id: 'ev-1', filing_no: tender.filingNo, stage: 'announcement', occurred_at: '2026-11-02T09:00:00+08:00', note: '公告已发布' }
    const first = await signedEvent(client, event)
    first.assertStatus(201)
    assert.deepInclude(first.body().data, { eventId: 'ev-1', filingNo: tender.filingNo, stage: 'announcement', stageName: '发布公告', late: false, duplicate: false })

    // the same event again (the platform retrying, or a captured request replayed inside the window)
    const replay = await signedEvent(client, event)
    replay.assertStatus(200)
    assert.isTrue(replay.body().data.duplicate)
    at('2026-11-02T10:03:00')
    ;(await signedEvent(client, event)).assertStatus(200)
    assert.equal(await countEvents(tender.id), 1)

    const row = await db.from('tender_progress_events').where('event_id', 'ev-1').first()
    assert.include(row, { stage: 'announcement', stage_order: 1, late: false, note: '公告已发布' })
    assert.deepEqual(row.payload, event)
  })

  test('bad signature, wrong secret, missing headers, tampered body and timestamp skew are 401 and store nothing', async ({ client, assert }) => {
    const tender = await seedTender()
    const event = { event_id: 'ev-x', filing_no: tender.filingNo, stage: 'announcement', occurred_at: '2026-11-02T09:00:00+08:00' }
    const now = Math.floor(clock.now().toMillis() / 1000)
    const cases: [string, any, string][] = [
      ['wrong secret', await signedEvent(client, event, { secret: 'not-the-secret' }), '签名校验失败'],
      ['garbage signature', await signedEvent(client, event, { signature: 'sha256=00' }), '签名校验失败'],
      ['tampered body', await signedEvent(client, event, { signature: signBody('szpm-dev-bidding-secret', now, JSON.stringify({ ...event, stage: 'award' })) }), '签名校验失败'],
      ['5 min 1 s old', await signedEvent(client, event, { timestamp: now - 301 }), '请求时间戳超出允许范围，请校准时钟后重试'],
      ['5 min 1 s ahead', await signedEvent(client, event, { timestamp: now + 301 }), '请求时间戳超出允许范围，请校准时钟后重试'],
      ['no headers', await client.post('/api/v1/integrations/bidding/events').json(event), '缺少签名或时间戳'],
    ]
    for (const [name, response, message] of cases) {
      assert.equal(response.status(), 401, name)
      assert.equal(response.body().errors[0].message, message, name)
    }
    assert.equal(await countEvents(tender.id), 0)
    // inside the window either way is fine
    ;(await signedEvent(client, event, { timestamp: now - 299 })).assertStatus(201)
    ;(await signedEvent(client, { ...event, event_id: 'ev-y', stage: 'registration' }, { timestamp: now + 299 })).assertStatus(201)
    assert.equal(await countEvents(tender.id), 2)
  })

  test('bad body 422 (field-level, Chinese), unknown filing 404, a filing not yet approved 422 — nothing stored', async ({ client, assert }) => {
    const tender = await seedTender()
    const open = await seedTender({ state: 'final_review', title: '审核中的招标' })
    const bad = await signedEvent(client, { event_id: 'ev 1', filing_no: 'nope', stage: 'signing', occurred_at: '2026-11-02 09:00' })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['event_id', 'filing_no', 'stage', 'occurred_at'])
    assert.match(bad.body().errors.find((error: any) => error.field === 'occurred_at').message, /ISO 8601/)
    const invalidDate = await signedEvent(client, { event_id: 'ev-d', filing_no: tender.filingNo, stage: 'announcement', occurred_at: '2026-02-31T09:00:00+08:00' })
    invalidDate.assertStatus(422)
    const nul = await signedEvent(client, { event_id: 'ev-n', filing_no: tender.filingNo, stage: 'announcement', occurred_at: '2026-11-02T09:00:00+08:00', note: 'a\u0000b' })
    assert.isBelow(nul.status(), 500)
    assert.notEqual(nul.status(), 201)

    ;(await signedEvent(client, { event_id: 'ev-u', filing_no: 'ZBBA-2026-999999', stage: 'announcement', occurred_at: '2026-11-02T09:00:00+08:00' })).assertStatus(404)
    const notApproved = await signedEvent(client, { event_id: 'ev-o', filing_no: open.filingNo, stage: 'announcement', occurred_at: '2026-11-02T09:00:00+08:00' })
    notApproved.assertStatus(422)
    assert.equal(notApproved.body().errors[0].field, 'filing_no')
    assert.equal(Number((await db.from('tender_progress_events').count('* as n'))[0].n), 0)
  })

  test('order: a skipped stage is fine, a late earlier stage is kept as 补报 without moving the current stage, a repeated stage 409, times must fit 422', async ({ client, assert }) => {
    const tender = await seedTender()
    const send = (event_id: string, stage: string, occurred_at: string) => signedEvent(client, { event_id, filing_no: tender.filingNo, stage, occurred_at: `${occurred_at}+08:00` })
    ;(await send('e1', 'announcement', '2026-10-20T09:00:00')).assertStatus(201)
    // 报名 skipped (the platform reports 开标 first; 报名 comes late)
    ;(await send('e3', 'opening', '2026-10-30T09:30:00')).assertStatus(201)
    const late = await send('e2', 'registration', '2026-10-25T17:00:00')
    late.assertStatus(201)
    assert.isTrue(late.body().data.late)

    const repeated = await send('e3b', 'opening', '2026-10-30T10:00:00')
    repeated.assertStatus(409)
    assert.equal(repeated.body().errors[0].message, '「开标」已报告过，不能重复报告')
    const reused = await send('e3', 'award', '2026-10-31T10:00:00')
    reused.assertStatus(409)
    assert.equal(reused.body().errors[0].message, '该事件编号已用于其他备案或阶段')
    const tooEarly = await send('e4', 'evaluation', '2026-10-29T09:00:00')
    tooEarly.assertStatus(422)
    assert.deepInclude(tooEarly.body().errors[0], { field: 'occurred_at', message: '「评标」的时间不能早于「开标」' })
    assert.equal(await countEvents(tender.id), 3)

    const detail = await client.get(`/api/v1/tenders/${tender.id}/progress`).loginAs(await actor('handler'))
    detail.assertStatus(200)
    assert.equal(detail.body().data.currentStage, 'opening')
    assert.equal(detail.body().data.currentStageName, '开标')
    assert.deepEqual(detail.body().data.stages.map((stage: any) => [stage.stageName, stage.late]), [['发布公告', false], ['报名', true], ['开标', false]])
  })
})

test.group('招标投标进度 · the bidding platform stub', (group) => {
  group.each.setup(async () => {
    await resetWorld()
  })

  test('the stub moves approved filings one stage per step, signed; replaying one filing sends the rest and repeats nothing', async ({ assert }) => {
    const tender = await seedTender()
    const platformUrl = `http://${env.get('HOST')}:${env.get('PORT')}`
    const stub = await startBiddingStub({ platformUrl, secret: DEV_BIDDING_SECRET, approvedFilings: async () => [tender.filingNo], stepSeconds: 0 })
    try {
      assert.deepEqual((await stub.tick()).map((event) => [event.stage, event.status]), [['announcement', 201]])
      assert.deepEqual((await stub.tick()).map((event) => [event.stage, event.status]), [['registration', 201]])
      const replayed = await replayFiling({ platformUrl, secret: DEV_BIDDING_SECRET, filingNo: tender.filingNo })
      assert.deepEqual(replayed.map((event) => event.status), [200, 200, 201, 201, 201, 201])
      assert.deepEqual(
        (await db.from('tender_progress_events').where('tender_id', tender.id).orderBy('stage_order')).map((row) => row.stage),
        ['announcement', 'registration', 'opening', 'evaluation', 'award', 'publicity'],
      )
      // signed with another secret, the platform refuses it
      const wrong = await replayFiling({ platformUrl, secret: 'wrong', filingNo: tender.filingNo })
      assert.deepEqual(wrong.map((event) => event.status), [401])
    } finally {
      await stub.close()
    }
  })
})

test.group('澄清与补遗 and 招标投标进度查询', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    at('2026-11-02T10:00:00')
    return () => clock.reset()
  })

  async function upload(client: any, who: 'director' | 'handler') {
    const response = await client.post('/api/v1/tenders/attachments').file('file', PDF, { filename: '补遗文件.pdf' }).withCsrfToken().loginAs(await actor(who))
    response.assertStatus(201)
    return response.body().data.token as string
  }
  const clarify = async (client: any, who: any, id: number, body: Record<string, unknown>) =>
    client.post(`/api/v1/tenders/${id}/clarifications`).json(body).withCsrfToken().loginAs(await actor(who))

  test('the tenderer publishes: the director for the committee, the street handler for a developer; sanitised; files; shown on the detail and in the list', async ({ client, assert }) => {
    const committee = await seedTender()
    const token = await upload(client, 'director')
    const published = await clarify(client, 'director', committee.id, {
      kind: 'addendum', title: '关于服务期限的补遗', content: '<p>服务期限调整为三年</p><script>alert(1)</script><img src="x" onerror="alert(1)">', attachments: [token],
    })
    published.assertStatus(201)
    const item = published.body().data.clarifications[0]
    assert.include(item, { kind: 'addendum', kindName: '补遗', title: '关于服务期限的补遗', content: '<p>服务期限调整为三年</p>', publishedBy: '翠园业委会主任（业委会主任）' })
    assert.lengthOf(item.attachments, 1)
    assert.isTrue(published.body().data.canClarify)

    // the same upload cannot be claimed twice
    const again = await clarify(client, 'director', committee.id, { kind: 'clarification', title: '再次使用附件', content: '<p>x</p>', attachments: [token] })
    again.assertStatus(422)
    assert.equal(again.body().errors[0].field, 'attachments')

    // the street reads it and downloads the file (audited); another street cannot
    const seen = await client.get(`/api/v1/tenders/${committee.id}/progress`).loginAs(await actor('head'))
    assert.deepEqual(seen.body().data.clarifications.map((row: any) => row.title), ['关于服务期限的补遗'])
    assert.isFalse(seen.body().data.canClarify)
    const file = await client.get(`/api/v1/tenders/${committee.id}/clarification-files/${item.attachments[0].id}`).loginAs(await actor('handler'))
    file.assertStatus(200)
    ;(await client.get(`/api/v1/tenders/${committee.id}/clarification-files/${item.attachments[0].id}`).loginAs(await actor('nanyuan'))).assertStatus(404)

    const developer = await seedTender({ kind: 'developer', title: '前期物业管理招标' })
    ;(await clarify(client, 'handler', developer.id, { kind: 'clarification', title: '答疑澄清', content: '<p>现场踏勘时间另行通知</p>' })).assertStatus(201)

    const list = await client.get('/api/v1/tender-progress').loginAs(await actor('handler'))
    list.assertStatus(200)
    const rows = list.body().data
    assert.deepEqual(rows.map((row: any) => [row.filingNo, row.clarifications.map((c: any) => `${c.kindName}:${c.title}`)]).sort(), [
      [committee.filingNo, ['补遗:关于服务期限的补遗']], [developer.filingNo, ['澄清:答疑澄清']],
    ].sort())
  })

  test('refusals change nothing: wrong role 403, not approved 422, after 定标 422, empty content 422, bad fields 422, other scope 404', async ({ client, assert }) => {
    const committee = await seedTender()
    const developer = await seedTender({ kind: 'developer' })
    const reviewing = await seedTender({ state: 'first_review' })
    const body = { kind: 'clarification', title: '答疑澄清', content: '<p>内容</p>' }
    const cases: [any, number, Record<string, unknown>, number, string][] = [
      ['handler', committee.id, body, 403, '澄清与补遗由招标人（业主委员会）发布'],
      ['head', developer.id, body, 403, '建设单位的澄清与补遗由街道办经办人代为发布'],
      ['director', reviewing.id, body, 422, '招标文件终审同意（已备案）后才能发布澄清与补遗'],
      ['director', committee.id, { ...body, content: '<script>x</script>' }, 422, '请填写澄清或补遗的内容'],
      ['nanyuan', developer.id, body, 404, '记录不存在'],
      ['city', committee.id, body, 403, ''],
    ]
    for (const [who, id, input, status, message] of cases) {
      const response = await clarify(client, who, id, input)
      assert.equal(response.status(), status, `${who} ${id}`)
      if (message) assert.equal(response.body().errors[0].message, message, `${who} ${id}`)
    }
    const bad = await clarify(client, 'director', committee.id, { kind: 'memo', title: 'x' })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['kind', 'title', 'content'])

    // 定标 reported: no more clarifications
    ;(await signedEvent(client, { event_id: 'award-1', filing_no: committee.filingNo, stage: 'award', occurred_at: '2026-11-02T09:00:00+08:00' })).assertStatus(201)
    const afterAward = await clarify(client, 'director', committee.id, body)
    afterAward.assertStatus(422)
    assert.equal(afterAward.body().errors[0].message, '招标平台已报告定标，不能再发布澄清与补遗')
    assert.equal(Number((await db.from('tender_clarifications').count('* as n'))[0].n), 0)
  })

  test('进度查询: scope, the stage filter (including 未开始), the keyword, the export', async ({ client, assert }) => {
    const own = await seedTender({ title: '园岭招标甲' })
    const ownDeveloper = await seedTender({ kind: 'developer', title: '园岭前期招标' })
    const sibling = await seedTender({ estate: E.e4, kind: 'developer', title: '南园招标' })
    await seedTender({ state: 'final_review', title: '未备案的招标' })
    for (const [id, tender, stage] of [['a1', own, 'announcement'], ['a2', own, 'registration'], ['b1', sibling, 'announcement']] as const) {
      ;(await signedEvent(client, { event_id: id, filing_no: tender.filingNo, stage, occurred_at: '2026-11-01T09:00:00+08:00' })).assertStatus(201)
    }
    const numbers = async (who: any, qs: Record<string, string> = {}) => {
      const response = await client.get('/api/v1/tender-progress').qs(qs).loginAs(await actor(who))
      response.assertStatus(200)
      return response.body().data.map((row: any) => `${row.filingNo}:${row.currentStageName}`).sort()
    }
    assert.deepEqual(await numbers('handler'), [`${own.filingNo}:报名`, `${ownDeveloper.filingNo}:未开始`].sort())
    assert.deepEqual(await numbers('futian'), [`${own.filingNo}:报名`, `${ownDeveloper.filingNo}:未开始`, `${sibling.filingNo}:发布公告`].sort())
    assert.deepEqual(await numbers('guiyuan'), [])
    // the director sees their committee's filings only
    assert.deepEqual(await numbers('director'), [`${own.filingNo}:报名`])
    assert.deepEqual(await numbers('futian', { stage: 'none' }), [`${ownDeveloper.filingNo}:未开始`])
    assert.deepEqual(await numbers('futian', { stage: 'announcement' }), [`${sibling.filingNo}:发布公告`])
    assert.deepEqual(await numbers('futian', { q: '前期' }), [`${ownDeveloper.filingNo}:未开始`])
    ;(await client.get('/api/v1/tender-progress').qs({ stage: 'signing' }).loginAs(await actor('handler'))).assertStatus(422)
    ;(await client.get(`/api/v1/tenders/${sibling.id}/progress`).loginAs(await actor('handler'))).assertStatus(404)

    const exported = await client.get('/api/v1/tender-progress/export').loginAs(await actor('handler'))
    exported.assertStatus(200)
    const sheet = (await readSheet(exported.body())).rows as any[][]
    assert.deepEqual(sheet[0].slice(0, 3), ['备案编号', '所属街道', '所属社区'])
    const ownRow = sheet.find((row) => row[0] === own.filingNo)!
    assert.equal(ownRow[7], '报名')
    assert.equal(ownRow[8], '发布公告 → 报名')
    assert.lengthOf(sheet, 3)
  })
})
