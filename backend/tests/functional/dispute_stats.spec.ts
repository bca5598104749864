import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { insertDisputes } from '#tests/support/disputes'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'

/**
 * 纠纷化解统计 (module 22) over the small world, disputes as seeded below (entered by the estate's district):
 *
 *   园岭一社区: e1 — 车位占用 已办结 (10 days), 物业费 处理中, 服务质量 待转办;  e2 — 物业费 待确认办结
 *   园岭二社区: e3 — 相邻关系 待处理, 其他车位纠纷 已办结 (21 days: closed 02:00 on the next Shenzhen day);  e6 — none
 *   南园一社区: e4 — 其他纠纷 已办结 (5 days)
 *   桂园一社区 (罗湖): e5 — 业委会 处理中
 */
async function seedDisputes() {
  await insertDisputes([
    { estate: E.e1, type: 'parking_occupation', state: 'closed', reportedOn: '2026-10-01', closedAt: '2026-10-11T02:00:00Z' },
    { estate: E.e1, type: 'property_fee', state: 'handling' },
    { estate: E.e1, type: 'service_quality', state: 'registered' },
    { estate: E.e2, type: 'property_fee', state: 'closing' },
    { estate: E.e3, type: 'neighbour', state: 'transferred' },
    { estate: E.e3, type: 'parking_other', state: 'closed', reportedOn: '2026-09-01', closedAt: '2026-09-21T18:00:00Z' },
    { estate: E.e4, type: 'other', state: 'closed', reportedOn: '2026-10-01', closedAt: '2026-10-06T02:00:00Z' },
    { estate: E.e5, type: 'committee', state: 'handling' },
  ])
  await syncWarehouse()
}

const ZERO = {
  disputes: 0, registeredDisputes: 0, transferredDisputes: 0, handlingDisputes: 0, closingDisputes: 0, closedDisputes: 0, openDisputes: 0,
  closeRate: 0, averageDays: null,
  propertyFeeDisputes: 0, serviceQualityDisputes: 0, commonFundDisputes: 0, committeeDisputes: 0, handoverDisputes: 0, renovationDisputes: 0, neighbourDisputes: 0,
  parkingDisputes: 0, otherDisputes: 0,
}

const row = (id: number, name: string, level: string, values: Partial<typeof ZERO> & Record<string, number | null>) => ({ id, name, level, ...ZERO, ...values })

