import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse } from '#tests/support/warehouse'

/**
 * 通知阅读统计 and 查看全部统计 of one notice: publish and read through the API, drain the outbox into
 * the warehouse (one fact row per recipient per estate), read the figures through the API — equal to
 * PostgreSQL's own count — and the recipients with their read time from PostgreSQL.
 *
 * The world's recipients in 园岭街道: 项目经理 `manager` of e1 (园岭一社区) and e3 (园岭二社区),
 * 业委会主任 `director` of e1. e2 and e6 have no estate-side account.
 */
const fileNameOf = (disposition: string) => decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')

/** 园岭's street office publishes a notice to all its estates, both audiences (POST notices) */
async function publish(client: any): Promise<number> {
  const response = await client
    .post('/api/v1/notices')
    .json({ title: '关于消防检查的通知', body: '<p>请自查</p>', audience: 'both', estate_scope: 'all' })
    .loginAs(await actor('handler'))
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().data.id
}

/** PostgreSQL's count of a notice's receipts, optionally of one community's estates */
async function postgresCounts(noticeId: number, communityId?: number) {
  const query = db.from('notice_receipts as r').join('estates as e', 'e.id', 'r.estate_id').where('r.notice_id', noticeId)
  if (communityId) query.where('e.community_id', communityId)
  const row = await query.select(db.raw('count(*)::int as recipients'), db.raw('count(r.read_at)::int as read')).first()
  return { recipients: row.recipients, read: row.read, unread: row.recipients - row.read }
}

