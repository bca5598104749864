import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import clock from '#services/clock'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'

/**
 * 信息公开 through the API: templates (the city keeps them), 发布信息公开 from a template (draft,
 * preview, 发布 — then immutable), 作废 with a reason, 删除 of drafts only, 信息公开查询 with filters and
 * its export, 公示公告 for estate-side accounts, scope, and XSS payloads against the rich text.
 */
async function templateId(code: string) {
  return Number((await db.from('disclosure_templates').where('code', code).firstOrFail()).id)
}

async function general(overrides: Record<string, unknown> = {}) {
  return { template_id: await templateId('general'), estate_id: E.e1, title: '关于电梯维修的公告', fields: { content: '<p>本周六停梯检修。</p>' }, ...overrides }
}

test.group('Disclosures · templates', (group) => {
  group.each.setup(async () => {
    await resetWorld()
  })

  test('every user of the module reads the templates; the three seeded ones are there', async ({ client, assert }) => {
    const response = await client.visit('api.disclosure_templates.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const codes = response.body().data.map((t: { code: string }) => t.code)
    assert.includeMembers(codes, ['proxy_governance', 'owners_assembly', 'general'])
    const proxy = response.body().data.find((t: { code: string }) => t.code === 'proxy_governance')
    assert.isTrue(proxy.system)
  })

  test('the city administrator adds and changes a template; nobody else may, a system template is fixed', async ({ client, assert }) => {
    const city = await actor('city')
    const input = {
      code: 'repair_fund', name: '维修资金使用公示', active: true,
      fields: [
        { key: 'amount', label: '使用金额', type: 'number', required: true },
        { key: 'detail', label: '使用说明', type: 'textarea', required: false, maxLength: 500 },
      ],
    }
    const created = await client.visit('api.disclosure_templates.store').json(input).withCsrfToken().loginAs(city)
    created.assertStatus(201)
    assert.equal(created.body().data.code, 'repair_fund')
    const stored = await db.from('disclosure_templates').where('code', 'repair_fund').firstOrFail()
    assert.deepEqual(stored.fields, input.fields)

    const again = await client.visit('api.disclosure_templates.store').json(input).withCsrfToken().loginAs(city)
    again.assertStatus(422)
    assert.equal(again.body().errors[0].field, 'code')
    assert.equal(again.body().errors[0].message, '模板编码已存在')

    const byStreet = await client.visit('api.disclosure_templates.store').json({ ...input, code: 'other' }).withCsrfToken().loginAs(await actor('head'))
    byStreet.assertStatus(403)
    assert.equal(byStreet.body().errors[0].message, '仅市住建局管理员可以维护信息公开模板')

    const updated = await client.visit('api.disclosure_templates.update', { id: created.body().data.id })
      .json({ ...input, name: '维修资金使用情况公示', version: 1 }).withCsrfToken().loginAs(city)
    updated.assertStatus(200)
    assert.equal(updated.body().data.version, 2)
    const stale = await client.visit('api.disclosure_templates.update', { id: created.body().data.id })
      .json({ ...input, version: 1 }).withCsrfToken().loginAs(city)
    stale.assertStatus(409)

    const system = await client.visit('api.disclosure_templates.update', { id: await templateId('proxy_governance') })
      .json({ ...input, code: 'proxy_governance', version: 1 }).withCsrfToken().loginAs(city)
    system.assertStatus(422)
    assert.equal((await db.from('disclosure_templates').where('code', 'proxy_governance').firstOrFail()).version, 1)
  })

  test('template fields are validated: key, type, duplicates, count', async ({ client, assert }) => {
    const city = await actor('city')
    const bad = await client.visit('api.disclosure_templates.store').json({
      code: 'Bad Code', name: '坏', active: 'yes', fields: [{ key: '1x', label: '', type: 'html', required: true }],
    }).withCsrfToken().loginAs(city)
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: { field: string }) => e.field)
    assert.includeMembers(fields, ['code', 'name', 'active', 'fields.0.key', 'fields.0.label', 'fields.0.type'])
    for (const error of bad.body().errors) assert.match(error.message, /[\u4e00-\u9fa5]/)

    const duplicate = await client.visit('api.disclosure_templates.store').json({
      code: 'dup', name: '重复字段', active: true,
      fields: [{ key: 'a', label: '甲', type: 'text', required: true }, { key: 'a', label: '乙', type: 'text', required: true }],
    }).withCsrfToken().loginAs(city)
    duplicate.assertStatus(422)
    assert.equal(duplicate.body().errors[0].field, 'fields.1.key')
    assert.isNull(await db.from('disclosure_templates').where('code', 'dup').first())
  })
})

