import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { drillDown, raw, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  drainOutbox,
  FACT_SOURCES_BY_MODULE,
  pgQueryFn,
  rebuildAllFacts,
  reconcile,
  setWatermark,
  writeEstateHousesOutbox,
  writeEstateProfileOutbox,
  writeHouseOutbox,
} from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_houses'
const METRICS = ['estates', 'houses', 'households', 'buildingArea']
const PROJECTS = FACT_SOURCES_BY_MODULE.projects

/**
 * 项目管理 at the grain of the record: one house_facts row per house (CollapsingMergeTree) with the
 * per-estate rollup, through the rebuild, live changes (owner, deletion, an estate moved to another
 * community), replayed batches and the reconciliation.
 */
test.group('house register facts (record grain, collapsing, rollup)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  const r = { district: 0, s1: 0, s2: 0, c1: 0, c2: 0, c3: 0 }
  const e = { e1: 0, e2: 0, e3: 0 }
  const h: number[] = []
  let owner = 0

  const drain = () => drainOutbox({ pg, warehouse, batchSize: 3, watermarkName })
  const streets = () => drillDown(warehouse, { cube: 'estate_profiles', metrics: METRICS, dimensions: ['community'], filters: { district_id: r.district } })
  const cityTotals = () => totals(warehouse, { cube: 'estate_profiles', metrics: METRICS, filters: { district_id: r.district } })
  const check = async () => {
    const result = await reconcile({ pg, warehouse, batchSize: 2, watermarkName, sources: PROJECTS })
    return result.differences
  }

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '房屋区', null)
      const s1 = await fx.region('street', '房屋一街道', district)
      const s2 = await fx.region('street', '房屋二街道', district)
      const c1 = await fx.region('community', '甲社区', s1)
      const c2 = await fx.region('community', '乙社区', s1)
      const c3 = await fx.region('community', '丙社区', s2)
      Object.assign(r, { district: district.id, s1: s1.id, s2: s2.id, c1: c1.id, c2: c2.id, c3: c3.id })
      e.e1 = await fx.estate(c1, '甲花园')
      e.e2 = await fx.estate(c2, '乙公寓')
      e.e3 = await fx.estate(c3, '丙家园') // no house at all
      owner = await fx.owner('张三')
      h.push(await fx.house(e.e1, '101', 89.5, '住宅', owner))
      h.push(await fx.house(e.e1, '102', 120.25, '住宅', owner))
      h.push(await fx.house(e.e1, '103', 60, '商业', null))
      h.push(await fx.house(e.e2, '201', 75.75, '住宅', owner))
      h.push(await fx.house(e.e2, '202', 75.75, '车库', null))
      watermarkName = fx.watermark('houses_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return () => env.close()
  })

  test('the rebuild writes one row per house and the rollup; reconcile finds 0 differences', async ({ assert }) => {
    const rebuilt = await rebuildAllFacts({ pg, warehouse, watermarkName, sources: PROJECTS })
    assert.isAtLeast(rebuilt.tables.house_facts, 5)
    const rows = await warehouse.query<{ n: string }>(raw(`SELECT count() AS n FROM house_facts WHERE estate_id IN (${e.e1}, ${e.e2}, ${e.e3})`))
    assert.equal(Number(rows[0].n), 5, 'one row per house, nothing pre-summed')
    assert.deepEqual(await check(), [])

    assert.deepEqual(await cityTotals(), { estates: 3, houses: 5, households: 3, buildingArea: 421.25 })
    const byCommunity = await streets()
    assert.sameDeepMembers(
      byCommunity.map((row) => [row.name, row.estates, row.houses, row.households, row.buildingArea]),
      [
        ['丙社区', 1, 0, 0, 0],
        ['乙社区', 1, 2, 1, 151.5],
        ['甲社区', 1, 3, 2, 269.75],
      ],
    )
  })

  test('live changes: a new owner, a deleted house, an estate moved to another community — drained, replayed, reconciled', async ({ assert }) => {
    const start = await fx.maxOutboxId()
    // a new owner for 103 (a household more)
    await pg.query('update houses set owner_id = $1 where id = $2', [owner, h[2]])
    await fx.writeOutbox((query) => writeHouseOutbox(query, [h[2]]))
    // 202 is removed from the register: a tombstone
    await fx.writeOutbox(async (query) => {
      await query('delete from houses where id = $1', [h[4]])
      return writeHouseOutbox(query, [h[4]], { estateOf: new Map([[h[4], e.e2]]) })
    })
    // 乙公寓 moves from 乙社区 (房屋一街道) to 丙社区 (房屋二街道): its profile and every house follow
    await fx.writeOutbox(async (query) => {
      await query('update estates set community_id = $1, street_id = $2 where id = $3', [r.c3, r.s2, e.e2])
      await writeEstateProfileOutbox(query, [e.e2])
      return writeEstateHousesOutbox(query, [e.e2])
    })
    const drained = await drain()
    assert.isAbove(drained.events, 0)

    assert.deepEqual(await check(), [])
    assert.deepEqual(await cityTotals(), { estates: 3, houses: 4, households: 4, buildingArea: 345.5 })
    const byCommunity = Object.fromEntries((await streets()).map((row) => [row.name, [row.estates, row.houses, row.households, row.buildingArea]]))
    assert.deepEqual(byCommunity['甲社区'], [1, 3, 3, 269.75])
    assert.deepEqual(byCommunity['丙社区'], [2, 1, 1, 75.75])
    assert.notProperty(byCommunity, '乙社区', 'nothing is left at the old place')
    // the raw facts moved too: no live house row under 乙社区
    const old = await warehouse.query<{ n: string }>(raw(`SELECT sum(sign) AS n FROM house_facts WHERE community_id = ${r.c2}`))
    assert.equal(Number(old[0].n), 0)

    // the same events applied again (a retried batch) change nothing
    const before = await warehouse.query<{ n: string }>(raw('SELECT count() AS n FROM house_facts'))
    await setWatermark(pgQueryFn(pg), watermarkName, start)
    await drain()
    const after = await warehouse.query<{ n: string }>(raw('SELECT count() AS n FROM house_facts'))
    assert.isAbove(Number(after[0].n), Number(before[0].n), 'the replay wrote cancel + re-add rows')
    assert.deepEqual(await check(), [])
    assert.deepEqual(await cityTotals(), { estates: 3, houses: 4, households: 4, buildingArea: 345.5 })
  })

  test('reconcile reports a cancelled house, a live row with a wrong owner, a house PostgreSQL does not have, and a stale rollup', async ({ assert }) => {
    const liveRow = async (houseId: number) =>
      (await warehouse.query<Record<string, unknown>>(raw(`SELECT * FROM house_facts WHERE house_id = ${houseId} AND sign = 1 ORDER BY version DESC LIMIT 1`)))[0]
    const first = await liveRow(h[0])
    const second = await liveRow(h[1])
    // tampering behind the pipeline's back (each state stable under background merges)
    await warehouse.insert('house_facts', [
      // cancelled twice: a cancel row without its row, nothing live
      { ...first, sign: -1 },
      { ...first, sign: -1 },
      { ...second, sign: -1 },
      { ...second, owner_id: 999999, sign: 1 },
      { ...first, estate_id: e.e3, house_id: 987654321, owner_id: 0, building_area: 50, sign: 1 },
    ])
    const differences = await check()
    const houses = differences.filter((difference) => difference.table === 'house_facts')
    assert.sameDeepMembers(
      houses.map((difference) => [difference.kind, difference.key?.house_id]),
      [
        ['missing_in_warehouse', h[0]],
        ['mismatch', h[1]],
        ['extra_in_warehouse', 987654321],
      ],
    )
    assert.deepEqual(houses.find((difference) => difference.kind === 'mismatch')!.fields, { owner_id: { postgres: owner, warehouse: '999999' } })
    // the rollup was not touched by the tampering: it differs from a fresh computation from its facts
    const rollup = differences.filter((difference) => difference.table === 'house_estate_totals')
    assert.sameDeepMembers(rollup.map((difference) => [difference.estateId, difference.kind, difference.fields]), [
      [e.e1, 'mismatch', { houses: { postgres: 1, warehouse: 3 }, households: { postgres: 1, warehouse: 3 }, building_area: { postgres: 90.75, warehouse: 269.75 } }],
      [e.e3, 'missing_in_warehouse', { houses: { postgres: 1, warehouse: 0 }, building_area: { postgres: 50, warehouse: 0 } }],
    ])

    // a rebuild repairs all of it
    await rebuildAllFacts({ pg, warehouse, watermarkName, sources: PROJECTS })
    assert.deepEqual(await check(), [])
  })
})