test.group('通知阅读统计 (warehouse) and 查看全部统计', (group) => {
  group.each.setup(() => resetWorld())

  test('per notice: communities of the street, then estates, from the warehouse — equal to PostgreSQL; reads move them', async ({ client, assert }) => {
    const id = await publish(client)
    const handler = await actor('handler')
    const show = (query: Record<string, unknown> = {}) => client.get(`/api/v1/notices/${id}/stats`).qs(query).loginAs(handler)

    // nothing drained yet: the warehouse does not know the notice
    const before = await show()
    before.assertStatus(200)
    assert.deepInclude(before.body().meta.totals, { recipients: 0, read: 0 })
    assert.equal((await drain()).events, 3)

    const street = await show()
    street.assertStatus(200)
    const { data, meta } = street.body()
    assert.equal(meta.childLevel, 'community')
    assert.deepEqual(meta.breadcrumb.map((crumb: any) => crumb.id), [R.yuanling])
    assert.deepInclude(meta.notice, { id, title: '关于消防检查的通知', streetId: R.yuanling, streetName: '园岭街道' })
    assert.deepEqual(
      data.map((row: any) => [row.id, row.name, row.recipients, row.read, row.unread, row.readRate]),
      [
        [R.yl1, '园岭一社区', 2, 0, 2, 0],
        [R.yl2, '园岭二社区', 1, 0, 1, 0],
      ]
    )
    assert.deepInclude(meta.totals, await postgresCounts(id))

    // 项目经理 reads it once: both of their receipts (e1, e3) are read
    ;(await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor('manager'))).assertStatus(200)
    assert.equal((await drain()).events, 2)
    const read = (await show()).body()
    assert.deepEqual(read.data.map((row: any) => [row.id, row.recipients, row.read, row.unread, row.readRate]), [
      [R.yl1, 2, 1, 1, 0.5],
      [R.yl2, 1, 1, 0, 1],
    ])
    assert.deepInclude(read.meta.totals, { ...(await postgresCounts(id)), readRate: 2 / 3 })

    // a community: its estates that received the notice (not e2, which has no recipient)
    const community = (await show({ region_id: R.yl1 })).body()
    assert.equal(community.meta.childLevel, 'estate')
    assert.deepEqual(community.meta.breadcrumb.map((crumb: any) => crumb.id), [R.yuanling, R.yl1])
    assert.deepEqual(community.data.map((row: any) => [row.id, row.name, row.recipients, row.read]), [[E.e1, '翠园小区', 2, 1]])
    assert.deepInclude(community.meta.totals, await postgresCounts(id, R.yl1))

    // the estate: who received it and when each read it (PostgreSQL)
    const recipients = await client.get(`/api/v1/notices/${id}/stats/recipients`).qs({ estate_id: E.e1 }).loginAs(handler)
    recipients.assertStatus(200)
    const readAt = (await db.from('notice_receipts').where({ notice_id: id, estate_id: E.e1, user_id: USERS.manager.id }).firstOrFail()).read_at
    assert.deepEqual(
      recipients.body().data.map((row: any) => [row.name, row.relation, row.relationName, row.readAt]),
      [
        [USERS.manager.name, 'project_manager', '项目经理', new Date(readAt).toISOString()],
        [USERS.director.name, 'committee_director', '业委会主任', null],
      ]
    )
    assert.deepEqual(recipients.body().meta.totals, { recipients: 2, read: 1, unread: 1, readRate: 0.5 })
    assert.deepEqual(recipients.body().meta.breadcrumb.map((crumb: any) => crumb.id), [R.yuanling, R.yl1, E.e1])
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })

  test('the generic 通知阅读统计 covers every notice of the region; the district sees its streets', async ({ client, assert }) => {
    const first = await publish(client)
    await publish(client)
    ;(await client.get(`/api/v1/notices/received/${first}`).loginAs(await actor('director'))).assertStatus(200)
    await drain()
    const street = await client.visit('api.notice_statistics.index').loginAs(await actor('handler'))
    street.assertStatus(200)
    assert.deepInclude(street.body().meta.totals, { recipients: 6, read: 1, unread: 5 })
    const district = await client.visit('api.notice_statistics.index').loginAs(await actor('futian'))
    assert.deepEqual(
      district.body().data.map((row: any) => [row.id, row.recipients, row.read]),
      [
        [R.yuanling, 6, 1],
        [R.nanyuan, 0, 0],
      ]
    )
  })

  test('scope: a notice of another street, a region outside the notice, an estate it did not reach — all 404', async ({ client, assert }) => {
    const id = await publish(client)
    await drain()
    // 园岭's street office and the district above it see it
    ;(await client.get(`/api/v1/notices/${id}/stats`).loginAs(await actor('head'))).assertStatus(200)
    ;(await client.get(`/api/v1/notices/${id}/stats`).loginAs(await actor('futian'))).assertStatus(200)
    // another street, another district: as if it did not exist
    for (const who of ['nanyuan', 'guiyuan', 'luohu'] as const) {
      const response = await client.get(`/api/v1/notices/${id}/stats`).loginAs(await actor(who))
      response.assertStatus(404)
      assert.equal(response.body().errors[0].message, '记录不存在')
      ;(await client.get(`/api/v1/notices/${id}/stats/recipients`).qs({ estate_id: E.e1 }).loginAs(await actor(who))).assertStatus(404)
    }
    const handler = await actor('handler')
    // a missing notice
    ;(await client.get(`/api/v1/notices/99999/stats`).loginAs(handler)).assertStatus(404)
    // regions outside the notice's street (even ones the district admin may see)
    ;(await client.get(`/api/v1/notices/${id}/stats`).qs({ region_id: R.ny1 }).loginAs(await actor('futian'))).assertStatus(404)
    ;(await client.get(`/api/v1/notices/${id}/stats`).qs({ region_id: R.futian }).loginAs(await actor('futian'))).assertStatus(404)
    // an estate of the street the notice did not reach is in the notice (estate_scope all) — e4 is not
    ;(await client.get(`/api/v1/notices/${id}/stats/recipients`).qs({ estate_id: E.e4 }).loginAs(handler)).assertStatus(404)
    // bad input: 422 with the field named, in Chinese
    const bad = await client.get(`/api/v1/notices/${id}/stats`).qs({ region_id: 'abc' }).loginAs(handler)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
    const missing = await client.get(`/api/v1/notices/${id}/stats/recipients`).loginAs(handler)
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'estate_id')
    // estate-side accounts hold no notices feature
    ;(await client.get(`/api/v1/notices/${id}/stats`).loginAs(await actor('manager'))).assertStatus(403)
  })

  test('every table exports to Excel: the drill table with 合计, the recipients with their read time', async ({ client, assert }) => {
    const id = await publish(client)
    ;(await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor('manager'))).assertStatus(200)
    await drain()
    const handler = await actor('handler')
    const table = await client.get(`/api/v1/notices/${id}/stats/export`).loginAs(handler)
    table.assertStatus(200)
    assert.equal(fileNameOf(table.header('content-disposition')), '通知阅读统计-关于消防检查的通知-园岭街道.xlsx')
    const { rows } = await readSheet(table.body())
    assert.deepEqual(rows[0], ['社区', '接收人次(人次)', '已读(人次)', '未读(人次)', '阅读率'])
    assert.deepEqual(rows.slice(1), [
      ['园岭一社区', 2, 1, 1, '50.0%'],
      ['园岭二社区', 1, 1, 0, '100.0%'],
      ['合计', 3, 2, 1, '66.7%'],
    ])
    const people = await client.get(`/api/v1/notices/${id}/stats/recipients/export`).qs({ estate_id: E.e1 }).loginAs(handler)
    people.assertStatus(200)
    const sheet = (await readSheet(people.body())).rows
    assert.deepEqual(sheet[0], ['物业项目', '接收人', '身份', '阅读状态', '阅读时间'])
    assert.deepEqual(sheet[1].slice(0, 4), ['翠园小区', USERS.manager.name, '项目经理', '已读'])
    assert.match(String(sheet[1][4]), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    assert.deepEqual(sheet[2].slice(0, 4), ['翠园小区', USERS.director.name, '业委会主任', '未读'])
    assert.deepEqual(sheet[3].slice(0, 4), ['合计', undefined, undefined, '已读 1 / 2，阅读率 50.0%'])
    // an export needs notices.export: the party secretary has none of the module
    ;(await client.get(`/api/v1/notices/${id}/stats/export`).loginAs(await actor('party'))).assertStatus(403)
  })
})

