import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { writeParkingProfileOutbox, writeParkingSpaceOutbox } from '@szpm/etl'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import { insertDisputes } from '#tests/support/disputes'

/**
 * 车位信息 (module 10) over the small world: households come from the house register (estate N has
 * 90·N households: e1 90, e2 180, e3 270, e6 540, e4 360). Parking as seeded below:
 *
 * The disputes are 纠纷化解台账's (the `parking_*` types count, others do not):
 *   园岭一社区: e1 filled in — 3 产权, 1 人防, 2 充电; disputes 占用 + 收费 (+ a 物业费纠纷).  e2 never filled in.
 *   园岭二社区: e3 never filled in (one 收费 dispute).  e6 filled in — 2 租赁, 2 临停.
 *   南园一社区: e4 filled in — 5 产权; one 产权 dispute.   桂园: e5 never filled in.
 */
const SPACES: [estate: number, kind: string, count: number][] = [
  [E.e1, 'owned', 3], [E.e1, 'civil_defense', 1], [E.e1, 'charging', 2],
  [E.e6, 'rented', 2], [E.e6, 'temporary', 2],
  [E.e4, 'owned', 5],
]

async function seedParking() {
  const now = new Date('2026-06-01T02:00:00Z')
  let n = 0
  await db.table('parking_spaces').multiInsert(SPACES.flatMap(([estateId, kind, count]) =>
    Array.from({ length: count }, () => ({ estate_id: estateId, kind, code: `B1-${String(++n).padStart(4, '0')}`, location: '地下一层A区', status: n % 4 === 0 ? 'idle' : 'in_use' }))))
  await db.table('estate_parking_profiles').multiInsert([E.e1, E.e6, E.e4].map((estateId) => ({ estate_id: estateId, filled_at: now })))
  await insertDisputes([
    { estate: E.e1, type: 'parking_occupation', reportedOn: '2026-03-01', state: 'closed' },
    { estate: E.e1, type: 'parking_fee', reportedOn: '2026-04-01', state: 'registered' },
    { estate: E.e1, type: 'property_fee', reportedOn: '2026-04-02' },
    { estate: E.e3, type: 'parking_fee', reportedOn: '2026-05-01' },
    { estate: E.e4, type: 'parking_ownership', reportedOn: '2026-02-01', state: 'closed' },
  ])
  await syncWarehouse()
}

const ZERO_KINDS = { ownedSpaces: 0, ownedShare: 0, civilDefenseSpaces: 0, civilDefenseShare: 0, rentedSpaces: 0, rentedShare: 0, temporarySpaces: 0, temporaryShare: 0, chargingSpaces: 0, chargingShare: 0, otherSpaces: 0, otherShare: 0 }
const ZERO_DISPUTES = { disputes: 0, occupationDisputes: 0, feeDisputes: 0, ownershipDisputes: 0, leaseSaleDisputes: 0, chargingDisputes: 0, otherDisputes: 0 }