test.group('Disclosures · publish, void, delete', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('draft → preview → 发布: immutable afterwards; 作废 with a reason keeps it visible', async ({ client, assert }) => {
    const handler = await actor('handler')
    const input = await general()
    const preview = await client.visit('api.disclosures.preview').json(input).withCsrfToken().loginAs(handler)
    preview.assertStatus(200)
    assert.equal(preview.body().data.bodyHtml, '<p>本周六停梯检修。</p>')
    assert.equal(await db.from('disclosures').count('* as n').first().then((r) => Number(r.n)), 0)

    const draft = await client.visit('api.disclosures.store').json(input).withCsrfToken().loginAs(handler)
    draft.assertStatus(201)
    const id = draft.body().data.id
    assert.equal(draft.body().data.state, 'draft')
    assert.deepEqual(draft.body().data.can, { edit: true, publish: true, void: false, destroy: true })

    const edited = await client.visit('api.disclosures.update', { id }).json({ ...input, title: '关于电梯检修的公告', version: 1 }).withCsrfToken().loginAs(handler)
    edited.assertStatus(200)
    assert.equal(edited.body().data.title, '关于电梯检修的公告')

    const published = await client.visit('api.disclosures.publish', { id }).json({ version: 2 }).withCsrfToken().loginAs(handler)
    published.assertStatus(200)
    assert.equal(published.body().data.state, 'published')
    assert.equal(published.body().data.publishedByName, '园岭经办人')
    const row = await db.from('disclosures').where('id', id).firstOrFail()
    assert.equal(row.state, 'published')
    assert.equal(row.body_html, '<p>本周六停梯检修。</p>')

    // immutable: no edit, no delete, not even straight in the database
    const change = await client.visit('api.disclosures.update', { id }).json({ ...input, version: 3 }).withCsrfToken().loginAs(handler)
    change.assertStatus(422)
    assert.equal(change.body().errors[0].message, '已发布的信息公开不能修改')
    const remove = await client.visit('api.disclosures.destroy', { id }).json({ version: 3 }).withCsrfToken().loginAs(handler)
    remove.assertStatus(422)
    assert.equal(remove.body().errors[0].message, '已发布的信息公开不能删除，可以作废')
    await assert.rejects(() => db.connection('owner').from('disclosures').where('id', id).update({ body_html: '<p>改</p>' }))
    await assert.rejects(() => db.connection('owner').from('disclosures').where('id', id).delete())

    const noReason = await client.visit('api.disclosures.void', { id }).json({ version: 3 }).withCsrfToken().loginAs(handler)
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')
    const stale = await client.visit('api.disclosures.void', { id }).json({ version: 2, reason: '内容有误' }).withCsrfToken().loginAs(handler)
    stale.assertStatus(409)
    const voided = await client.visit('api.disclosures.void', { id }).json({ version: 3, reason: '内容有误' }).withCsrfToken().loginAs(handler)
    voided.assertStatus(200)
    assert.equal(voided.body().data.state, 'voided')
    assert.equal(voided.body().data.voidReason, '内容有误')
    assert.equal(voided.body().data.voidedByName, '园岭经办人')
    const twice = await client.visit('api.disclosures.void', { id }).json({ version: 4, reason: '再次' }).withCsrfToken().loginAs(handler)
    twice.assertStatus(422)
    const after = await db.from('disclosures').where('id', id).firstOrFail()
    assert.equal(after.state, 'voided')
    assert.equal(after.void_reason, '内容有误')

    // still listed, with its state
    const listed = await client.visit('api.disclosures.index').qs({ state: 'voided' }).loginAs(handler)
    assert.deepEqual(listed.body().data.map((r: { id: number }) => r.id), [id])
  })

  test('发布 at once, and a draft is deleted (only a draft)', async ({ client, assert }) => {
    const handler = await actor('handler')
    const now = await client.visit('api.disclosures.store').json({ ...(await general()), publish: true }).withCsrfToken().loginAs(handler)
    now.assertStatus(201)
    assert.equal(now.body().data.state, 'published')

    const draft = await client.visit('api.disclosures.store').json(await general({ title: '草稿公告' })).withCsrfToken().loginAs(handler)
    const gone = await client.visit('api.disclosures.destroy', { id: draft.body().data.id }).json({ version: 1 }).withCsrfToken().loginAs(handler)
    gone.assertStatus(200)
    assert.isNull(await db.from('disclosures').where('id', draft.body().data.id).first())
    assert.isNotNull(await db.from('disclosures').where('id', now.body().data.id).first())
  })

  test('fields are checked against the template: required, type, length, unknown', async ({ client, assert }) => {
    const handler = await actor('handler')
    const assembly = await templateId('owners_assembly')
    const missing = await client.visit('api.disclosures.store')
      .json({ template_id: assembly, estate_id: E.e1, title: '业主大会公告', fields: { meeting_date: '2026-02-30', place: 'x'.repeat(101), extra: '1' } })
      .withCsrfToken().loginAs(handler)
    missing.assertStatus(422)
    const errors = Object.fromEntries(missing.body().errors.map((e: { field: string; message: string }) => [e.field, e.message]))
    assert.deepEqual(errors, {
      'fields.extra': '模板中没有该字段',
      'fields.meeting_date': '会议日期不是有效日期（格式 YYYY-MM-DD）',
      'fields.place': '会议地点不能超过 100 个字符',
      'fields.agenda': '请填写会议议程',
    })
    // a rich text field that is only a script is empty
    const empty = await client.visit('api.disclosures.store').json(await general({ fields: { content: '<script>alert(1)</script>' } })).withCsrfToken().loginAs(handler)
    empty.assertStatus(422)
    assert.equal(empty.body().errors[0].field, 'fields.content')
    assert.equal(empty.body().errors[0].message, '请填写公告内容')
    // the system template is published by 居代业 only
    const system = await client.visit('api.disclosures.store').json(await general({ template_id: await templateId('proxy_governance') })).withCsrfToken().loginAs(handler)
    system.assertStatus(422)
    assert.equal(system.body().errors[0].field, 'template_id')

    const ok = await client.visit('api.disclosures.store')
      .json({ template_id: assembly, estate_id: E.e1, title: '业主大会公告', fields: { meeting_date: '2026-12-20', place: '小区会所', agenda: '<ol><li>选举</li></ol>' }, publish: true })
      .withCsrfToken().loginAs(handler)
    ok.assertStatus(201)
    assert.equal(ok.body().data.bodyHtml, '<p><strong>会议日期：</strong>2026-12-20</p><p><strong>会议地点：</strong>小区会所</p><p><strong>会议议程：</strong></p><ol><li>选举</li></ol>')
    assert.equal(await db.from('disclosures').count('* as n').first().then((r) => Number(r.n)), 1)
  })

  test('XSS payloads never reach the stored text', async ({ client, assert }) => {
    const handler = await actor('handler')
    const payloads = [
      '<p>正文</p><script>alert(1)</script>',
      '<img src=x onerror="alert(1)"><p>正文</p>',
      '<a href="javascript:alert(1)">点我</a><p>正文</p>',
      '<a href="JaVaScRiPt&colon;alert(1)">点我</a><p>正文</p>',
      '<p onclick="alert(1)" style="color:red">正文</p>',
      '<iframe src="https://evil.example"></iframe><p>正文</p>',
      '<svg><script>alert(1)</script></svg><p>正文</p>',
      '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="><p>正文</p>',
    ]
    for (const payload of payloads) {
      const response = await client.visit('api.disclosures.store').json(await general({ fields: { content: payload }, publish: true })).withCsrfToken().loginAs(handler)
      response.assertStatus(201)
      const stored = await db.from('disclosures').where('id', response.body().data.id).firstOrFail()
      for (const html of [stored.body_html, stored.fields.content, response.body().data.bodyHtml]) {
        assert.notMatch(html, /<script|onerror|onclick|javascript:|<iframe|<svg|data:text|style=/i, payload)
        assert.include(html, '正文')
      }
    }
    // a text field is escaped, not interpreted
    const assembly = await templateId('owners_assembly')
    const text = await client.visit('api.disclosures.store')
      .json({ template_id: assembly, estate_id: E.e1, title: '<b>标题</b>', fields: { meeting_date: '2026-12-20', place: '<script>alert(1)</script>', agenda: '<p>议程</p>' }, publish: true })
      .withCsrfToken().loginAs(handler)
    text.assertStatus(201)
    assert.include(text.body().data.bodyHtml, '&lt;script&gt;alert(1)&lt;/script&gt;')
    assert.notInclude(text.body().data.bodyHtml, '<script')
  })
})