test.group('纠纷化解统计 · numbers per level from the warehouse', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedDisputes()
  })

  test('the city sees each district by state and type, 办结率 and 平均办理天数, with 合计', async ({ client, assert }) => {
    const response = await client.visit('api.dispute_stats.index').loginAs(await actor('city'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.equal(meta.childLevel, 'district')
    assert.deepEqual(data, [
      row(R.futian, '福田区', 'district', {
        disputes: 7, registeredDisputes: 1, transferredDisputes: 1, handlingDisputes: 1, closingDisputes: 1, closedDisputes: 3, openDisputes: 4,
        closeRate: 3 / 7, averageDays: (10 + 21 + 5) / 3, propertyFeeDisputes: 2, serviceQualityDisputes: 1, neighbourDisputes: 1, parkingDisputes: 2, otherDisputes: 1,
      }),
      row(R.luohu, '罗湖区', 'district', { disputes: 1, handlingDisputes: 1, openDisputes: 1, committeeDisputes: 1 }),
    ])
    assert.deepEqual(meta.totals, {
      ...ZERO, disputes: 8, registeredDisputes: 1, transferredDisputes: 1, handlingDisputes: 2, closingDisputes: 1, closedDisputes: 3, openDisputes: 5,
      closeRate: 3 / 8, averageDays: 12, propertyFeeDisputes: 2, serviceQualityDisputes: 1, committeeDisputes: 1, neighbourDisputes: 1, parkingDisputes: 2, otherDisputes: 1,
    })
  })

  test('drills 区 → 街道 → 社区 → 物业项目 (every child region, zero rows included); each level equals PostgreSQL counted from the same rows', async ({ client, assert }) => {
    const futian = await actor('futian')
    const streets = (await client.visit('api.dispute_stats.index').loginAs(futian)).body()
    assert.deepEqual(streets.data.map((r: any) => [r.name, r.level, r.disputes, r.closedDisputes, r.openDisputes]), [['园岭街道', 'street', 6, 2, 4], ['南园街道', 'street', 1, 1, 0]])
    const communities = (await client.visit('api.dispute_stats.index').qs({ region_id: R.yuanling }).loginAs(futian)).body()
    assert.deepEqual(communities.data.map((r: any) => [r.name, r.disputes, r.registeredDisputes, r.closingDisputes, r.averageDays]), [['园岭一社区', 4, 1, 1, 10], ['园岭二社区', 2, 0, 0, 21]])
    const estates = (await client.visit('api.dispute_stats.index').qs({ region_id: R.yl2 }).loginAs(futian)).body()
    assert.equal(estates.meta.childLevel, 'estate')
    assert.deepEqual(estates.data.map((r: any) => [r.id, r.level, r.disputes, r.neighbourDisputes, r.parkingDisputes, r.closeRate, r.averageDays]).sort((a: any, b: any) => a[0] - b[0]), [
      [E.e3, 'estate', 2, 1, 1, 0.5, 21],
      [E.e6, 'estate', 0, 0, 0, 0, null],
    ])
    // PostgreSQL's own count per community of 园岭 and state
    const pg = await db.from('disputes as d').join('estates as e', 'e.id', 'd.estate_id').where('e.street_id', R.yuanling)
      .groupBy('e.community_id').orderBy('e.community_id').select('e.community_id', db.raw('count(*)::int as n'), db.raw("count(*) filter (where d.state = 'closed')::int as closed"))
    assert.deepEqual(pg.map((r) => [r.community_id, r.n, r.closed]), communities.data.map((r: any) => [r.id, r.disputes, r.closedDisputes]))
  })

  test('穿透: every count opens as many rows of the ledger with the same region, state, type, ledger or type group', async ({ client, assert }) => {
    const futian = await actor('futian')
    const { data, meta } = (await client.visit('api.dispute_stats.index').qs({ region_id: R.yuanling }).loginAs(futian)).body()
    const { disputes } = await import('@szpm/core')
    const metrics = disputes.statistics!.metrics as Record<string, { records?: Record<string, string> }>
    let checked = 0
    for (const region of [...data.map((r: any) => ({ id: r.id, values: r })), { id: R.yuanling, values: meta.totals }]) {
      for (const [key, metric] of Object.entries(metrics)) {
        if (!metric.records) continue
        const list = await client.visit('api.disputes.index').qs({ region_id: region.id, ...metric.records, per_page: 1 }).loginAs(futian)
        list.assertStatus(200)
        assert.equal(list.body().meta.total, region.values[key], `${key} of region ${region.id}`)
        checked++
      }
    }
    assert.equal(checked, 3 * 16)
    // the rows behind 车位纠纷 are the parking types
    const parking = await client.visit('api.disputes.index').qs({ region_id: R.yuanling, type_group: 'parking' }).loginAs(futian)
    assert.sameMembers(parking.body().data.map((r: any) => r.disputeType), ['parking_occupation', 'parking_other'])
    const bad = await client.visit('api.disputes.index').qs({ type_group: 'x' }).loginAs(futian)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'type_group')
  })

  test('scope: a region outside the user is 404 (as the export), bad input 422, no feature 403', async ({ client, assert }) => {
    const head = await actor('head')
    ;(await client.visit('api.dispute_stats.index').qs({ region_id: R.guiyuan }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.dispute_stats.index').qs({ region_id: R.nanyuan }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.dispute_stats.export').qs({ region_id: R.luohu }).loginAs(await actor('futian'))).assertStatus(404)
    const bad = await client.visit('api.dispute_stats.index').qs({ region_id: 'x' }).loginAs(head)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
    ;(await client.visit('api.dispute_stats.index').loginAs(await actor('manager'))).assertStatus(403)
  })

  test('exports the table with every state and type column, ending with 合计', async ({ client, assert }) => {
    const response = await client.visit('api.dispute_stats.export').qs({ region_id: R.yuanling }).loginAs(await actor('futian'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    const flat = sheet.rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v)))
    const header = flat.find((r) => r[0] === '社区')!
    assert.include(header.join('|'), '纠纷总数(宗)')
    const joined = flat.map((r) => r.join('|')).join('\n')
    for (const label of ['办结率', '平均办理天数(天)', '物业费纠纷(宗)', '车位纠纷(宗)', '其他纠纷(宗)']) assert.include(joined, label)
    const total = flat[flat.length - 1]
    assert.equal(total[0], '合计')
    assert.equal(total[1], 6)
    assert.include(total, '33.3%')
  })
})