test.group('车位信息 · statistics from the warehouse', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('a street head sees spaces by kind with shares, spaces per household, estates without parking information and disputes by type', async ({ client, assert }) => {
    const response = await client.visit('api.parking_stats.index').loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data, [
      {
        id: R.yl1, name: '园岭一社区', level: 'community', estates: 2, estatesWithoutInfo: 1, spaces: 6,
        ...ZERO_KINDS, ownedSpaces: 3, ownedShare: 3 / 6, civilDefenseSpaces: 1, civilDefenseShare: 1 / 6, chargingSpaces: 2, chargingShare: 2 / 6,
        households: 270, spacesPerHousehold: 6 / 270, ...ZERO_DISPUTES, disputes: 2, occupationDisputes: 1, feeDisputes: 1,
      },
      {
        id: R.yl2, name: '园岭二社区', level: 'community', estates: 2, estatesWithoutInfo: 1, spaces: 4,
        ...ZERO_KINDS, rentedSpaces: 2, rentedShare: 0.5, temporarySpaces: 2, temporaryShare: 0.5,
        households: 810, spacesPerHousehold: 4 / 810, ...ZERO_DISPUTES, disputes: 1, feeDisputes: 1,
      },
    ])
    assert.deepEqual(meta.totals, {
      estates: 4, estatesWithoutInfo: 2, spaces: 10,
      ...ZERO_KINDS, ownedSpaces: 3, ownedShare: 0.3, civilDefenseSpaces: 1, civilDefenseShare: 0.1, rentedSpaces: 2, rentedShare: 0.2, temporarySpaces: 2, temporaryShare: 0.2, chargingSpaces: 2, chargingShare: 0.2,
      households: 1080, spacesPerHousehold: 10 / 1080, ...ZERO_DISPUTES, disputes: 3, occupationDisputes: 1, feeDisputes: 2,
    })
    assert.equal(meta.childLevel, 'community')
  })

  test('drills 区 → 街道 → 社区 → 物业项目; the numbers equal PostgreSQL counted from the same rows', async ({ client, assert }) => {
    const city = await actor('city')
    const districts = await client.visit('api.parking_stats.index').loginAs(city)
    assert.deepEqual(districts.body().data.map((r: any) => [r.name, r.spaces, r.estatesWithoutInfo, r.disputes]), [['福田区', 15, 2, 4], ['罗湖区', 0, 1, 0]])
    const streets = await client.visit('api.parking_stats.index').qs({ region_id: R.futian }).loginAs(city)
    assert.deepEqual(streets.body().data.map((r: any) => [r.name, r.spaces, r.ownedSpaces]), [['园岭街道', 10, 3], ['南园街道', 5, 5]])
    const estates = await client.visit('api.parking_stats.index').qs({ region_id: R.yl2 }).loginAs(city)
    assert.equal(estates.body().meta.childLevel, 'estate')
    assert.deepEqual(estates.body().data.map((r: any) => [r.id, r.level, r.spaces, r.estatesWithoutInfo, r.households, r.disputes]), [[E.e6, 'estate', 4, 0, 540, 0], [E.e3, 'estate', 0, 1, 270, 1]])
    // PostgreSQL's own count per street
    const pg = await db.from('parking_spaces as p').join('estates as e', 'e.id', 'p.estate_id').where('e.district_id', R.futian).groupBy('e.street_id').orderBy('e.street_id').select('e.street_id', db.raw('count(*)::int as spaces'))
    assert.deepEqual(pg.map((r) => [r.street_id, r.spaces]), [[R.yuanling, 10], [R.nanyuan, 5]])
    // no 未填报 without spaces: spaces per household is 0, never missing, for an estate with households
    assert.equal(estates.body().data[1].spacesPerHousehold, 0)
  })

  test('out of scope is 404, bad input 422 with the field', async ({ client, assert }) => {
    const head = await actor('head')
    const outside = await client.visit('api.parking_stats.index').qs({ region_id: R.guiyuan }).loginAs(head)
    outside.assertStatus(404)
    const bad = await client.visit('api.parking_stats.index').qs({ region_id: 'x' }).loginAs(head)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
  })

  test('exports the statistics table with every kind and dispute column, ending with 合计', async ({ client, assert }) => {
    const response = await client.visit('api.parking_stats.export').loginAs(await actor('head'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    const header = sheet.rows[0] as string[]
    assert.deepEqual(header.slice(0, 6), ['社区', '物业项目数(个)', '未填报车位信息(个)', '车位总数(个)', '产权车位(个)', '产权车位占比'])
    assert.include(header, '户均车位(个/户)')
    assert.include(header, '充电设施纠纷(宗)')
    const total = sheet.rows[3]
    assert.equal(total[0], '合计')
    assert.deepEqual(total.slice(1, 6), [4, 2, 10, 3, '30.0%'])
    assert.equal(total[header.indexOf('户均车位(个/户)')], 0.01)
    assert.equal(total[header.indexOf('收费纠纷(宗)')], 2)
    assert.lengthOf(sheet.rows, 4)
  })
})