test.group('Disclosures · query, scope, 公示公告', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  async function seed(client: any) {
    const handler = await actor('handler')
    const nanyuan = await actor('nanyuan')
    const ids: Record<string, number> = {}
    const post = async (who: User, key: string, body: Record<string, unknown>) => {
      const response = await client.visit('api.disclosures.store').json(body).withCsrfToken().loginAs(who)
      response.assertStatus(201)
      ids[key] = response.body().data.id
    }
    await post(handler, 'e1', await general({ publish: true }))
    await post(handler, 'e3', await general({ estate_id: E.e3, title: '停水通知', publish: true }))
    await post(handler, 'draft', await general({ title: '未发布的草稿' }))
    await post(nanyuan, 'e4', await general({ estate_id: E.e4, title: '南园公告', publish: true }))
    return ids
  }

  test('信息公开查询 filters; drafts only for the street; other streets are 404', async ({ client, assert }) => {
    const ids = await seed(client)
    const handler = await actor('handler')
    const all = await client.visit('api.disclosures.index').loginAs(handler)
    all.assertStatus(200)
    assert.sameMembers(all.body().data.map((r: { id: number }) => r.id), [ids.e1, ids.e3, ids.draft])
    assert.equal(all.body().meta.total, 3)

    const byEstate = await client.visit('api.disclosures.index').qs({ estate_id: E.e3 }).loginAs(handler)
    assert.deepEqual(byEstate.body().data.map((r: { id: number }) => r.id), [ids.e3])
    const byWord = await client.visit('api.disclosures.index').qs({ q: '停水' }).loginAs(handler)
    assert.deepEqual(byWord.body().data.map((r: { id: number }) => r.id), [ids.e3])
    const byState = await client.visit('api.disclosures.index').qs({ state: 'draft' }).loginAs(handler)
    assert.deepEqual(byState.body().data.map((r: { id: number }) => r.id), [ids.draft])
    const byDay = await client.visit('api.disclosures.index').qs({ from: '2026-11-29' }).loginAs(handler)
    assert.lengthOf(byDay.body().data, 0)

    // the district sees both streets' published ones, no drafts
    const futian = await client.visit('api.disclosures.index').loginAs(await actor('futian'))
    assert.sameMembers(futian.body().data.map((r: { id: number }) => r.id), [ids.e1, ids.e3, ids.e4])
    const draftForDistrict = await client.visit('api.disclosures.show', { id: ids.draft }).loginAs(await actor('futian'))
    draftForDistrict.assertStatus(404)
    // the community sees its estates' published ones
    const community = await client.visit('api.disclosures.index').loginAs(await actor('community'))
    assert.deepEqual(community.body().data.map((r: { id: number }) => r.id), [ids.e1])

    // another street's: 404 to read, to void, and publishing for its estate is a 404
    const foreign = await client.visit('api.disclosures.show', { id: ids.e4 }).loginAs(handler)
    foreign.assertStatus(404)
    const voidForeign = await client.visit('api.disclosures.void', { id: ids.e4 }).json({ version: 1, reason: '越权作废' }).withCsrfToken().loginAs(handler)
    voidForeign.assertStatus(404)
    assert.equal((await db.from('disclosures').where('id', ids.e4).firstOrFail()).state, 'published')
    const forForeignEstate = await client.visit('api.disclosures.store').json(await general({ estate_id: E.e4 })).withCsrfToken().loginAs(handler)
    forForeignEstate.assertStatus(404)
    const region = await client.visit('api.disclosures.index').qs({ region_id: 5 }).loginAs(handler)
    region.assertStatus(404)

    // the bureaus above a street read but do not publish
    const byCity = await client.visit('api.disclosures.store').json(await general()).withCsrfToken().loginAs(await actor('city'))
    byCity.assertStatus(403)
    assert.equal(byCity.body().errors[0].message, '仅街道办账号可以发布信息公开')
  })

  test('export: the listed rows with their state and reason', async ({ client, assert }) => {
    const ids = await seed(client)
    const handler = await actor('handler')
    await client.visit('api.disclosures.void', { id: ids.e3 }).json({ version: 1, reason: '发错小区' }).withCsrfToken().loginAs(handler)
    const exported = await client.visit('api.disclosures.export').qs({ state: 'voided' }).loginAs(handler)
    exported.assertStatus(200)
    const sheet = await readSheet(exported.body())
    assert.equal(sheet.rows[0][0], '标题')
    assert.lengthOf(sheet.rows, 2)
    assert.equal(sheet.rows[1][0], '停水通知')
    assert.equal(sheet.rows[1][5], '已作废')
    assert.equal(sheet.rows[1][10], '发错小区')
  })

  test('公示公告: an estate-side account reads its estates\' published announcements only', async ({ client, assert }) => {
    const ids = await seed(client)
    const manager = await actor('manager')
    const board = await client.visit('api.disclosure_board.index').loginAs(manager)
    board.assertStatus(200)
    assert.sameMembers(board.body().data.map((r: { id: number }) => r.id), [ids.e1, ids.e3])
    const item = await client.visit('api.disclosure_board.show', { id: ids.e1 }).loginAs(manager)
    item.assertStatus(200)
    assert.equal(item.body().data.bodyHtml, '<p>本周六停梯检修。</p>')
    assert.deepEqual(item.body().data.can, { edit: false, publish: false, void: false, destroy: false })
    const draft = await client.visit('api.disclosure_board.show', { id: ids.draft }).loginAs(manager)
    draft.assertStatus(404)
    const foreign = await client.visit('api.disclosure_board.show', { id: ids.e4 }).loginAs(manager)
    foreign.assertStatus(404)
    // the manager is no government user: 信息公开查询 is not theirs
    const query = await client.visit('api.disclosures.index').loginAs(manager)
    query.assertStatus(403)

    // an owner bound to e3 sees e3's only
    const [owner] = await db.table('users').insert({ name: '业主甲', phone: '13712340001', password: 'x', role: 'owner', region_id: 8, status: 'active' }).returning('id')
    await db.table('user_estates').insert({ user_id: owner.id, estate_id: E.e3, relation: 'owner' })
    const ownerBoard = await client.visit('api.disclosure_board.index').loginAs(await User.findOrFail(owner.id))
    assert.deepEqual(ownerBoard.body().data.map((r: { id: number }) => r.id), [ids.e3])
  })
})
