import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { resetCalendar } from '#tests/support/calendar'
import { readSheet } from '#tests/support/excel'
import { pdfText } from '#tests/support/pdf_text'
import clock from '#services/clock'
import { remindTenders } from '#modules/tenders/remind_tenders'
import { receiptContent, receiptDigest } from '#modules/tenders/tender_receipt'

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])

/** moves the platform clock to a Shenzhen wall-clock time */
const at = (moment: string) => clock.travelTo(`${moment}+08:00`)

const FIELDS = {
  tenderer_name: '翠园小区业主委员会',
  title: '翠园小区物业服务企业选聘',
  tender_method: 'public',
  resolution: '翠园业主大会〔2026〕1号决议',
  service_scope: '共用部位、共用设施设备的维修养护，保洁、绿化、秩序维护',
  contact_name: '李主任',
  contact_phone: '13800000003',
}

/** the tender's row, its round rows, its open to-dos and its history actions */
async function stateOf(id: number) {
  const tender = await db.from('tenders').where('id', id).first()
  const rounds = await db.from('tender_rounds').where('tender_id', id).orderBy('round').select('round', 'decision')
  const todos = await db.from('todos').where({ process: 'tender', subject_id: id }).whereNull('closed_at').orderBy('id').select('step', 'region_id', 'roles', 'feature')
  const history = (await db.from('workflow_events').where({ process: 'tender', subject_id: id }).orderBy('id').select('action')).map((row) => row.action)
  return { state: tender?.state, version: tender?.version, round: tender?.round, rounds, todos, history }
}