test.group('纠纷化解统计 · facts written with every step', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('录入, 转办, 处理, 申请办结, 退回, 确认办结: one outbox event each in its transaction; the drained figures follow every step (车位信息 too)', async ({ client, assert }) => {
    const futian = await actor('futian')
    const handler = await actor('handler')
    const stats = async () => (await client.visit('api.dispute_stats.index').qs({ region_id: R.yl1 }).loginAs(futian)).body().data.find((r: any) => r.id === E.e1)
    const parkingOf = async () => (await client.visit('api.parking_stats.index').qs({ region_id: R.yl1 }).loginAs(futian)).body().data.find((r: any) => r.id === E.e1)
    const events = async (id: number) => (await db.from('outbox_events').where('topic', 'dispute').orderBy('id')).filter((e) => Number(e.payload.dispute_id) === id).map((e) => e.payload.state)

    const created = await client.post('/api/v1/disputes').json({
      estate_id: E.e1, dispute_type: 'parking_charging', title: '充电桩安装受阻', parties: '业主李某；物业', summary: '申请安装充电桩被拒', reported_on: '2026-11-18',
    }).withCsrfToken().loginAs(futian)
    created.assertStatus(201)
    const id = created.body().data.id
    assert.deepEqual(await events(id), ['registered'])
    await drain()
    assert.deepInclude(await stats(), { disputes: 1, registeredDisputes: 1, parkingDisputes: 1, openDisputes: 1 })
    assert.deepInclude(await parkingOf(), { disputes: 1, chargingDisputes: 1 })

    const step = async (who: any, path: string, body: Record<string, unknown> = {}) => {
      const version = (await db.from('disputes').where('id', id).firstOrFail()).version
      const response = await client.post(`/api/v1/disputes/${id}/${path}`).json({ ...body, version }).withCsrfToken().loginAs(who)
      assert.equal(response.status(), 200, JSON.stringify(response.body()))
      await drain()
    }
    await step(futian, 'transfer')
    assert.deepInclude(await stats(), { registeredDisputes: 0, transferredDisputes: 1 })
    await step(handler, 'handle', { handled_on: '2026-11-27', measures: '协调供电部门', progress: '已提交报装' })
    assert.deepInclude(await stats(), { transferredDisputes: 0, handlingDisputes: 1 })
    await step(handler, 'apply-close', { result: '已安装' })
    assert.deepInclude(await stats(), { handlingDisputes: 0, closingDisputes: 1 })
    await step(futian, 'return', { opinion: '请补充验收材料' })
    assert.deepInclude(await stats(), { closingDisputes: 0, handlingDisputes: 1 })
    await step(handler, 'apply-close', { result: '已补充验收材料' })
    await step(futian, 'confirm-close')
    // closed on 2026-11-28 (Shenzhen), reported 2026-11-18: 10 days
    assert.deepInclude(await stats(), { disputes: 1, closedDisputes: 1, openDisputes: 0, closeRate: 1, averageDays: 10, parkingDisputes: 1 })
    assert.deepInclude(await parkingOf(), { disputes: 1, chargingDisputes: 1 })
    assert.deepEqual(await events(id), ['registered', 'transferred', 'handling', 'closing', 'handling', 'closing', 'closed'])

    // a refused step writes no event (the transaction rolls back with it)
    const stale = await client.post(`/api/v1/disputes/${id}/return`).json({ version: 1, opinion: 'x' }).withCsrfToken().loginAs(futian)
    assert.oneOf(stale.status(), [409, 422])
    assert.lengthOf(await events(id), 7)

    const differences = (await reconcileWarehouse()).differences.filter((difference: { table: string }) => difference.table === 'dispute_facts')
    assert.deepEqual(differences, [])
  })

  test('录入并转办 at once is one event in the final state; a non-parking type leaves 车位信息 unchanged', async ({ client, assert }) => {
    const futian = await actor('futian')
    const created = await client.post('/api/v1/disputes').json({
      estate_id: E.e4, dispute_type: 'renovation', title: '违规装修', parties: '业主王某', summary: '拆改承重墙', reported_on: '2026-11-20', transfer: true,
    }).withCsrfToken().loginAs(futian)
    created.assertStatus(201)
    const events = await db.from('outbox_events').where('topic', 'dispute')
    assert.deepEqual(events.map((e) => [e.payload.dispute_id, e.payload.state, e.payload.dispute_type, e.payload.closed_on]), [[created.body().data.id, 'transferred', 'renovation', null]])
    await drain()
    const stats = (await client.visit('api.dispute_stats.index').qs({ region_id: R.ny1 }).loginAs(futian)).body().data[0]
    assert.deepInclude(stats, { id: E.e4, disputes: 1, transferredDisputes: 1, renovationDisputes: 1, parkingDisputes: 0 })
    const parking = (await client.visit('api.parking_stats.index').qs({ region_id: R.ny1 }).loginAs(futian)).body().data[0]
    assert.equal(parking.disputes, 0)
  })
})