test.group('通知接收记录 (穿透 of 通知阅读统计)', (group) => {
  group.each.setup(() => resetWorld())

  test('the receipts behind each number: region, estate, read filters; export; scope', async ({ client, assert }) => {
    const id = await publish(client)
    ;(await client.get(`/api/v1/notices/received/${id}`).loginAs(await actor('manager'))).assertStatus(200)
    const handler = await actor('handler')
    const list = async (qs: Record<string, unknown>) => {
      const response = await client.visit('api.notice_receipts.index').qs(qs).loginAs(handler)
      response.assertStatus(200)
      return response.body()
    }
    const all = await list({})
    assert.equal(all.meta.total, 3)
    assert.deepEqual(
      all.data.map((row: any) => [row.estateName, row.recipientName, row.relationName, row.read]),
      [
        ['翠园小区', USERS.manager.name, '项目经理', true],
        ['翠园小区', USERS.director.name, '业委会主任', false],
        ['碧海花园', USERS.manager.name, '项目经理', true],
      ]
    )
    assert.deepInclude(all.data[0], { noticeId: id, noticeTitle: '关于消防检查的通知', streetName: '园岭街道', communityName: '园岭一社区' })
    // the numbers' filters (declared `records` of each metric): 已读 / 未读, a community, an estate
    assert.equal((await list({ read: '1' })).meta.total, 2)
    assert.deepEqual((await list({ read: '0' })).data.map((row: any) => row.recipientName), [USERS.director.name])
    assert.equal((await list({ region_id: R.yl2 })).meta.total, 1)
    assert.equal((await list({ estate_id: E.e1, read: '0' })).meta.total, 1)
    assert.equal((await list({ q: '不存在的标题' })).meta.total, 0)
    // another street's clerk sees none of them; another street's region is a 404
    const other = await client.visit('api.notice_receipts.index').loginAs(await actor('nanyuan'))
    assert.equal(other.body().meta.total, 0)
    ;(await client.visit('api.notice_receipts.index').qs({ region_id: R.yl1 }).loginAs(await actor('nanyuan'))).assertStatus(404)
    const bad = await client.visit('api.notice_receipts.index').qs({ read: 'maybe' }).loginAs(handler)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'read')

    const file = await client.visit('api.notice_receipts.export').qs({ read: '1' }).loginAs(handler)
    file.assertStatus(200)
    assert.equal(fileNameOf(file.header('content-disposition')), '通知接收记录-园岭街道.xlsx')
    const { rows } = await readSheet(file.body())
    assert.deepEqual(rows[0], ['所属区', '所属街道', '所属社区', '物业项目', '通知标题', '发布时间', '接收人', '身份', '阅读状态', '阅读时间'])
    assert.lengthOf(rows, 3)
    assert.deepEqual(rows[1].slice(0, 5), ['福田区', '园岭街道', '园岭一社区', '翠园小区', '关于消防检查的通知'])
    assert.deepEqual(rows[1].slice(6, 9), [USERS.manager.name, '项目经理', '已读'])
  })
})