test.group('车位信息 · the records behind the numbers (穿透)', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('lists the spaces of the region with place, kind and status; filters by kind, estate and keyword', async ({ client, assert }) => {
    const head = await actor('head')
    const all = await client.visit('api.parking_spaces.index').loginAs(head)
    all.assertStatus(200)
    assert.deepEqual(all.body().meta, { total: 10, page: 1, perPage: 20 })
    const first = all.body().data[0]
    assert.deepEqual(first, {
      id: first.id, districtName: '福田区', streetName: '园岭街道', communityName: '园岭一社区', estateId: E.e1, estateName: '翠园小区',
      code: 'B1-0001', kind: 'owned', kindName: '产权车位', location: '地下一层A区', status: 'in_use', statusName: '使用中', version: 1,
    })
    const charging = await client.visit('api.parking_spaces.index').qs({ kind: 'charging' }).loginAs(head)
    assert.deepEqual(charging.body().data.map((r: any) => [r.estateId, r.kindName]), [[E.e1, '充电车位'], [E.e1, '充电车位']])
    const estate = await client.visit('api.parking_spaces.index').qs({ estate_id: E.e6, per_page: 3 }).loginAs(head)
    assert.deepEqual([estate.body().meta.total, estate.body().data.length], [4, 3])
    const keyword = await client.visit('api.parking_spaces.index').qs({ q: '星河' }).loginAs(head)
    assert.equal(keyword.body().meta.total, 4)
    const idle = await client.visit('api.parking_spaces.index').qs({ status: 'idle' }).loginAs(head)
    assert.isTrue(idle.body().data.every((r: any) => r.statusName === '空置'))
  })

  test('scope and bad input: another street is 404, a wrong kind a 422 naming 车位类型', async ({ client, assert }) => {
    const head = await actor('head')
    const outside = await client.visit('api.parking_spaces.index').qs({ region_id: R.nanyuan }).loginAs(head)
    outside.assertStatus(404)
    const bad = await client.visit('api.parking_spaces.index').qs({ kind: 'garage', per_page: 0 }).loginAs(head)
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((e: any) => e.field), ['kind', 'per_page'])
    assert.include(bad.body().errors.find((e: any) => e.field === 'kind').message, '车位类型')
  })

  test('exports the list with the same filters, 所属区 included', async ({ client, assert }) => {
    const response = await client.visit('api.parking_spaces.export').qs({ kind: 'owned' }).loginAs(await actor('futian'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0], ['所属区', '所属街道', '所属社区', '物业项目', '车位编号', '车位类型', '位置', '状态'])
    assert.lengthOf(sheet.rows, 9)
    assert.deepEqual(sheet.rows.slice(1).map((r) => r[3]), ['翠园小区', '翠园小区', '翠园小区', '南园大厦', '南园大厦', '南园大厦', '南园大厦', '南园大厦'])
    assert.equal(sheet.rows[1][5], '产权车位')
  })
})

