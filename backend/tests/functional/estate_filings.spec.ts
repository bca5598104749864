import { test } from '@japa/runner'
import { R, E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'

test.group('备案情况 · records behind the numbers (穿透)', (group) => {
  group.setup(() => resetWorld())

  test('lists the street estates with their filing state', async ({ client, assert }) => {
    const response = await client.visit('api.estate_filings.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(meta, { total: 4, page: 1, perPage: 20 })
    const e1 = data.find((r: any) => r.estateId === E.e1)
    assert.deepEqual(e1, {
      estateId: E.e1, estateName: '翠园小区', communityName: '园岭一社区', streetName: '园岭街道', districtName: '福田区',
      contractStatus: 'filed', contractStatusName: '已备案', contractDocumentNo: 'DOC-1', contractFiledOn: '2025-03-01', contractExpiresOn: '2028-02-28',
      assemblyStatus: 'filed', assemblyStatusName: '已备案', assemblyDocumentNo: 'DOC-2', assemblyFiledOn: '2024-06-01',
    })
  })

  test('the same filters as the statistic: 合同未备案 in 园岭二社区', async ({ client, assert }) => {
    const response = await client.visit('api.estate_filings.index').qs({ region_id: R.yl2, contract_status: 'not_filed' }).loginAs(await actor('handler'))
    const { data, meta } = response.body()
    assert.equal(meta.total, 2)
    // a withdrawn filing does not count: 星河雅居 is 未备案
    assert.sameMembers(data.map((r: any) => r.estateName), ['碧海花园', '星河雅居'])
  })

  test('filters by estate, keyword, and paginates', async ({ client, assert }) => {
    const handler = await actor('handler')
    const one = await client.visit('api.estate_filings.index').qs({ estate_id: E.e2 }).loginAs(handler)
    assert.deepEqual(one.body().data.map((r: any) => r.contractStatus), ['expired'])
    const keyword = await client.visit('api.estate_filings.index').qs({ q: '华' }).loginAs(handler)
    assert.deepEqual(keyword.body().data.map((r: any) => r.estateName), ['锦华苑'])
    const page2 = await client.visit('api.estate_filings.index').qs({ per_page: 3, page: 2 }).loginAs(handler)
    assert.lengthOf(page2.body().data, 1)
    assert.equal(page2.body().meta.total, 4)
  })

  test('a LIKE wildcard in the keyword is taken literally', async ({ client, assert }) => {
    const response = await client.visit('api.estate_filings.index').qs({ q: '%' }).loginAs(await actor('handler'))
    assert.equal(response.body().meta.total, 0)
  })

  test('an estate of another street is invisible (empty list, 404 on detail)', async ({ client, assert }) => {
    const handler = await actor('handler')
    const list = await client.visit('api.estate_filings.index').qs({ estate_id: E.e4 }).loginAs(handler)
    assert.equal(list.body().meta.total, 0)
    const detail = await client.visit('api.estates.show', { id: E.e4 }).loginAs(handler)
    detail.assertStatus(404)
    const records = await client.visit('api.filings.index', { id: E.e5 }).loginAs(handler)
    records.assertStatus(404)
  })

  test('bad filters answer 422 with the field', async ({ client, assert }) => {
    const response = await client.visit('api.estate_filings.index').qs({ contract_status: 'maybe', per_page: 1000 }).loginAs(await actor('handler'))
    response.assertStatus(422)
    assert.sameMembers(response.body().errors.map((e: any) => e.field), ['contract_status', 'per_page'])
  })

  test('estate detail and its filing records with history', async ({ client, assert }) => {
    const handler = await actor('handler')
    const detail = await client.visit('api.estates.show', { id: E.e1 }).loginAs(handler)
    detail.assertStatus(200)
    assert.deepInclude(detail.body().data, { id: E.e1, name: '翠园小区', communityName: '园岭一社区', streetName: '园岭街道', districtName: '福田区', houseCount: 100, hasCommittee: true })
    const records = await client.visit('api.filings.index', { id: E.e1 }).loginAs(handler)
    records.assertStatus(200)
    const data = records.body().data
    assert.deepEqual(data.map((r: any) => [r.kindName, r.statusName, r.documentNo]), [
      ['物业服务合同备案', '已备案', 'DOC-1'],
      ['业主大会备案', '已备案', 'DOC-2'],
    ])
    assert.deepEqual(data[0].history.map((h: any) => [h.actionName, h.actorName]), [['登记备案', '园岭经办人']])
  })

  test('exports the records with the same filters', async ({ client, assert }) => {
    const response = await client.visit('api.estate_filings.export').qs({ region_id: R.yl1 }).loginAs(await actor('handler'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.equal(sheet.rows[0][3], '物业项目')
    assert.sameMembers(sheet.rows.slice(1).map((r) => r[3]), ['翠园小区', '锦华苑'])
  })
})
