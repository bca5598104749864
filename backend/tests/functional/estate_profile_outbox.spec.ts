import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import EstateService from '#modules/estates/estate_service'
import { E, R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { drain, reconcileWarehouse } from '#tests/support/warehouse'

/** 项目管理's facts follow every estate write through the outbox, not only a rebuild. */
test.group('项目管理 · an estate change reaches the warehouse through the outbox', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    return () => db.connection('owner').rawQuery('TRUNCATE houses, owners RESTART IDENTITY CASCADE')
  })

  async function estateRow(client: any, estateId: number) {
    const response = await client.visit('api.project_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('handler'))
    response.assertStatus(200)
    return response.body().data.find((row: any) => row.id === estateId)
  }

  test('company and committee: one estate_profile event in the same transaction, applied by the drain', async ({ client, assert }) => {
    assert.deepInclude(await estateRow(client, E.e6), { withCommittee: 0, withoutCommittee: 1, companies: 1 })
    const estate = await new EstateService().update(E.e6, { companyName: '星河物业服务有限公司', hasCommittee: true })
    assert.isTrue(estate.hasCommittee)

    const events = await db.from('outbox_events').where('entity_id', E.e6).orderBy('id')
    assert.deepEqual(events.map((event) => event.topic), ['estate_profile'])
    assert.deepInclude(events[0].payload, { estate_id: E.e6, company_name: '星河物业服务有限公司', has_committee: true })
    // the warehouse learns only through the ETL
    assert.deepInclude(await estateRow(client, E.e6), { withCommittee: 0 })

    const drained = await drain()
    assert.equal(drained.events, 1)
    assert.deepInclude(await estateRow(client, E.e6), { withCommittee: 1, withoutCommittee: 0, companies: 1 })
    const yl2 = await client.visit('api.project_stats.index').qs({ region_id: R.yuanling }).loginAs(await actor('handler'))
    assert.deepInclude(yl2.body().data.find((row: any) => row.id === R.yl2), { companies: 2, withCommittee: 2 })
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })

  test('a rename re-publishes every fact that carries the name (every house too; not 备案情况, whose filing facts carry no name)', async ({ assert }) => {
    await new EstateService().update(E.e1, { name: '翠园小区（一期）' })
    const events = await db.from('outbox_events').where('entity_id', E.e1).orderBy('id')
    const topics = events.map((event) => event.topic)
    assert.equal(topics.filter((topic) => topic === 'house').length, 100, 'one event per house of the estate')
    // 备案情况's facts are the filings themselves (no name, no place: its cube reads them from the profile)
    assert.notInclude(topics, 'filing', '备案情况 needs nothing re-published')
    const before = await reconcileWarehouse()
    const stale = [...new Set(before.differences.map((d) => d.table))]
    assert.includeMembers(stale, ['estate_profile_facts', 'house_facts'])
    await drain()
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })

  test('an estate moved to another community and a deleted house: the statistics follow, reconcile finds 0 differences', async ({ client, assert }) => {
    const service = new EstateService()
    // 星河雅居 (e6: 600 houses, 540 with an owner) moves from 园岭二社区 to 园岭一社区
    const moved = await service.moveToCommunity(E.e6, R.yl1)
    assert.equal(moved!.communityId, R.yl1)
    assert.isNull(await service.moveToCommunity(E.e6, R.yuanling), 'a street is not a community')
    // one house of 锦华苑 (e2, 200 houses) is removed from the register
    const [house] = await db.from('houses').where('estate_id', E.e2).orderBy('id').limit(1).select('id')
    assert.equal(await service.deleteHouses([Number(house.id)]), 1)
    assert.lengthOf(await db.from('houses').where('id', house.id), 0)
    await drain()

    const response = await client.visit('api.project_stats.index').qs({ region_id: R.yuanling }).loginAs(await actor('handler'))
    response.assertStatus(200)
    const rows = Object.fromEntries(response.body().data.map((row: any) => [row.id, [row.estates, row.houses, row.households, row.buildingArea]]))
    // 园岭一社区: e1 (100 houses, 90 owned) + e2 (199, 179 owned: the removed first house had an owner) + e6 (600, 540)
    assert.deepEqual(rows[R.yl1], [3, 899, 809, 89900])
    // 园岭二社区: e3 only
    assert.deepEqual(rows[R.yl2], [1, 300, 270, 30000])
    assert.deepEqual(response.body().meta.totals.houses, 1199)
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })

  test('the house register: new houses counted from the register, published in the writer\'s transaction', async ({ client, assert }) => {
    const service = new EstateService()
    assert.deepInclude(await estateRow(client, E.e6), { houses: 600, households: 540, buildingArea: 60000 })
    await db.transaction(async (trx) => {
      const [owner] = await trx.table('owners').insert({ name: '业主甲', phone: '13700000001', id_number: '110105194912310029' }).returning('id')
      const added = await trx.table('houses').multiInsert([
        { estate_id: E.e6, building: '1栋', unit: '1单元', number: '101', building_area: 88.5, house_use: '住宅', owner_id: owner.id },
        { estate_id: E.e6, building: '1栋', unit: '1单元', number: '102', building_area: 90, house_use: '住宅', owner_id: null },
      ]).returning('id')
      await service.housesChanged(trx, added.map((row: any) => Number(row.id)))
    })
    const saved = await db.from('estates').where('id', E.e6).first()
    assert.deepInclude({ ...saved, building_area: Number(saved.building_area) }, { house_count: 602, household_count: 541, building_area: 60178.5 })
    assert.equal(await db.from('outbox_events').where('topic', 'house').count('* as n').first().then((row: any) => Number(row.n)), 2)
    await drain()
    assert.deepInclude(await estateRow(client, E.e6), { houses: 602, households: 541, buildingArea: 60178.5 })
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })
})
