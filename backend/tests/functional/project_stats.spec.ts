import { test } from '@japa/runner'
import { R, E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'

/**
 * World estates: house_count = 100·id, household_count = 90·id, building_area = 10000·id, all 住宅,
 * one company, committee when the id is odd. 园岭一社区 = e1+e2, 园岭二社区 = e3+e6, 南园 = e4, 桂园 = e5.
 */
test.group('项目管理 · statistics from the warehouse', (group) => {
  group.setup(() => resetWorld())

  test('a street clerk sees estates, houses, households, area, companies and committees per community', async ({ client, assert }) => {
    const response = await client.visit('api.project_stats.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data, [
      { id: R.yl1, name: '园岭一社区', level: 'community', estates: 2, residentialEstates: 2, commercialEstates: 0, officeEstates: 0, mixedEstates: 0, houses: 300, households: 270, buildingArea: 30000, companies: 1, withCommittee: 1, withoutCommittee: 1 },
      { id: R.yl2, name: '园岭二社区', level: 'community', estates: 2, residentialEstates: 2, commercialEstates: 0, officeEstates: 0, mixedEstates: 0, houses: 900, households: 810, buildingArea: 90000, companies: 1, withCommittee: 1, withoutCommittee: 1 },
    ])
    assert.deepEqual(meta.totals, { estates: 4, residentialEstates: 4, commercialEstates: 0, officeEstates: 0, mixedEstates: 0, houses: 1200, households: 1080, buildingArea: 120000, companies: 1, withCommittee: 2, withoutCommittee: 2 })
    assert.equal(meta.childLevel, 'community')
  })

  test('drills to the estates of a community; district users start at the streets', async ({ client, assert }) => {
    const community = await client.visit('api.project_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('handler'))
    assert.deepEqual(community.body().data.map((r: any) => [r.id, r.level, r.houses, r.withCommittee]), [[E.e6, 'estate', 600, 0], [E.e3, 'estate', 300, 1]])
    const district = await client.visit('api.project_stats.index').loginAs(await actor('futian'))
    assert.deepEqual(district.body().data.map((r: any) => [r.name, r.estates, r.houses]), [['园岭街道', 4, 1200], ['南园街道', 1, 400]])
  })

  test('out of scope is 404, bad input 422', async ({ client, assert }) => {
    const handler = await actor('handler')
    const outside = await client.visit('api.project_stats.index').qs({ region_id: R.guiyuan }).loginAs(handler)
    outside.assertStatus(404)
    const bad = await client.visit('api.project_stats.index').qs({ region_id: 'x' }).loginAs(handler)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
  })

  test('exports the same numbers, ending with the 合计 row', async ({ client, assert }) => {
    const response = await client.visit('api.project_stats.export').loginAs(await actor('handler'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.include(response.header('content-disposition'), encodeURIComponent('项目管理-园岭街道.xlsx'))
    assert.deepEqual(sheet.rows[0], ['社区', '物业项目数(个)', '住宅(个)', '商业(个)', '办公(个)', '混合(个)', '房屋数(套)', '户数(户)', '建筑面积(㎡)', '物业服务企业(家)', '已成立业委会(个)', '未成立业委会(个)'])
    assert.deepEqual(sheet.rows[2], ['园岭二社区', 2, 2, 0, 0, 0, 900, 810, 90000, 1, 1, 1])
    assert.deepEqual(sheet.rows[3], ['合计', 4, 4, 0, 0, 0, 1200, 1080, 120000, 1, 2, 2])
    assert.lengthOf(sheet.rows, 4)
  })
})

test.group('项目管理 · estate list', (group) => {
  group.setup(() => resetWorld())

  test('lists the street estates with their basic information', async ({ client, assert }) => {
    const response = await client.visit('api.estates.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(meta, { total: 4, page: 1, perPage: 20 })
    assert.deepEqual(data.find((r: any) => r.id === E.e3), {
      id: E.e3, name: '碧海花园', type: '住宅', address: '深圳市测试路3号', districtName: '福田区', streetName: '园岭街道', communityName: '园岭二社区',
      buildingArea: 30000, houseCount: 300, householdCount: 270, companyName: '测试物业公司', managerName: '经理3', hasCommittee: true,
    })
  })

  test('filters by committee, type and keyword — the records behind the numbers', async ({ client, assert }) => {
    const handler = await actor('handler')
    const without = await client.visit('api.estates.index').qs({ region_id: R.yl2, has_committee: 'false' }).loginAs(handler)
    assert.deepEqual(without.body().data.map((r: any) => r.name), ['星河雅居'])
    const offices = await client.visit('api.estates.index').qs({ estate_type: '办公' }).loginAs(handler)
    assert.equal(offices.body().meta.total, 0)
    const keyword = await client.visit('api.estates.index').qs({ q: '碧海' }).loginAs(handler)
    assert.deepEqual(keyword.body().data.map((r: any) => r.id), [E.e3])
  })

  test('scope and bad input', async ({ client, assert }) => {
    const handler = await actor('handler')
    const outside = await client.visit('api.estates.index').qs({ region_id: R.nanyuan }).loginAs(handler)
    outside.assertStatus(404)
    const bad = await client.visit('api.estates.index').qs({ estate_type: '别墅', has_committee: 'maybe', per_page: 0 }).loginAs(handler)
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((e: any) => e.field), ['estate_type', 'has_committee', 'per_page'])
  })

  test('exports the list with the same filters', async ({ client, assert }) => {
    const response = await client.visit('api.estates.export').qs({ has_committee: 'true' }).loginAs(await actor('handler'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.sameMembers(sheet.rows.slice(1).map((r) => r[0]), ['翠园小区', '碧海花园'])
    assert.deepEqual(sheet.rows.slice(1).map((r) => r[11]), ['已成立', '已成立'])
  })
})