test.group('车位信息 · the estates behind the estate counts (穿透)', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('物业项目数 and 未填报车位信息 open the estates they count, per region and per estate', async ({ client, assert }) => {
    const futian = await actor('futian')
    const estates = (qs: Record<string, unknown>) => client.get('/api/v1/parking/estate_states').qs(qs).loginAs(futian)
    const yl1 = await estates({ region_id: R.yl1 })
    yl1.assertStatus(200)
    assert.deepEqual(
      yl1.body().data.map((row: any) => [row.estateId, row.estateName, row.streetName, row.state, row.stateName, row.filledOn, row.spaces]),
      [
        [E.e1, '翠园小区', '园岭街道', 'filled', '已填报', '2026-06-01', 6],
        [E.e2, '锦华苑', '园岭街道', 'never', '从未填报', null, 0],
      ]
    )
    const ids = async (qs: Record<string, unknown>) => (await estates(qs)).body().data.map((row: any) => row.estateId)
    assert.deepEqual(await ids({ state: 'never' }), [E.e2, E.e3])
    assert.deepEqual(await ids({ state: 'filled', q: '南园' }), [E.e4])
    // each number of the district's streets, of a community's estates and of the totals opens as many estates
    const links = [['estates', {}], ['estatesWithoutInfo', { state: 'never' }]] as const
    const district = (await client.get('/api/v1/stats/parking').loginAs(futian)).body()
    for (const row of district.data) {
      for (const [metric, filter] of links) assert.equal((await estates({ region_id: row.id, ...filter })).body().meta.total, row[metric], `${row.name} ${metric}`)
    }
    for (const [metric, filter] of links) assert.equal((await estates(filter)).body().meta.total, district.meta.totals[metric], `合计 ${metric}`)
    const community = (await client.get('/api/v1/stats/parking').qs({ region_id: R.yl2 }).loginAs(futian)).body()
    for (const row of community.data) {
      for (const [metric, filter] of links) assert.equal((await estates({ estate_id: row.id, ...filter })).body().meta.total, row[metric], `${row.name} ${metric}`)
    }
    // another district 404; bad input 422 naming the field in Chinese; no feature 403
    const street = await actor('handler')
    ;(await client.get('/api/v1/parking/estate_states').qs({ region_id: R.ny1 }).loginAs(street)).assertStatus(404)
    const bad = await estates({ state: 'sometimes' })
    bad.assertStatus(422)
    assert.deepEqual(bad.body().errors.map((error: any) => error.field), ['state'])
    assert.include(bad.body().errors[0].message, '填报情况')
    ;(await client.get('/api/v1/parking/estate_states').loginAs(await actor('party'))).assertStatus(403)
  })

  test('the estates list exports to Excel with the same filters, 所属区 included', async ({ client, assert }) => {
    const response = await client.get('/api/v1/parking/estate_states/export').qs({ state: 'never' }).loginAs(await actor('futian'))
    response.assertStatus(200)
    const { rows } = await readSheet(response.body())
    assert.deepEqual(rows[0], ['所属区', '所属街道', '所属社区', '物业项目', '填报情况', '首次填报日期', '车位总数'])
    assert.deepEqual(rows.slice(1).map((row) => [row[0], row[3], row[4], row[6]]), [['福田区', '锦华苑', '从未填报', 0], ['福田区', '碧海花园', '从未填报', 0]])
    ;(await client.get('/api/v1/parking/estate_states/export').qs({ region_id: R.ny1 }).loginAs(await actor('handler'))).assertStatus(404)
  })
})

test.group('车位信息 · changes reach the warehouse through the outbox', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('an added, a deleted space and a first filling-in are drained into the facts and the rollup; reconcile finds no difference', async ({ client, assert }) => {
    await db.transaction(async (trx) => {
      const query = (sql: string, params: unknown[]) => trx.rawQuery(sql, params as any[]).then((result) => result.rows)
      const [added] = await trx.table('parking_spaces').insert({ estate_id: E.e6, kind: 'charging', code: 'C-0001', location: '地面', status: 'in_use' }).returning('id')
      const removed = await trx.from('parking_spaces').where('estate_id', E.e6).where('kind', 'rented').orderBy('id').first()
      await trx.from('parking_spaces').where('id', removed.id).delete()
      await trx.table('estate_parking_profiles').insert({ estate_id: E.e3, filled_at: new Date() })
      await writeParkingSpaceOutbox(query, [Number(added.id), Number(removed.id)], { paramStyle: 'knex', estateOf: new Map([[Number(removed.id), E.e6]]) })
      await writeParkingProfileOutbox(query, [E.e3], { paramStyle: 'knex' })
    })
    await drain()
    const response = await client.visit('api.parking_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    assert.deepEqual(response.body().data.map((r: any) => [r.id, r.spaces, r.rentedSpaces, r.chargingSpaces, r.estatesWithoutInfo]), [[E.e6, 4, 1, 1, 0], [E.e3, 0, 0, 0, 0]])
    // every parking fact and the rollup equal PostgreSQL record by record (other modules' tables aside)
    const differences = (await reconcileWarehouse()).differences.filter((difference: { table: string }) => difference.table.startsWith('parking_'))
    assert.deepEqual(differences, [])
  })
})

