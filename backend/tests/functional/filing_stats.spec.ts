import { test } from '@japa/runner'
import { R, E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'

const pick = (row: any) => ({
  id: row.id, name: row.name, level: row.level, estates: row.estates,
  contractFiled: row.contractFiled, contractExpired: row.contractExpired, contractNotFiled: row.contractNotFiled, contractRate: row.contractRate,
  assemblyFiled: row.assemblyFiled, assemblyNotFiled: row.assemblyNotFiled, assemblyRate: row.assemblyRate,
})

test.group('备案情况 · statistics from the warehouse', (group) => {
  group.setup(() => resetWorld())

  test('a street clerk sees their street per community, with totals', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.map(pick), [
      { id: R.yl1, name: '园岭一社区', level: 'community', estates: 2, contractFiled: 1, contractExpired: 1, contractNotFiled: 0, contractRate: 0.5, assemblyFiled: 1, assemblyNotFiled: 1, assemblyRate: 0.5 },
      { id: R.yl2, name: '园岭二社区', level: 'community', estates: 2, contractFiled: 0, contractExpired: 0, contractNotFiled: 2, contractRate: 0, assemblyFiled: 1, assemblyNotFiled: 1, assemblyRate: 0.5 },
    ])
    assert.deepEqual(meta.region, { id: R.yuanling, level: 'street', name: '园岭街道' })
    assert.equal(meta.childLevel, 'community')
    assert.deepEqual(meta.breadcrumb, [{ id: R.yuanling, level: 'street', name: '园岭街道' }])
    assert.deepInclude(meta.totals, { estates: 4, contractFiled: 1, contractExpired: 1, contractNotFiled: 2, contractRate: 0.25, assemblyFiled: 2, assemblyRate: 0.5 })
  })

  test('drilling into a community lists its estates', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.index').qs({ region_id: R.yl1 }).loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.map((r: any) => [r.id, r.name, r.level, r.contractFiled, r.contractExpired, r.assemblyFiled]), [
      [E.e1, '翠园小区', 'estate', 1, 0, 1],
      [E.e2, '锦华苑', 'estate', 0, 1, 0],
    ])
    assert.deepEqual(meta.breadcrumb.map((c: any) => c.name), ['园岭街道', '园岭一社区'])
  })

  test('a district user starts one level higher, at the streets', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.index').loginAs(await actor('futian'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.equal(meta.childLevel, 'street')
    assert.deepEqual(data.map((r: any) => [r.name, r.estates, r.contractFiled, r.assemblyFiled]), [
      // official region order (sort, then id), not the order of the names' code points
      ['园岭街道', 4, 1, 2],
      ['南园街道', 1, 1, 0],
    ])
    assert.equal(meta.totals.estates, 5)
  })

  test('a region without estates still shows, with zeros', async ({ client, assert }) => {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    await db.table('regions').insert({ id: 50, parent_id: R.yuanling, level: 'community', name: '园岭新社区', district_id: R.futian, street_id: R.yuanling, sort: 9 })
    try {
      const response = await client.visit('api.filing_stats.index').loginAs(await actor('handler'))
      const last = response.body().data.at(-1)
      assert.deepInclude(last, { id: 50, name: '园岭新社区', estates: 0, contractRate: 0 })
    } finally {
      await db.from('regions').where('id', 50).delete()
    }
  })

  test('the city admin sees districts', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.index').loginAs(await actor('city'))
    const { data, meta } = response.body()
    assert.equal(meta.childLevel, 'district')
    assert.deepEqual(data.map((r: any) => [r.name, r.estates]), [['福田区', 5], ['罗湖区', 1]])
    assert.equal(meta.totals.estates, 6)
  })

  test('a region outside the user scope answers 404 like a missing one', async ({ client }) => {
    const handler = await actor('handler')
    for (const regionId of [R.nanyuan, R.ny1, R.futian, R.city, R.gy1, 99999]) {
      const response = await client.visit('api.filing_stats.index').qs({ region_id: regionId }).loginAs(handler)
      response.assertStatus(404)
      response.assertBody({ errors: [{ message: '记录不存在' }] })
    }
  })

  test('a district user cannot reach another district', async ({ client }) => {
    const response = await client.visit('api.filing_stats.index').qs({ region_id: R.guiyuan }).loginAs(await actor('futian'))
    response.assertStatus(404)
  })

  test('malformed region ids get a 422 with the field named', async ({ client, assert }) => {
    for (const bad of ['abc', '-1', '1.5', "1' OR 1=1 --", '99999999999']) {
      const response = await client.visit('api.filing_stats.index').qs({ region_id: bad }).loginAs(await actor('handler'))
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'region_id')
    }
  })

  test('exports the same numbers to Excel, with the declared columns and the 合计 row', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.export').qs({ region_id: R.yuanling }).loginAs(await actor('handler'))
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.include(response.header('content-disposition'), encodeURIComponent('备案情况-园岭街道.xlsx'))
    const sheet = await readSheet(response.body())
    assert.equal(sheet.name, '备案情况')
    assert.deepEqual(sheet.rows[0], ['社区', '物业项目数(个)', '合同已备案(个)', '合同已过期(个)', '合同未备案(个)', '合同备案率', '业主大会已备案(个)', '业主大会未备案(个)', '业主大会备案率'])
    assert.deepEqual(sheet.rows[1], ['园岭一社区', 2, 1, 1, 0, '50.0%', 1, 1, '50.0%'])
    // the screen's 合计 row ends the sheet
    assert.deepEqual(sheet.rows[3], ['合计', 4, 1, 1, 2, '25.0%', 2, 2, '50.0%'])
    assert.lengthOf(sheet.rows, 4)
  })

  test('export is scoped too', async ({ client }) => {
    const response = await client.visit('api.filing_stats.export').qs({ region_id: R.guiyuan }).loginAs(await actor('handler'))
    response.assertStatus(404)
  })

  test('roles without the export feature are refused', async ({ client }) => {
    const response = await client.visit('api.filing_stats.export').loginAs(await actor('party'))
    response.assertStatus(403)
    response.assertBody({ errors: [{ message: '您没有该功能的权限，请联系街道办负责人开通' }] })
  })
})
