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
    return () => db.rawQuery('TRUNCATE houses, owners RESTART IDENTITY CASCADE')
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

  test('a rename re-publishes every fact that carries the name (备案情况 too)', async ({ assert }) => {
    await new EstateService().update(E.e1, { name: '翠园小区（一期）' })
    const topics = (await db.from('outbox_events').where('entity_id', E.e1).orderBy('id')).map((event) => event.topic)
    assert.sameMembers(topics, ['estate_profile', 'estate_filing_state'])
    const before = await reconcileWarehouse()
    assert.sameMembers([...new Set(before.differences.map((d) => d.table))], ['estate_profile_facts', 'estate_filing_facts'])
    await drain()
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })

  test('the house register: totals from houses, published in the writer\'s transaction', async ({ client, assert }) => {
    const service = new EstateService()
    await db.transaction(async (trx) => {
      const [owner] = await trx.table('owners').insert({ name: '业主甲', phone: '13700000001', id_number: '110105194912310029' }).returning('id')
      await trx.table('houses').multiInsert([
        { estate_id: E.e6, building: '1栋', unit: '1单元', number: '101', building_area: 88.5, house_use: '住宅', owner_id: owner.id },
        { estate_id: E.e6, building: '1栋', unit: '1单元', number: '102', building_area: 90, house_use: '住宅', owner_id: null },
      ])
      await service.refreshHouseTotals(trx, [E.e6])
    })
    const saved = await db.from('estates').where('id', E.e6).first()
    assert.deepInclude({ ...saved, building_area: Number(saved.building_area) }, { house_count: 2, household_count: 1, building_area: 178.5 })
    await drain()
    assert.deepInclude(await estateRow(client, E.e6), { houses: 2, households: 1, buildingArea: 178.5 })
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })
})
