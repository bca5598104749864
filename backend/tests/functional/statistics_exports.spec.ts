import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { formatPercent, metricCell, moduleBySlug } from '@szpm/core'
import clock from '#services/clock'
import { R, E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { syncWarehouse } from '#tests/support/warehouse'
import { readSheet } from '#tests/support/excel'

/** the file name of an .xlsx download (RFC 5987 form) */
const fileNameOf = (disposition: string) => decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')

test.group('Statistics · one rounding rule (12 of 22 contracts filed is 54.5%)', (group) => {
  const STREET = 60
  const COMMUNITY = 61
  group.setup(async () => {
    await resetWorld()
    const now = new Date()
    await db.table('regions').multiInsert([
      { id: STREET, parent_id: R.futian, level: 'street', name: '测试街道', district_id: R.futian, street_id: null, sort: 9 },
      { id: COMMUNITY, parent_id: STREET, level: 'community', name: '测试社区', district_id: R.futian, street_id: STREET, sort: 1 },
    ])
    const ids = Array.from({ length: 22 }, (_, i) => 200 + i)
    await db.table('estates').multiInsert(ids.map((id) => ({
      id, community_id: COMMUNITY, street_id: STREET, district_id: R.futian, name: `测试项目${id}`, address: `深圳市测试路${id}号`,
      estate_type: '住宅', lng: 114.05, lat: 22.54, building_area: 1000, house_count: 10, household_count: 9,
      company_name: '测试物业公司', manager_name: '经理', manager_phone: '13700000009', has_committee: false,
      committee_director: null, has_party_org: false, created_at: now, updated_at: now,
    })))
    await db.table('filings').multiInsert(ids.slice(0, 12).map((estateId, i) => ({
      id: 300 + i, estate_id: estateId, kind: 'contract', status: 'filed', document_no: `R-${estateId}`, filed_on: '2025-01-01',
      expires_on: '2099-12-31', version: 1, created_by: USERS.handler.id, created_at: now, updated_at: now,
    })))
    await syncWarehouse()
    return () => resetWorld()
  })

  test('the API sends the rate unrounded and @szpm/core shows it once rounded: 54.5%, not 54.6%', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.index').qs({ region_id: STREET }).loginAs(await actor('futian'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepInclude(data[0], { id: COMMUNITY, estates: 22, contractFiled: 12 })
    assert.equal(meta.totals.contractRate, 12 / 22)
    assert.equal(data[0].contractRate, 12 / 22)
    assert.equal(formatPercent(meta.totals.contractRate), '54.5%')
    // what the bug did: the API rounded to 4 places (0.5455) and the page rounded again
    assert.equal(formatPercent(0.5455), '54.6%')
    assert.equal(metricCell('percent', meta.totals.contractRate), '54.5%')
  })

  test('the export shows the same 54.5%, in the row and in the 合计 row', async ({ client, assert }) => {
    const response = await client.visit('api.filing_stats.export').qs({ region_id: STREET }).loginAs(await actor('futian'))
    response.assertStatus(200)
    assert.equal(fileNameOf(response.header('content-disposition')), '备案情况-测试街道.xlsx')
    const { rows } = await readSheet(response.body())
    assert.deepEqual(rows[1].slice(0, 6), ['测试社区', 22, 12, 0, 10, '54.5%'])
    assert.deepEqual(rows.at(-1)!.slice(0, 6), ['合计', 22, 12, 0, 10, '54.5%'])
  })
})

