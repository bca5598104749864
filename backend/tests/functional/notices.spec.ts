import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { markSubjectRead } from '#modules/messages/notifier'

/**
 * 通知发布 (module 19) through the API and the database. The world's estate-side accounts: 项目经理
 * `manager` of e1 and e3 (园岭), 业委会主任 `director` of e1, 项目经理 `nanyuanManager` of e4 (南园).
 */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])
const TABLES = ['notices', 'notice_estates', 'notice_receipts', 'notice_urges', 'notice_attachments', 'messages']

async function counts() {
  const out: Record<string, number> = {}
  for (const table of TABLES) out[table] = Number((await db.from(table).count('* as n'))[0].n)
  return out
}

const VALID = {
  title: '关于开展消防安全检查的通知',
  body: '<p>请各项目<strong>本周内</strong>完成自查。</p><script>alert(1)</script><img src=x onerror="alert(1)">',
  audience: 'both',
  estate_scope: 'chosen',
  estate_ids: [E.e1, E.e3],
}

async function publish(client: any, body: Record<string, unknown> = VALID, who: 'handler' | 'head' = 'handler') {
  return client.post('/api/v1/notices').json(body).withCsrfToken().loginAs(await actor(who))
}

test.group('通知发布', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('publishing writes the notice, its estates, one receipt per recipient per estate and one message per recipient', async ({ client, assert }) => {
    const response = await publish(client)
    response.assertStatus(201)
    const id = response.body().data.id
    assert.equal(response.body().data.recipientCount, 2)
    assert.equal(response.body().data.estateCount, 2)
    assert.equal(response.body().data.unreadCount, 2)

    const notice = await db.from('notices').where('id', id).firstOrFail()
    assert.equal(notice.street_id, 4)
    assert.equal(notice.published_by, USERS.handler.id)
    assert.equal(notice.body_html, '<p>请各项目<strong>本周内</strong>完成自查。</p>')
    assert.deepEqual((await db.from('notice_estates').where('notice_id', id).orderBy('estate_id')).map((r) => r.estate_id), [E.e1, E.e3])
    const receipts = await db.from('notice_receipts').where('notice_id', id).orderBy('estate_id').orderBy('user_id')
    assert.deepEqual(receipts.map((r) => [r.estate_id, r.user_id, r.relation]), [
      [E.e1, USERS.manager.id, 'project_manager'],
      [E.e1, USERS.director.id, 'committee_director'],
      [E.e3, USERS.manager.id, 'project_manager'],
    ])
    const messages = await db.from('messages').where('reason', `notices.publish:${id}`).orderBy('recipient_id')
    assert.deepEqual(messages.map((m) => [m.recipient_id, m.kind, m.module, m.subject_type, m.subject_id, m.subject_page]), [
      [USERS.manager.id, 'notice', 'notices', 'notice', id, 'notice-received'],
      [USERS.director.id, 'notice', 'notices', 'notice', id, 'notice-received'],
    ])
    // the manager of two estates gets ONE message, referenced by both receipts
    const managerMessage = messages.find((m) => m.recipient_id === USERS.manager.id)!.id
    assert.deepEqual(receipts.filter((r) => r.user_id === USERS.manager.id).map((r) => r.message_id), [managerMessage, managerMessage])
    assert.isTrue(receipts.every((r) => r.message_id !== null && r.read_at === null))
    assert.include(messages[0].summary, '园岭街道')
    assert.notInclude(messages[0].summary, '<')
  })

  test('all estates of the street reach every manager and director there; audience narrows it', async ({ client, assert }) => {
    const response = await publish(client, { ...VALID, estate_scope: 'all', estate_ids: undefined, audience: 'project_manager' })
    response.assertStatus(201)
    const id = response.body().data.id
    // 园岭 has e1, e2, e3, e6; the 南园 manager is never reached
    assert.deepEqual((await db.from('notice_estates').where('notice_id', id).orderBy('estate_id')).map((r) => r.estate_id), [E.e1, E.e2, E.e3, E.e6])
    assert.deepEqual((await db.from('notice_receipts').where('notice_id', id).orderBy('estate_id')).map((r) => [r.estate_id, r.user_id]), [
      [E.e1, USERS.manager.id],
      [E.e3, USERS.manager.id],
    ])
  })

  test('bad input answers a field error and changes nothing', async ({ client, assert }) => {
    const before = await counts()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...VALID, title: '' }, 'title', '标题'],
      [{ ...VALID, title: '通'.repeat(101) }, 'title', '100'],
      [{ ...VALID, body: 'x'.repeat(50_001) }, 'body', '50000'],
      [{ ...VALID, body: '<script>alert(1)</script>' }, 'body', '通知内容不能为空'],
      [{ ...VALID, audience: 'owner' }, 'audience', '发送对象'],
      [{ ...VALID, estate_ids: undefined }, 'estate_ids', '物业项目'],
      [{ ...VALID, estate_ids: [E.e1, E.e4] }, 'estate_ids.1', '不属于本街道'],
      [{ ...VALID, attachments: ['00000000-0000-4000-8000-000000000000'] }, 'attachments.0', '附件已失效'],
      [{ ...VALID, attachments: Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) }, 'attachments', '最多 5'],
    ]
    for (const [body, field, text] of cases) {
      const response = await publish(client, body)
      response.assertStatus(422)
      const error = response.body().errors.find((e: any) => e.field === field)
      assert.exists(error, `${field}: ${JSON.stringify(response.body())}`)
      assert.include(error.message, text)
    }
    // e2 has no committee director: nobody to send to
    const none = await publish(client, { ...VALID, audience: 'committee_director', estate_ids: [E.e2] })
    none.assertStatus(422)
    assert.equal(none.body().errors[0].message, '所选物业项目暂无项目经理或业委会主任账号')
    // a district account does not publish
    const district = await client.post('/api/v1/notices').json(VALID).withCsrfToken().loginAs(await actor('futian'))
    district.assertStatus(403)
    assert.deepEqual(await counts(), before)
  })

  test('scope: the street and the bureaus above see a notice, its recipients read it, nobody else', async ({ client, assert }) => {
    const id = (await publish(client)).body().data.id
    for (const who of ['head', 'handler', 'futian', 'city'] as const) {
      const response = await client.get(`/api/v1/notices/${id}`).loginAs(await actor(who))
      response.assertStatus(200)
      assert.lengthOf(response.body().data.recipients, 3)
    }
    for (const who of ['nanyuan', 'guiyuan', 'luohu'] as const) {
      ;(await client.get(`/api/v1/notices/${id}`).loginAs(await actor(who))).assertStatus(404)
      ;(await client.post(`/api/v1/notices/${id}/urge`).withCsrfToken().loginAs(await actor(who))).assertStatus(who === 'luohu' ? 403 : 404)
    }
    // a manager of another street's estate never sees it, nor a street user through the recipient route
    for (const who of ['nanyuanManager', 'handler', 'futian'] as const) {
      ;(await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor(who))).assertStatus(404)
    }
    // estate-side accounts hold no notices feature
    ;(await client.get(`/api/v1/notices/${id}`).loginAs(await actor('manager'))).assertStatus(403)
    ;(await client.get('/api/v1/notices').loginAs(await actor('manager'))).assertStatus(403)
    // lists: 园岭 sees it, 南园 and 罗湖 do not
    assert.lengthOf((await client.get('/api/v1/notices').loginAs(await actor('head'))).body().data, 1)
    assert.lengthOf((await client.get('/api/v1/notices').loginAs(await actor('nanyuan'))).body().data, 0)
    assert.lengthOf((await client.get('/api/v1/notices').loginAs(await actor('luohu'))).body().data, 0)
    ;(await client.get('/api/v1/notices').qs({ region_id: 5 }).loginAs(await actor('head'))).assertStatus(404)
  })

  test('a recipient reads it: read_at on all their receipts, the message read, the counts move', async ({ client, assert }) => {
    const id = (await publish(client)).body().data.id
    const response = await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor('manager'))
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.title, VALID.title)
    assert.equal(data.bodyHtml, '<p>请各项目<strong>本周内</strong>完成自查。</p>')
    assert.deepEqual(data.estates.map((e: any) => e.name), ['碧海花园', '翠园小区'])
    assert.isNotNull(data.readAt)
    const receipts = await db.from('notice_receipts').where('notice_id', id).where('user_id', USERS.manager.id)
    assert.isTrue(receipts.every((r) => r.read_at !== null))
    assert.isNotNull((await db.from('messages').where('reason', `notices.publish:${id}`).where('recipient_id', USERS.manager.id).first()).read_at)
    assert.isNull((await db.from('notice_receipts').where('notice_id', id).where('user_id', USERS.director.id).first()).read_at)

    const list = (await client.get('/api/v1/notices').loginAs(await actor('handler'))).body().data
    assert.deepEqual([list[0].recipientCount, list[0].readCount, list[0].unreadCount], [2, 1, 1])
    const detail = (await client.get(`/api/v1/notices/${id}`).loginAs(await actor('handler'))).body().data
    assert.deepEqual(detail.recipients.map((r: any) => [r.estateName, r.name, r.relationName, r.readAt !== null]), [
      ['翠园小区', '园岭项目经理', '项目经理', true],
      ['翠园小区', '翠园业委会主任', '业委会主任', false],
      ['碧海花园', '园岭项目经理', '项目经理', true],
    ])
    assert.equal(detail.recipients[0].phone, '139****0010')
    assert.isArray(detail.recipients[0].deliveries)

    // the inbox read path (any read of the message) goes through the read listener
    assert.equal(await markSubjectRead(USERS.director.id, 'notice', id), 1)
    assert.isNotNull((await db.from('notice_receipts').where('notice_id', id).where('user_id', USERS.director.id).first()).read_at)
    const after = (await client.get('/api/v1/notices').loginAs(await actor('handler'))).body().data
    assert.deepEqual([after[0].readCount, after[0].unreadCount], [2, 0])
    // outbox events for the publish and each read
    assert.isAbove(Number((await db.from('outbox_events').count('* as n'))[0].n), 0)
  })

  test('催办 reaches the unread once a day; a second one the same day says when and sends nothing', async ({ client, assert }) => {
    const id = (await publish(client)).body().data.id
    await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor('manager'))
    clock.travelTo('2026-11-28T10:32:00+08:00')
    const first = await client.post(`/api/v1/notices/${id}/urge`).withCsrfToken().loginAs(await actor('handler'))
    first.assertStatus(200)
    assert.equal(first.body().data.recipientCount, 1)
    const urgeMessages = await db.from('messages').where('reason', `notices.urge:${id}`)
    assert.deepEqual(urgeMessages.map((m) => [m.recipient_id, m.kind, m.subject_page]), [[USERS.director.id, 'urge', 'notice-received']])
    assert.lengthOf(await db.from('notice_urges').where('notice_id', id), 1)

    clock.travelTo('2026-11-28T15:00:00+08:00')
    const before = await counts()
    const second = await client.post(`/api/v1/notices/${id}/urge`).withCsrfToken().loginAs(await actor('head'))
    second.assertStatus(409)
    assert.equal(second.body().errors[0].message, '今天 10:32 已催办过，每天只能催办一次，本次未发送')
    assert.deepEqual(await counts(), before)

    // the next day it goes again
    clock.travelTo('2026-11-29T09:00:00+08:00')
    ;(await client.post(`/api/v1/notices/${id}/urge`).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
    assert.lengthOf(await db.from('notice_urges').where('notice_id', id), 2)

    // 显示催办: the urges as rows of their own under their notice
    const plain = (await client.get('/api/v1/notices').loginAs(await actor('handler'))).body()
    assert.deepEqual(plain.data.map((r: any) => r.kind), ['notice'])
    assert.equal(plain.data[0].urgeCount, 2)
    const withUrges = (await client.get('/api/v1/notices').qs({ show_urges: '1' }).loginAs(await actor('handler'))).body()
    assert.deepEqual(withUrges.data.map((r: any) => [r.kind, r.kind === 'urge' ? r.noticeId : r.id]), [['notice', id], ['urge', id], ['urge', id]])
    assert.equal(withUrges.data[1].title, `【催办】${VALID.title}`)
    assert.equal(withUrges.meta.total, 1)

    // everyone read: nothing to urge
    await markSubjectRead(USERS.director.id, 'notice', id)
    const none = await client.post(`/api/v1/notices/${id}/urge`).withCsrfToken().loginAs(await actor('handler'))
    none.assertStatus(422)
    assert.include(none.body().errors[0].message, '均已查看')
  })

  test('list filters and the Excel exports', async ({ client, assert }) => {
    const id = (await publish(client)).body().data.id
    clock.travelTo('2026-11-30T10:00:00+08:00')
    await publish(client, { ...VALID, title: '第二条通知', estate_ids: [E.e3] })
    const keyword = (await client.get('/api/v1/notices').qs({ q: '消防' }).loginAs(await actor('handler'))).body()
    assert.deepEqual(keyword.data.map((r: any) => r.id), [id])
    const dated = (await client.get('/api/v1/notices').qs({ from: '2026-11-29', to: '2026-11-30' }).loginAs(await actor('handler'))).body()
    assert.deepEqual(dated.data.map((r: any) => r.title), ['第二条通知'])
    const bad = await client.get('/api/v1/notices').qs({ from: '2026-11-30', to: '2026-11-01' }).loginAs(await actor('handler'))
    bad.assertStatus(422)
    const paged = (await client.get('/api/v1/notices').qs({ per_page: 1, page: 2 }).loginAs(await actor('handler'))).body()
    assert.deepEqual([paged.meta.total, paged.data[0].id], [2, id])

    await client.post(`/api/v1/notices/${id}/urge`).withCsrfToken().loginAs(await actor('handler'))
    const exported = await client.get('/api/v1/notices/export').qs({ show_urges: '1' }).loginAs(await actor('handler'))
    exported.assertStatus(200)
    const sheet = await readSheet(exported.body())
    assert.equal(sheet.rows[0][0], '类型')
    assert.deepEqual(sheet.rows.slice(1).map((row) => [row[0], row[1]]), [
      ['通知', '第二条通知'],
      ['通知', VALID.title],
      ['催办', `【催办】${VALID.title}`],
    ])
    const recipients = await client.get(`/api/v1/notices/${id}/recipients/export`).loginAs(await actor('handler'))
    recipients.assertStatus(200)
    const recipientSheet = await readSheet(recipients.body())
    assert.lengthOf(recipientSheet.rows, 4)
    assert.equal(recipientSheet.rows[1][3], '139****0010')
    assert.isAbove(Number((await db.from('audit_logs').where('action', 'export').count('* as n'))[0].n), 1)
  })

  test('attachments: type by magic bytes, size, count; claimed by the publish; downloaded by recipients and the street, audited', async ({ client, assert }) => {
    const upload = async (content: Buffer, name: string, who: 'handler' | 'nanyuan' | 'futian' = 'handler') =>
      client.post('/api/v1/notices/attachments').file('file', content, { filename: name }).withCsrfToken().loginAs(await actor(who))

    const png = await upload(PNG, '现场照片.png')
    assert.equal(png.status(), 201, JSON.stringify(png.body()))
    assert.equal(png.body().data.contentType, 'image/png')
    const pdf = await upload(PDF, '检查表.pdf')
    pdf.assertStatus(201)

    // the extension lies: PNG bytes named .pdf, a script named .docx, an exe named .jpg
    for (const [content, name] of [[PNG, 'fake.pdf'], [Buffer.from('<script>alert(1)</script>'), 'fake.docx'], [Buffer.from('MZ\x90\x00'), 'fake.jpg']] as const) {
      const refused = await upload(content as Buffer, name)
      refused.assertStatus(422)
      assert.include(refused.body().errors[0].message, '不符')
    }
    const exe = await upload(Buffer.from('MZ'), 'tool.exe')
    exe.assertStatus(422)
    assert.include(exe.body().errors[0].message, '格式')
    const big = await upload(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf')
    big.assertStatus(422)
    assert.include(big.body().errors[0].message, '10MB')
    // JSON to the upload route, and multipart to any other route
    const json = await client.post('/api/v1/notices/attachments').json({ file: 'x' }).withCsrfToken().loginAs(await actor('handler'))
    json.assertStatus(422)
    const elsewhere = await client.post('/api/v1/notices').file('file', PNG, { filename: 'a.png' }).withCsrfToken().loginAs(await actor('handler'))
    elsewhere.assertStatus(415)
    // district accounts do not publish, so they do not upload
    ;(await upload(PNG, 'a.png', 'futian')).assertStatus(403)

    // another street's handler cannot claim this upload
    const stolen = await client.post('/api/v1/notices').json({ ...VALID, estate_ids: [E.e4], attachments: [png.body().data.token] }).withCsrfToken().loginAs(await actor('nanyuan'))
    stolen.assertStatus(422)
    assert.equal(stolen.body().errors[0].field, 'attachments.0')

    const published = await publish(client, { ...VALID, attachments: [png.body().data.token, pdf.body().data.token] })
    published.assertStatus(201)
    const id = published.body().data.id
    const rows = await db.from('notice_attachments').where('notice_id', id).orderBy('id')
    assert.deepEqual(rows.map((r) => [r.file_name, r.content_type, Number(r.size_bytes)]), [
      ['现场照片.png', 'image/png', PNG.length],
      ['检查表.pdf', 'application/pdf', PDF.length],
    ])
    // a token is claimed once
    const again = await publish(client, { ...VALID, attachments: [png.body().data.token] })
    again.assertStatus(422)
    assert.equal(again.body().errors[0].field, 'attachments.0')

    const attachmentId = rows[0].id
    const auditBefore = Number((await db.from('audit_logs').where('action', 'export').count('* as n'))[0].n)
    for (const who of ['manager', 'handler', 'futian'] as const) {
      const download = await client.get(`/api/v1/notices/${id}/attachments/${attachmentId}`).loginAs(await actor(who))
      download.assertStatus(200)
      assert.equal(download.header('content-type'), 'image/png')
      assert.include(download.header('content-disposition'), encodeURIComponent('现场照片.png'))
    }
    assert.equal(Number((await db.from('audit_logs').where('action', 'export').count('* as n'))[0].n), auditBefore + 3)
    for (const who of ['nanyuanManager', 'nanyuan', 'community'] as const) {
      ;(await client.get(`/api/v1/notices/${id}/attachments/${attachmentId}`).loginAs(await actor(who))).assertStatus(404)
    }
    ;(await client.get(`/api/v1/notices/${id}/attachments/${rows[1].id + 1}`).loginAs(await actor('manager'))).assertStatus(404)
    const received = (await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor('director'))).body().data
    assert.deepEqual(received.attachments.map((a: any) => a.fileName), ['现场照片.png', '检查表.pdf'])
  })

  test('the estate picker lists the street\'s estates with their managers and directors', async ({ client, assert }) => {
    const response = await client.get('/api/v1/notices/estates').loginAs(await actor('handler'))
    response.assertStatus(200)
    assert.deepEqual(response.body().data.map((e: any) => [e.id, e.managerCount, e.directorCount]).sort((a: number[], b: number[]) => a[0] - b[0]), [
      [E.e1, 1, 1],
      [E.e2, 0, 0],
      [E.e3, 1, 0],
      [E.e6, 0, 0],
    ])
    ;(await client.get('/api/v1/notices/estates').loginAs(await actor('futian'))).assertStatus(403)
  })
})