test.group('车位信息 · 提醒更新', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('reminds the project managers of estates that never filled parking in, once a day; the second request says when the last went', async ({ client, assert }) => {
    const head = await actor('head')
    // 园岭: e2 and e3 never filled in; e3 has a project manager (`manager`), e2 none
    const first = await client.post('/api/v1/parking/remind').json({}).loginAs(head).withCsrfToken()
    first.assertStatus(200)
    const result = first.body().data
    assert.deepEqual(result, {
      estates: 2,
      estatesWithoutManager: 1,
      sent: 1,
      skipped: 0,
      lastSentAt: null,
      message: '已提醒 1 位项目经理更新 2 个物业项目的车位信息；1 个物业项目未设置项目经理账号',
    })
    const messages = await db.from('messages').where('reason', 'parking.remind')
    assert.deepEqual(messages.map((m) => [m.recipient_id, m.kind, m.module, m.sender_id]), [[USERS.manager.id, 'reminder', 'parking', USERS.head.id]])

    // the second the same day sends nothing and says when the last went (domain-rules §7)
    const second = await client.post('/api/v1/parking/remind').json({}).loginAs(head).withCsrfToken()
    second.assertStatus(409)
    assert.match(second.body().errors[0].message, /^今天 \d{2}:\d{2} 已提醒过，每天只能提醒一次，本次未发送$/)
    assert.lengthOf(await db.from('messages').where('reason', 'parking.remind'), 1)
  })

  test('a region outside the user is 404 and nothing is sent; bad input 422; a user without the feature 403', async ({ client, assert }) => {
    const head = await actor('head')
    const outside = await client.post('/api/v1/parking/remind').json({ region_id: R.nanyuan }).loginAs(head).withCsrfToken()
    outside.assertStatus(404)
    const bad = await client.post('/api/v1/parking/remind').json({ region_id: 'x' }).loginAs(head).withCsrfToken()
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
    const party = await client.post('/api/v1/parking/remind').json({}).loginAs(await actor('party')).withCsrfToken()
    party.assertStatus(403)
    assert.lengthOf(await db.from('messages').where('reason', 'parking.remind'), 0)
  })
})