test.group('Records exports · named after the estate when filtered to one', (group) => {
  group.setup(() => resetWorld())
  group.each.teardown(() => clock.reset())

  test('备案记录: one estate → its name; the street otherwise; a foreign estate is a 404', async ({ client, assert }) => {
    const handler = await actor('handler')
    const one = await client.visit('api.estate_filings.export').qs({ estate_id: E.e1 }).loginAs(handler)
    one.assertStatus(200)
    assert.equal(fileNameOf(one.header('content-disposition')), '备案记录-翠园小区.xlsx')
    const rows = (await readSheet(one.body())).rows
    assert.lengthOf(rows, 2)
    assert.include(rows[1], '翠园小区')

    const street = await client.visit('api.estate_filings.export').loginAs(handler)
    assert.equal(fileNameOf(street.header('content-disposition')), '备案记录-园岭街道.xlsx')

    const foreign = await client.visit('api.estate_filings.export').qs({ estate_id: E.e5 }).loginAs(handler)
    foreign.assertStatus(404)
  })

  test('物业项目: one estate → its name, and only that estate', async ({ client, assert }) => {
    const handler = await actor('handler')
    const one = await client.visit('api.estates.export').qs({ estate_id: E.e2 }).loginAs(handler)
    one.assertStatus(200)
    assert.equal(fileNameOf(one.header('content-disposition')), '物业项目-锦华苑.xlsx')
    const rows = (await readSheet(one.body())).rows
    assert.deepEqual(rows.map((row) => row[0]), ['物业项目', '锦华苑'])

    const list = await client.visit('api.estates.index').qs({ estate_id: E.e2 }).loginAs(handler)
    assert.deepEqual(list.body().data.map((row: any) => row.id), [E.e2])

    const street = await client.visit('api.estates.export').loginAs(handler)
    assert.equal(fileNameOf(street.header('content-disposition')), '物业项目-园岭街道.xlsx')
    ;(await client.visit('api.estates.export').qs({ estate_id: E.e5 }).loginAs(handler)).assertStatus(404)
  })

  test('街道社区评价: one estate → its name and the half-year', async ({ client, assert }) => {
    clock.travelTo('2026-06-15T10:00:00')
    const handler = await actor('handler')
    const one = await client.visit('api.evaluations.export').qs({ estate_id: E.e1 }).loginAs(handler)
    one.assertStatus(200)
    assert.equal(fileNameOf(one.header('content-disposition')), '街道社区评价-翠园小区-2026年上半年.xlsx')
    const rows = (await readSheet(one.body())).rows
    assert.deepEqual(rows.slice(1).map((row) => row[0]), ['翠园小区'])

    const street = await client.visit('api.evaluations.export').loginAs(handler)
    assert.equal(fileNameOf(street.header('content-disposition')), '街道社区评价-园岭街道-2026年上半年.xlsx')
    ;(await client.visit('api.evaluations.export').qs({ estate_id: E.e5 }).loginAs(handler)).assertStatus(404)
  })
})

test.group('Records exports · columns from the declarations', (group) => {
  group.setup(() => resetWorld())
  group.each.teardown(() => clock.reset())

  test('each records export has the declared columns (the screen\'s plus the export-only ones), cells by declared format', async ({ client, assert }) => {
    const handler = await actor('handler')
    const labels = (slug: 'filings' | 'projects' | 'evaluations') => moduleBySlug(slug)!.statistics!.records!.columns.map((column) => column.label)

    const filingSheet = (await readSheet((await client.visit('api.estate_filings.export').qs({ estate_id: E.e1 }).loginAs(handler)).body())).rows
    assert.deepEqual(filingSheet[0], labels('filings'))
    assert.equal(filingSheet[0][0], '所属区')
    // status codes are exported as their Chinese names
    assert.deepEqual([filingSheet[1][0], filingSheet[1][3], filingSheet[1][4]], ['福田区', '翠园小区', '已备案'])

    const estateSheet = (await readSheet((await client.visit('api.estates.export').qs({ estate_id: E.e2 }).loginAs(handler)).body())).rows
    assert.deepEqual(estateSheet[0], labels('projects'))
    assert.include(['已成立', '未成立'], estateSheet[1][estateSheet[0].indexOf('业委会')])

    clock.travelTo('2026-06-15T10:00:00')
    const evaluationSheet = (await readSheet((await client.visit('api.evaluations.export').qs({ estate_id: E.e1 }).loginAs(handler)).body())).rows
    const expected = labels('evaluations')
    expected.splice(expected.indexOf('所属街道') + 1, 0, '评价期')
    assert.deepEqual(evaluationSheet[0], expected)
    assert.equal(evaluationSheet[1][expected.indexOf('评价期')], '2026年上半年')
  })
})