test.group('招标文件备案 · filing and the two-level review', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    at('2026-09-24T09:00:00')
    return () => clock.reset()
  })

  async function upload(client: any, who: WorldUser, content = PDF, name = '物业服务招标文件.pdf') {
    return client.post('/api/v1/tenders/attachments').file('file', content, { filename: name }).withCsrfToken().loginAs(await actor(who))
  }

  async function submit(client: any, assert: any, who: WorldUser = 'director', extra: Record<string, unknown> = {}) {
    const file = await upload(client, who)
    assert.equal(file.status(), 201, JSON.stringify(file.body()))
    const response = await client.post('/api/v1/tenders').json({ estate_id: E.e1, tenderer_kind: 'committee', ...FIELDS, attachments: [file.body().data.token], ...extra })
      .withCsrfToken().loginAs(await actor(who))
    assert.equal(response.status(), 201, JSON.stringify(response.body()))
    return response.body().data
  }

  const post = async (client: any, who: WorldUser, path: string, body: Record<string, unknown>) =>
    client.post(`/api/v1/tenders/${path}`).json(body).withCsrfToken().loginAs(await actor(who))

  test('the director files; 初审 拟同意, 终审 同意: history, to-dos and the round at every step', async ({ client, assert }) => {
    const filed = await submit(client, assert)
    assert.match(filed.filingNo, /^ZBBA-2026-\d{6}$/)
    assert.include(filed, { state: 'first_review', stateName: '待初审', round: 1, tendererKind: 'committee', estateName: '翠园小区', contactPhone: '138****0003' })
    assert.include(filed.reviewReminder, '业主大会表决通过')
    assert.lengthOf(filed.attachments, 1)
    assert.deepEqual(filed.sla, { workingDays: 0, bucket: 'normal', bucketName: '正常办理', missingYear: null })
    let now = await stateOf(filed.id)
    assert.deepEqual(now.todos, [{ step: 'first_review', region_id: R.yuanling, roles: ['street_handler'], feature: 'tenders.handle' }])
    assert.deepEqual(now.history, ['submit'])

    // the handler sees it in the inbox
    const inbox = await client.get('/api/v1/todos').loginAs(await actor('handler'))
    assert.deepEqual(inbox.body().data.map((row: any) => [row.process, row.subjectId, row.stepName]), [['tender', filed.id, '待初审']])

    at('2026-09-25T10:00:00')
    const first = await post(client, 'handler', `${filed.id}/first-review`, { opinion: 'agree', version: filed.version })
    first.assertStatus(200)
    assert.include(first.body().data, { state: 'final_review', version: filed.version + 1 })
    now = await stateOf(filed.id)
    assert.deepEqual(now.todos, [{ step: 'final_review', region_id: R.yuanling, roles: ['street_head'], feature: 'tenders.approve' }])
    assert.equal(await db.from('todos').where({ process: 'tender', subject_id: filed.id, step: 'first_review' }).whereNotNull('closed_at').where('closed_by', USERS.handler.id).count('* as n').then((r) => Number(r[0].n)), 1)

    at('2026-10-10T15:00:00')
    const final = await post(client, 'head', `${filed.id}/final-review`, { decision: 'approve', remark: '同意备案', version: filed.version + 1 })
    final.assertStatus(200)
    const body = final.body().data
    assert.include(body, { state: 'approved', stateName: '已备案' })
    // 9/24 → 10/10: (中秋 9/25 and the weekend off) 9/28, 9/29, 9/30, (国庆 10/1–7 off), 10/8, 10/9, 10/10 (调休 Saturday) = 6
    assert.deepEqual(body.sla, { workingDays: 6, bucket: 'overdue', bucketName: '已超期', missingYear: null })
    assert.deepEqual(body.history.map((entry: any) => [entry.actionName, entry.actor.name, entry.remark]), [
      ['提交备案', '翠园业委会主任', null], ['初审：拟同意', '园岭经办人', null], ['终审：同意', '园岭负责人', '同意备案'],
    ])
    now = await stateOf(filed.id)
    assert.deepEqual(now.todos, [])
    assert.deepEqual(now.rounds, [{ round: 1, decision: 'approved' }])
    assert.deepEqual(body.can, { resubmit: false, firstReview: false, finalReview: false })
  })

  test('打印备案回执: only for an approved filing; the same content (digest) whenever it is printed; fonts and QR embedded', async ({ client, assert }) => {
    const filed = await submit(client, assert)
    const early = await client.get(`/api/v1/tenders/${filed.id}/receipt`).loginAs(await actor('director'))
    early.assertStatus(422)
    assert.equal(early.body().errors[0].message, '仅终审同意（已备案）的招标文件可打印备案回执')
    ;(await post(client, 'handler', `${filed.id}/first-review`, { opinion: 'agree', remark: '与表决一致', version: 1 })).assertStatus(200)
    at('2026-09-28T16:00:00')
    ;(await post(client, 'head', `${filed.id}/final-review`, { decision: 'approve', remark: '同意', version: 2 })).assertStatus(200)

    const print = async (who: WorldUser) => {
      const response = await client.get(`/api/v1/tenders/${filed.id}/receipt`).loginAs(await actor(who))
      response.assertStatus(200)
      assert.equal(response.header('content-type'), 'application/pdf')
      const pdf = response.body() as Buffer
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
      // the CJK font is embedded (a subset) and the QR code is an image
      assert.include(pdf.toString('latin1'), '/FontFile3')
      assert.include(pdf.toString('latin1'), '+NotoSansCJKsc-Regular')
      assert.include(pdf.toString('latin1'), '/Subtype /Image')
      return { digest: response.header('x-receipt-digest'), pdf }
    }
    const first = await print('director')
    at('2027-03-01T09:30:00')
    const second = await print('head')
    assert.match(first.digest, /^[0-9a-f]{16}$/)
    assert.equal(second.digest, first.digest)
    // the digest is the one of the record's content, which names the filing, the estate, both reviewers and the decision
    const detail = (await client.get(`/api/v1/tenders/${filed.id}`).loginAs(await actor('head'))).body().data
    const content = receiptContent(detail)
    assert.equal(receiptDigest(content), first.digest)
    assert.include(content, { filingNo: filed.filingNo, estate: '翠园小区', tenderer: '翠园小区业主委员会（业主委员会）', approvedOn: '2026-09-28', rounds: 1 })
    assert.include(content.firstReview, '园岭经办人')
    assert.include(content.firstReview, '拟同意：与表决一致')
    assert.include(content.finalReview, '园岭负责人')
    assert.match(content.verifyUrl, new RegExp(`/tenders/${filed.id}$`))
    // on top of the digest: the text read back from the PDF itself (PDF.js), what a reader's copy or search sees
    const text = (await pdfText(first.pdf)).join('\n')
    for (const expected of ['招标文件备案回执', `备案编号：${filed.filingNo}`, content.estate, content.tenderer, content.firstReview, content.finalReview, content.approvedOn, '经审核，上述招标文件已予备案。', `校验码：${first.digest}`]) {
      assert.include(text, expected)
    }
    // audited as an export; the sibling street cannot print it
    assert.equal(await db.from('audit_logs').where({ action: 'export', route: 'api.tender_receipts.download', outcome: 'success' }).count('* as n').then((r) => Number(r[0].n)), 2)
    ;(await client.get(`/api/v1/tenders/${filed.id}/receipt`).loginAs(await actor('nanyuan'))).assertStatus(404)
  })

  test('不同意 returns it to the director (a new round on resubmission); 返回上一级 to the handler in the same round', async ({ client, assert }) => {
    const filed = await submit(client, assert)
    // 拟不同意 needs a remark
    const bare = await post(client, 'handler', `${filed.id}/first-review`, { opinion: 'disagree', version: 1 })
    bare.assertStatus(422)
    assert.deepEqual(bare.body().errors, [{ field: 'remark', message: '请填写初审意见', rule: 'required' }])
    assert.equal((await stateOf(filed.id)).version, 1)

    ;(await post(client, 'handler', `${filed.id}/first-review`, { opinion: 'disagree', remark: '招标范围与表决不一致', version: 1 })).assertStatus(200)
    // 返回上一级 needs a remark, and goes back to 初审 within the round
    const noRemark = await post(client, 'head', `${filed.id}/final-review`, { decision: 'return', version: 2 })
    noRemark.assertStatus(422)
    assert.equal(noRemark.body().errors[0].message, '请填写终审意见')
    ;(await post(client, 'head', `${filed.id}/final-review`, { decision: 'return', remark: '请重新核对', version: 2 })).assertStatus(200)
    let now = await stateOf(filed.id)
    assert.include(now, { state: 'first_review', round: 1 })
    assert.deepEqual(now.todos.map((t) => t.step), ['first_review'])
    assert.deepEqual(now.rounds, [{ round: 1, decision: null }])

    ;(await post(client, 'handler', `${filed.id}/first-review`, { opinion: 'disagree', remark: '仍不一致', version: 3 })).assertStatus(200)
    at('2026-09-28T11:00:00')
    const rejected = await post(client, 'head', `${filed.id}/final-review`, { decision: 'reject', remark: '招标文件与业主大会决议不符', version: 4 })
    rejected.assertStatus(200)
    now = await stateOf(filed.id)
    assert.include(now, { state: 'rejected', round: 1 })
    assert.deepEqual(now.rounds, [{ round: 1, decision: 'rejected' }])
    // the director's to-do, in the estate's community
    assert.deepEqual(now.todos, [{ step: 'rejected', region_id: R.yl1, roles: ['committee_director'], feature: 'estates.own' }])
    // 9/25 is 中秋: 9/28 is the round's first working day
    assert.equal(rejected.body().data.sla.workingDays, 1)
    // the director's inbox holds it; the estate's project manager does not, nor a director no longer bound to e1
    const inboxOf = async (who: WorldUser) =>
      (await client.visit('api.todos.index').loginAs(await actor(who))).body().data.map((t: any) => [t.process, t.subjectId, t.step])
    assert.deepInclude(await inboxOf('director'), ['tender', filed.id, 'rejected'])
    assert.notDeepInclude(await inboxOf('manager'), ['tender', filed.id, 'rejected'])
    await db.from('user_estates').where({ user_id: USERS.director.id, estate_id: E.e1 }).update({ estate_id: E.e3 })
    assert.notDeepInclude(await inboxOf('director'), ['tender', filed.id, 'rejected'])
    await db.from('user_estates').where({ user_id: USERS.director.id, estate_id: E.e3 }).update({ estate_id: E.e1 })

    // the director amends and resubmits: round 2 with its own clock and files
    at('2026-10-12T09:00:00')
    const detail = await client.get(`/api/v1/tenders/${filed.id}`).loginAs(await actor('director'))
    assert.deepEqual(detail.body().data.can, { resubmit: true, firstReview: false, finalReview: false })
    const file = await upload(client, 'director', PNG, '修改后的招标文件.png')
    const again = await post(client, 'director', `${filed.id}/resubmit`, { ...FIELDS, title: '翠园小区物业服务企业选聘（修改稿）', attachments: [file.body().data.token], version: 5 })
    again.assertStatus(200)
    const body = again.body().data
    assert.include(body, { state: 'first_review', round: 2, title: '翠园小区物业服务企业选聘（修改稿）' })
    assert.deepEqual(body.sla.workingDays, 0)
    assert.deepEqual(body.attachments.map((a: any) => [a.round, a.fileName]), [[1, '物业服务招标文件.pdf'], [2, '修改后的招标文件.png']])
    assert.deepEqual(body.rounds.map((r: any) => [r.round, r.decision, r.sla.workingDays]), [[1, 'rejected', 1], [2, null, 0]])
    now = await stateOf(filed.id)
    assert.deepEqual(now.history, ['submit', 'propose_reject', 'send_back', 'propose_reject', 'reject', 'resubmit'])
    assert.deepEqual(now.todos.map((t) => t.step), ['first_review'])
  })

  test('refused transitions change nothing: wrong role 403, wrong state 422, stale version 409, missing field 422', async ({ client, assert }) => {
    const filed = await submit(client, assert)
    const before = await stateOf(filed.id)
    const cases: [WorldUser, string, Record<string, unknown>, number, string][] = [
      // the head holds tenders.handle but 初审 is the handler's
      ['head', 'first-review', { opinion: 'agree', version: 1 }, 403, '您没有权限执行「初审：拟同意」'],
      // the handler lacks 终审's feature: the route guard
      ['handler', 'final-review', { decision: 'approve', version: 1 }, 403, ''],
      // the state does not allow 终审 yet
      ['head', 'final-review', { decision: 'approve', version: 1 }, 422, '当前状态为「待初审」，不能执行「终审：同意」'],
      // resubmit only after 不同意
      ['director', 'resubmit', { ...FIELDS, version: 1 }, 422, '当前状态为「待初审」，不能执行「修改后重新提交」'],
      // a stale page
      ['handler', 'first-review', { opinion: 'agree', version: 7 }, 409, '该事项已被他人处理或修改，请刷新后重试'],
      // bad input
      ['handler', 'first-review', { opinion: 'maybe', version: 1 }, 422, '初审意见的取值无效'],
      ['director', 'first-review', { opinion: 'agree', version: 1 }, 403, ''],
    ]
    for (const [who, path, body, status, message] of cases) {
      const response = await post(client, who, `${filed.id}/${path}`, body)
      assert.equal(response.status(), status, `${who} ${path} ${JSON.stringify(response.body())}`)
      if (message) assert.equal(response.body().errors[0].message, message)
    }
    assert.deepEqual(await stateOf(filed.id), before)

    // a sibling street's handler and head cannot see it at all
    const foreign = await post(client, 'nanyuan', `${filed.id}/first-review`, { opinion: 'agree', version: 1 })
    foreign.assertStatus(404)
    ;(await client.get(`/api/v1/tenders/${filed.id}`).loginAs(await actor('nanyuan'))).assertStatus(404)
    ;(await client.get(`/api/v1/tenders/${filed.id}`).loginAs(await actor('manager'))).assertStatus(404)

    // the double submit: the second 拟同意 with the same version is a 409, and only one step is recorded
    const [a, b] = await Promise.all([
      post(client, 'handler', `${filed.id}/first-review`, { opinion: 'agree', version: 1 }),
      post(client, 'handler', `${filed.id}/first-review`, { opinion: 'agree', version: 1 }),
    ])
    assert.sameMembers([a.status(), b.status()], [200, 409])
    assert.deepEqual((await stateOf(filed.id)).history, ['submit', 'propose_approve'])
  })

  test('filing: who may file for what, attachments by magic bytes, required fields, the developer via the street handler', async ({ client, assert }) => {
    // a file whose content is not what its name says
    const fake = await upload(client, 'director', PNG, '招标文件.pdf')
    fake.assertStatus(422)
    assert.include(fake.body().errors[0].message, '不符')
    // a project manager files nothing
    const manager = await client.post('/api/v1/tenders').json({ estate_id: E.e1, tenderer_kind: 'committee', ...FIELDS, attachments: [] }).withCsrfToken().loginAs(await actor('manager'))
    manager.assertStatus(403)
    // the director: only for e1, as the committee, with the files and the assembly's resolution
    const noFiles = await client.post('/api/v1/tenders').json({ estate_id: E.e1, tenderer_kind: 'committee', ...FIELDS, attachments: [] }).withCsrfToken().loginAs(await actor('director'))
    noFiles.assertStatus(422)
    assert.deepEqual(noFiles.body().errors[0], { field: 'attachments', message: '请上传物业服务招标文件', rule: 'required' })
    const other = await client.post('/api/v1/tenders').json({ estate_id: E.e3, tenderer_kind: 'committee', ...FIELDS, attachments: [] }).withCsrfToken().loginAs(await actor('director'))
    other.assertStatus(404)
    const asDeveloper = await client.post('/api/v1/tenders').json({ estate_id: E.e1, tenderer_kind: 'developer', ...FIELDS, attachments: [] }).withCsrfToken().loginAs(await actor('director'))
    asDeveloper.assertStatus(422)
    assert.equal(asDeveloper.body().errors[0].field, 'tenderer_kind')
    const badPhone = await client.post('/api/v1/tenders').json({ estate_id: E.e1, tenderer_kind: 'committee', ...FIELDS, contact_phone: '12', attachments: [] }).withCsrfToken().loginAs(await actor('director'))
    badPhone.assertStatus(422)
    assert.deepEqual(badPhone.body().errors[0], { field: 'contact_phone', message: '联系电话格式不正确', rule: 'regex' })
    // another user's upload token cannot be claimed
    const handlersFile = await upload(client, 'handler')
    const stolen = await client.post('/api/v1/tenders').json({ estate_id: E.e1, tenderer_kind: 'committee', ...FIELDS, attachments: [handlersFile.body().data.token] }).withCsrfToken().loginAs(await actor('director'))
    stolen.assertStatus(422)
    assert.equal(await db.from('tenders').count('* as n').then((r) => Number(r[0].n)), 0)

    // the street handler registers a developer's filing (前期物业管理招标); the committee's is not theirs to file
    const committee = await client.post('/api/v1/tenders').json({ estate_id: E.e6, tenderer_kind: 'committee', ...FIELDS, attachments: [handlersFile.body().data.token] }).withCsrfToken().loginAs(await actor('handler'))
    committee.assertStatus(422)
    const developer = await submit(client, assert, 'handler', { estate_id: E.e6, tenderer_kind: 'developer', tenderer_name: '深圳市某房地产开发有限公司', resolution: '' })
    assert.include(developer, { tendererKind: 'developer', tendererKindName: '建设单位', state: 'first_review' })
    // the director does not see the developer's filing; the handler does
    const mine = await client.get('/api/v1/tenders').loginAs(await actor('director'))
    assert.deepEqual(mine.body().data, [])
    ;(await client.get(`/api/v1/tenders/${developer.id}`).loginAs(await actor('director'))).assertStatus(404)
    // 不同意 sends a developer filing back to the street handler (developers have no account)
    ;(await post(client, 'handler', `${developer.id}/first-review`, { opinion: 'disagree', remark: '缺少前期物业服务合同', version: 1 })).assertStatus(200)
    ;(await post(client, 'head', `${developer.id}/final-review`, { decision: 'reject', remark: '补充材料', version: 2 })).assertStatus(200)
    assert.deepEqual((await stateOf(developer.id)).todos, [{ step: 'rejected', region_id: R.yuanling, roles: ['street_handler'], feature: 'tenders.handle' }])
    const again = await post(client, 'handler', `${developer.id}/resubmit`, { ...FIELDS, tenderer_name: '深圳市某房地产开发有限公司', resolution: '', version: 3 })
    again.assertStatus(200)
    assert.include(again.body().data, { state: 'first_review', round: 2 })
    assert.equal((await stateOf(developer.id)).history.at(-1), 'resubmit_on_behalf')
  })
})