test.group('车位信息 · the estate\'s project manager keeps its spaces', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('lists, adds, changes and deletes the spaces of an own estate; the first space marks the information filled in; the warehouse follows', async ({ client, assert }) => {
    const manager = await actor('manager')
    // e3 (碧海花园) never filled its parking information in
    const empty = await client.get(`/api/v1/parking/estates/${E.e3}`).loginAs(manager)
    empty.assertStatus(200)
    assert.deepEqual(empty.body().meta, { estate: { id: E.e3, name: '碧海花园' }, filledAt: null, total: 0, page: 1, perPage: 20 })

    const created = await client.post(`/api/v1/parking/estates/${E.e3}/spaces`).json({ kind: 'charging', code: ' C-01 ', location: '地面东侧' }).loginAs(manager).withCsrfToken()
    created.assertStatus(201)
    const space = created.body().data
    assert.deepInclude(space, { estateId: E.e3, code: 'C-01', kind: 'charging', kindName: '充电车位', location: '地面东侧', status: 'in_use', statusName: '使用中', version: 1 })
    const profile = await db.from('estate_parking_profiles').where('estate_id', E.e3).first()
    assert.equal(profile.filled_by, USERS.manager.id)
    // the same number twice in one estate is a 422 on 车位编号, nothing written
    const twice = await client.post(`/api/v1/parking/estates/${E.e3}/spaces`).json({ kind: 'owned', code: 'C-01' }).loginAs(manager).withCsrfToken()
    twice.assertStatus(422)
    assert.deepEqual(twice.body().errors.map((e: any) => [e.field, e.message]), [['code', '该物业项目已有此车位编号']])
    assert.lengthOf(await db.from('parking_spaces').where('estate_id', E.e3), 1)

    const changed = await client.patch(`/api/v1/parking/spaces/${space.id}`).json({ status: 'idle', version: 1 }).loginAs(manager).withCsrfToken()
    changed.assertStatus(200)
    assert.deepInclude(changed.body().data, { status: 'idle', version: 2 })
    // an edit from the version read before that one is a 409, nothing changed
    const stale = await client.patch(`/api/v1/parking/spaces/${space.id}`).json({ kind: 'owned', version: 1 }).loginAs(manager).withCsrfToken()
    stale.assertStatus(409)
    assert.equal((await db.from('parking_spaces').where('id', space.id).first()).kind, 'charging')

    await drain()
    const stats = await client.visit('api.parking_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    assert.deepEqual(stats.body().data.find((r: any) => r.id === E.e3), { ...stats.body().data.find((r: any) => r.id === E.e3), spaces: 1, chargingSpaces: 1, estatesWithoutInfo: 0 })

    const removed = await client.delete(`/api/v1/parking/spaces/${space.id}`).json({ version: 2 }).loginAs(manager).withCsrfToken()
    removed.assertStatus(200)
    assert.isNull(await db.from('parking_spaces').where('id', space.id).first())
    await drain()
    const after = await client.visit('api.parking_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    // deleted, the space is gone from the figures; the estate stays filled in
    assert.deepInclude(after.body().data.find((r: any) => r.id === E.e3), { spaces: 0, chargingSpaces: 0, estatesWithoutInfo: 0 })
    const differences = (await reconcileWarehouse()).differences.filter((difference: { table: string }) => difference.table.startsWith('parking_'))
    assert.deepEqual(differences, [])
  })

  test('another estate, a director and a space of another estate are 404; bad input 422 with Chinese labels', async ({ client, assert }) => {
    const manager = await actor('manager')
    ;(await client.get(`/api/v1/parking/estates/${E.e4}`).loginAs(manager)).assertStatus(404)
    ;(await client.get(`/api/v1/parking/estates/${E.e1}`).loginAs(await actor('director'))).assertStatus(404)
    const foreign = await db.from('parking_spaces').where('estate_id', E.e4).first()
    const patch = await client.patch(`/api/v1/parking/spaces/${foreign.id}`).json({ status: 'idle', version: 1 }).loginAs(manager).withCsrfToken()
    patch.assertStatus(404)
    const del = await client.delete(`/api/v1/parking/spaces/${foreign.id}`).json({ version: 1 }).loginAs(manager).withCsrfToken()
    del.assertStatus(404)
    assert.equal((await db.from('parking_spaces').where('id', foreign.id).first()).status, foreign.status)
    const bad = await client.post(`/api/v1/parking/estates/${E.e1}/spaces`).json({ kind: 'garage', code: '', location: 'x'.repeat(101) }).loginAs(manager).withCsrfToken()
    bad.assertStatus(422)
    const errors = Object.fromEntries(bad.body().errors.map((e: any) => [e.field, e.message]))
    assert.sameMembers(Object.keys(errors), ['kind', 'code', 'location'])
    assert.include(errors.kind, '车位类型')
    assert.include(errors.code, '车位编号')
    const list = await client.get(`/api/v1/parking/estates/${E.e1}`).qs({ kind: 'owned', per_page: 2 }).loginAs(manager)
    assert.deepEqual([list.body().meta.total, list.body().data.length, list.body().data[0].code], [3, 2, 'B1-0001'])
  })
})