test.group('招标文件备案 · handling time in working days, the day-4 reminder, the unknown year', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    return async () => {
      clock.reset()
      await resetCalendar()
    }
  })

  /** a filing written straight to the tables at `startedAt` (Shenzhen time), decided at `decidedAt` */
  async function seed(startedAt: string, decidedAt: string | null, state = decidedAt ? 'approved' : 'first_review', round = 1) {
    const [row] = await db.table('tenders').insert({
      filing_no: `ZBBA-T-${startedAt}-${Math.random()}`, estate_id: E.e1, tenderer_kind: 'committee', tenderer_name: '翠园业委会', title: `招标 ${startedAt}`,
      tender_method: 'public', resolution: '决议', service_scope: '', contact_name: '李', contact_phone: '13800000003', state, version: 1, round,
      round_started_at: new Date(`${startedAt}+08:00`), decided_at: decidedAt ? new Date(`${decidedAt}+08:00`) : null, submitted_by: USERS.director.id,
      created_at: new Date(), updated_at: new Date(),
    }).returning('id')
    return Number(row.id)
  }

  const slaOf = async (client: any, id: number) => (await client.get(`/api/v1/tenders/${id}`).loginAs(await actor('handler'))).body().data.sla

  test('edges: the day before 国庆, a 调休 Saturday, a weekend start, the 5/6 and 9/10 boundaries, 春节', async ({ client, assert }) => {
    const cases: [string, string, number, string][] = [
      // submitted the day before a 7-day holiday, decided the first working day after it
      ['2026-09-30T16:00:00', '2026-10-08T09:00:00', 1, 'normal'],
      // 10/10 (Saturday) is a 调休 working day
      ['2026-10-09T10:00:00', '2026-10-10T10:00:00', 1, 'normal'],
      ['2026-10-09T10:00:00', '2026-10-11T10:00:00', 1, 'normal'],
      // started on a Sunday: Monday is day 1
      ['2026-10-11T10:00:00', '2026-10-12T10:00:00', 1, 'normal'],
      // 中秋 (9/25) and a weekend: 9/28 is day 1
      ['2026-09-24T10:00:00', '2026-09-28T10:00:00', 1, 'normal'],
      ['2026-09-24T10:00:00', '2026-10-09T10:00:00', 5, 'normal'],
      ['2026-09-24T10:00:00', '2026-10-10T10:00:00', 6, 'overdue'],
      ['2026-09-24T10:00:00', '2026-10-14T10:00:00', 9, 'overdue'],
      ['2026-09-24T10:00:00', '2026-10-15T10:00:00', 10, 'severe'],
      // 春节 2026: 2/15–2/23 off, 2/14 and 2/28 (Saturdays) working
      ['2026-02-13T10:00:00', '2026-02-24T10:00:00', 2, 'normal'],
      ['2026-02-13T10:00:00', '2026-02-27T10:00:00', 5, 'normal'],
      ['2026-02-13T10:00:00', '2026-02-28T10:00:00', 6, 'overdue'],
      // a decision late in the evening counts its Shenzhen calendar day
      ['2026-09-23T23:30:00', '2026-09-24T23:59:00', 1, 'normal'],
    ]
    for (const [start, end, days, bucket] of cases) {
      const sla = await slaOf(client, await seed(start, end))
      assert.deepEqual([sla.workingDays, sla.bucket], [days, bucket], `${start} → ${end}`)
    }
  })

  test('an open round counts to today; the reviewer is reminded once at the end of working day 4; the unknown year shows 未知 and raises the city admin\'s to-do', async ({ client, assert }) => {
    const id = await seed('2026-09-24T10:00:00', null)
    const messages = () => db.from('messages').where('module', 'tenders').select('recipient_id', 'title')

    // working day 4 is 10/8 (中秋, a weekend and 国庆 in between): nothing before its end
    at('2026-10-08T16:59:00')
    assert.equal((await slaOf(client, id)).workingDays, 4)
    assert.deepEqual(await remindTenders(), { reminded: 0, calendarTodos: 0 })
    assert.lengthOf(await messages(), 0)
    at('2026-10-08T17:00:00')
    assert.deepEqual(await remindTenders(), { reminded: 1, calendarTodos: 0 })
    const sent = await messages()
    assert.deepEqual(sent.map((m: any) => m.recipient_id), [USERS.handler.id])
    assert.include(sent[0].title, '第4个工作日')
    // once per round, whatever runs again
    at('2026-10-10T10:00:00')
    assert.deepEqual(await remindTenders(), { reminded: 0, calendarTodos: 0 })
    assert.lengthOf(await messages(), 1)
    assert.deepEqual(await slaOf(client, id), { workingDays: 6, bucket: 'overdue', bucketName: '已超期', missingYear: null })

    // 2027 is not in the calendar: a round still open in January shows 未知 and the city admin gets one to-do
    const late = await seed('2026-12-28T10:00:00', null)
    at('2027-01-05T10:00:00')
    assert.deepEqual(await slaOf(client, late), { workingDays: null, bucket: 'unknown', bucketName: '未知', missingYear: 2027 })
    const list = await client.get('/api/v1/tenders').qs({ sla: 'unknown' }).loginAs(await actor('head'))
    assert.deepEqual(list.body().data.map((row: any) => row.id).sort(), [id, late].sort())
    assert.deepEqual(await remindTenders(), { reminded: 0, calendarTodos: 2 })
    assert.deepEqual(await remindTenders(), { reminded: 0, calendarTodos: 0 })
    const todo = await db.from('todos').where({ process: 'tender', step: 'calendar_missing', subject_id: late }).whereNull('closed_at').first()
    assert.include(todo, { region_id: R.city, feature: 'calendar.manage', title: '请录入2027年节假日安排' })
    const cityInbox = await client.get('/api/v1/todos').loginAs(await actor('city'))
    assert.includeMembers(cityInbox.body().data.map((row: any) => row.stepName), ['节假日日历缺失'])

    // the year is published: the count is back and the to-do closes
    await db.table('calendar_years').insert({ year: 2027, published: true, source: '手工录入', updated_at: new Date() })
    const { invalidateCalendar } = await import('#services/working_days')
    invalidateCalendar()
    // (an empty 2027 published by hand: 1/1 counts as a weekday) 12/29, 12/30, 12/31, 1/1, 1/4, 1/5
    assert.deepEqual(await slaOf(client, late), { workingDays: 6, bucket: 'overdue', bucketName: '已超期', missingYear: null })
    await remindTenders()
    assert.equal(await db.from('todos').where({ process: 'tender', step: 'calendar_missing' }).whereNull('closed_at').count('* as n').then((r) => Number(r[0].n)), 0)
  })

  test('list and export: scope, filters, the 办理情况 column', async ({ client, assert }) => {
    const a = await seed('2026-09-24T10:00:00', '2026-10-16T10:00:00')
    const b = await seed('2026-09-24T10:00:00', '2026-09-28T10:00:00')
    at('2026-11-02T10:00:00')
    const list = await client.get('/api/v1/tenders').qs({ region_id: R.yuanling }).loginAs(await actor('head'))
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 2)
    const severe = await client.get('/api/v1/tenders').qs({ sla: 'severe' }).loginAs(await actor('head'))
    assert.deepEqual(severe.body().data.map((row: any) => [row.id, row.sla.bucketName]), [[a, '严重超期']])
    assert.equal(severe.body().meta.total, 1)
    // another street sees none of them; a region outside the scope is a 404
    assert.equal((await client.get('/api/v1/tenders').loginAs(await actor('nanyuan'))).body().meta.total, 0)
    ;(await client.get('/api/v1/tenders').qs({ region_id: R.yuanling }).loginAs(await actor('nanyuan'))).assertStatus(404)
    // the director sees the committee filings of e1
    assert.equal((await client.get('/api/v1/tenders').loginAs(await actor('director'))).body().meta.total, 2)

    const file = await client.get('/api/v1/tenders/export').qs({ region_id: R.yuanling }).loginAs(await actor('head'))
    file.assertStatus(200)
    const sheet = await readSheet(file.body())
    assert.deepEqual(sheet.rows[0].slice(-2), ['办理时长（工作日）', '办理情况'])
    assert.sameDeepMembers(sheet.rows.slice(1).map((row: any[]) => row.slice(-2)), [[11, '严重超期'], [1, '正常办理']])
    assert.isAbove(b, 0)
  })
})
