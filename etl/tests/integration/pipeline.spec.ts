import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { STATISTICS_MODULES } from '@szpm/core'
import { bind, createWarehouse, drillDown, sql, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  drainOutbox,
  getWatermark,
  loadEstateFilingStates,
  pgQueryFn,
  rebuildAllFacts,
  reconcile,
  setWatermark,
  writeEstateFilingOutbox,
} from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment, scratchWarehouseConfig } from '../helpers.ts'

const CH_SUFFIX = 'etl_test'
const chConfig = scratchWarehouseConfig(CH_SUFFIX)
const METRICS = ['estates', 'contractFiled', 'contractExpired', 'contractNotFiled', 'contractRate', 'assemblyFiled', 'assemblyNotFiled', 'assemblyRate']
/** the estate_filings cube reads the contract state as of a date (before every contract's last day here) */
const AS_OF = { asOf: '2026-12-01' }
const HOSTILE_NAME = "阳光花园 '; DROP TABLE estate_filing_facts; -- \\'"

test.group('etl pipeline (PostgreSQL → outbox → ClickHouse)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  let startId: string
  const e: Record<'e1' | 'e2' | 'e3' | 'e4', number> = { e1: 0, e2: 0, e3: 0, e4: 0 }
  const r: Record<'district' | 's1' | 's2' | 'c1' | 'c2' | 'c3', number> = { district: 0, s1: 0, s2: 0, c1: 0, c2: 0, c3: 0 }

  const writeOutbox = (estateIds: number[]) => fx.writeOutbox((query) => writeEstateFilingOutbox(query, estateIds))
  const drain = (batchSize = 2) => drainOutbox({ pg, warehouse, batchSize, watermarkName })
  const streets = () => drillDown(warehouse, { cube: 'estate_filings', metrics: METRICS, dimensions: ['street'], filters: { district_id: r.district }, params: AS_OF })

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '测试区', null)
      const s1 = await fx.region('street', '粤海街道', district)
      const s2 = await fx.region('street', '沙河街道', district)
      const c1 = await fx.region('community', '海珠社区', s1)
      const c2 = await fx.region('community', '高新社区', s1)
      const c3 = await fx.region('community', '白石洲社区', s2)
      Object.assign(r, { district: district.id, s1: s1.id, s2: s2.id, c1: c1.id, c2: c2.id, c3: c3.id })
      e.e1 = await fx.estate(c1, HOSTILE_NAME)
      e.e2 = await fx.estate(c1, '科技园小区')
      e.e3 = await fx.estate(c2, '高新公寓')
      e.e4 = await fx.estate(c3, '白石洲花园')
      // e1: contract filed then expired (latest = expired); assembly filed
      await fx.filing(e.e1, 'contract', 'filed', '2023-01-01')
      await fx.filing(e.e1, 'contract', 'expired', '2024-01-01')
      await fx.filing(e.e1, 'assembly', 'filed', '2023-06-01')
      // e2: a later withdrawn filing is ignored → filed (its last day travels with the state); no assembly → not_filed
      await fx.filing(e.e2, 'contract', 'filed', '2024-05-01', '2027-04-30')
      await fx.filing(e.e2, 'contract', 'withdrawn', '2024-06-01')
      // e3: nothing. e4: same filed_on → higher id wins; no assembly (an 业主大会备案 never expires)
      await fx.filing(e.e4, 'contract', 'expired', '2023-01-01')
      await fx.filing(e.e4, 'contract', 'filed', '2023-01-01')

      watermarkName = fx.watermark('outbox_test')
      startId = await fx.maxOutboxId()
      await setWatermark(pgQueryFn(pg), watermarkName, startId)
    })
    return () => env.close()
  })

  test('source SQL applies the filing-state rule', async ({ assert }) => {
    const states = await loadEstateFilingStates(pgQueryFn(pg), [e.e4, e.e1, e.e2, e.e3, 2_000_000_000])
    assert.deepEqual(
      states.map((s) => [s.estate_id, s.contract_status, s.assembly_status]),
      [
        [e.e1, 'expired', 'filed'],
        [e.e2, 'filed', 'not_filed'],
        [e.e3, 'not_filed', 'not_filed'],
        [e.e4, 'filed', 'not_filed'],
      ],
    )
    assert.deepEqual(states[0], {
      estate_id: e.e1, estate_name: HOSTILE_NAME, district_id: r.district, district_name: '测试区', street_id: r.s1, street_name: '粤海街道',
      community_id: r.c1, community_name: '海珠社区', contract_status: 'expired', contract_expires_on: null, assembly_status: 'filed',
    })
    assert.equal(states[1].contract_expires_on, '2027-04-30')
    assert.deepEqual(await loadEstateFilingStates(pgQueryFn(pg), []), [])
  })

  test('outbox → drain → facts match', async ({ assert }) => {
    await writeOutbox([e.e1, e.e2, e.e3, e.e4])
    const result = await drain()
    assert.isFalse(result.locked)
    assert.isAtLeast(result.events, 4)
    assert.isAtLeast(result.batches, 2) // batchSize 2 → several batches
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), result.lastId)

    const rows = await streets()
    assert.deepEqual(rows.find((row) => row.id === r.s1), {
      id: r.s1, name: '粤海街道', estates: 3, contractFiled: 1, contractExpired: 1, contractNotFiled: 1, contractRate: 1 / 3,
      assemblyFiled: 1, assemblyNotFiled: 2, assemblyRate: 1 / 3,
    })
    assert.deepEqual(rows.find((row) => row.id === r.s2), {
      id: r.s2, name: '沙河街道', estates: 1, contractFiled: 1, contractExpired: 0, contractNotFiled: 0, contractRate: 1,
      assemblyFiled: 0, assemblyNotFiled: 1, assemblyRate: 0,
    })
    const estates = await drillDown(warehouse, { cube: 'estate_filings', metrics: ['estates'], dimensions: ['estate'], filters: { community_id: r.c1 }, params: AS_OF })
    assert.sameMembers(estates.map((row) => row.name), [HOSTILE_NAME, '科技园小区'])
    const [fact] = await warehouse.query<{ version: string; changed_at: string }>(sql`SELECT version, changed_at FROM estate_filing_facts FINAL WHERE estate_id = ${bind(e.e1, 'UInt32')}`)
    assert.isAbove(Number(fact.version), Number(startId))
    // the contract's last day reaches the fact row; from the day after, the cube counts it expired
    const [e2] = await warehouse.query<{ contract_expires_on: string }>(sql`SELECT contract_expires_on FROM estate_filing_facts FINAL WHERE estate_id = ${bind(e.e2, 'UInt32')}`)
    assert.equal(e2.contract_expires_on, '2027-04-30')
    const s1On = async (asOf: string) => (await drillDown(warehouse, { cube: 'estate_filings', metrics: ['contractFiled', 'contractExpired'], dimensions: ['street'], filters: { district_id: r.district }, params: { asOf } })).find((row) => row.id === r.s1)
    assert.include(await s1On('2027-04-30'), { contractFiled: 1, contractExpired: 1 })
    assert.include(await s1On('2027-05-01'), { contractFiled: 0, contractExpired: 2 })
  })

  test('a later change wins; draining again changes nothing', async ({ assert }) => {
    await fx.filing(e.e3, 'contract', 'filed', '2024-07-01')
    await writeOutbox([e.e3])
    const first = await drain()
    assert.isAtLeast(first.events, 1)
    const again = await drain()
    assert.equal(again.events, 0)
    const s1 = (await streets()).find((row) => row.id === r.s1)
    assert.include(s1, { estates: 3, contractFiled: 2, contractExpired: 1, contractNotFiled: 0, contractRate: 2 / 3 })
  })

  test('replay from an old watermark never double counts', async ({ assert }) => {
    const before = await streets()
    await setWatermark(pgQueryFn(pg), watermarkName, startId)
    const replay = await drain(1000)
    assert.isAtLeast(replay.events, 5)
    assert.deepEqual(await streets(), before)
    assert.deepEqual(await totals(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractFiled'], filters: { district_id: r.district }, params: AS_OF }), { estates: 4, contractFiled: 3 })
  })

  test('a failed insert leaves the watermark unchanged', async ({ assert }) => {
    await fx.filing(e.e4, 'assembly', 'filed', '2024-08-01')
    await writeOutbox([e.e4])
    const before = await getWatermark(pgQueryFn(pg), watermarkName)
    // A warehouse whose database does not exist: every insert fails.
    const broken = createWarehouse({ url: chConfig.url, database: `${chConfig.database}_missing` })
    try {
      await assert.rejects(() => drainOutbox({ pg, warehouse: broken, watermarkName }))
    } finally {
      await broken.close()
    }
    // and an insert that throws mid-way
    await assert.rejects(() => drainOutbox({ pg, warehouse: { insert: async () => { throw new Error('boom') } }, watermarkName }), 'boom')
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), before)
    const s2 = (await streets()).find((row) => row.id === r.s2)
    assert.include(s2, { estates: 1, assemblyFiled: 0, assemblyNotFiled: 1, assemblyRate: 0 })

    const retry = await drain()
    assert.isAtLeast(retry.events, 1)
    assert.notEqual(await getWatermark(pgQueryFn(pg), watermarkName), before)
    assert.include((await streets()).find((row) => row.id === r.s2), { assemblyFiled: 1, assemblyNotFiled: 0, assemblyRate: 1 })
  })

  test('rebuild then reconcile → no differences', async ({ assert }) => {
    const rebuilt = await rebuildAllFacts({ pg, warehouse, batchSize: 2, watermarkName })
    assert.isAtLeast(rebuilt.estates, 4)
    assert.equal(rebuilt.version, await fx.maxOutboxId())
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), rebuilt.version)
    const [{ n }] = await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM estate_filing_facts`)
    assert.equal(Number(n), rebuilt.estates) // truncated first: exactly one row per estate
    assert.deepEqual(
      (await streets()).map((row) => [row.name, row.estates, row.contractFiled, row.assemblyFiled]),
      [['沙河街道', 1, 1, 1], ['粤海街道', 3, 2, 1]],
    )
    const result = await reconcile({ pg, warehouse, batchSize: 2, watermarkName })
    assert.equal(result.checked, rebuilt.estates)
    assert.equal(result.pendingEvents, 0)
    assert.deepEqual(result.differences, [])
  })

  test('reconcile reports tampered, extra and missing facts', async ({ assert }) => {
    const version = String(BigInt(await fx.maxOutboxId()) + 1000n)
    const [row] = await warehouse.query<Record<string, unknown>>(sql`SELECT * FROM estate_filing_facts FINAL WHERE estate_id = ${bind(e.e2, 'UInt32')}`)
    await warehouse.insert('estate_filing_facts', [
      { ...row, contract_status: 'not_filed', estate_name: 'tampered', version },
      { ...row, estate_id: 4_294_967_000, version },
    ])
    const result = await reconcile({ pg, warehouse, watermarkName })
    assert.deepEqual(result.differences, [
      { estateId: e.e2, table: 'estate_filing_facts', kind: 'mismatch', fields: { estate_name: { postgres: '科技园小区', warehouse: 'tampered' }, contract_status: { postgres: 'filed', warehouse: 'not_filed' } } },
      { estateId: 4_294_967_000, table: 'estate_filing_facts', kind: 'extra_in_warehouse' },
    ])

    // an estate PostgreSQL has but ClickHouse lacks
    const c2 = { id: r.c2, district_id: r.district, street_id: r.s1 }
    const e5 = await fx.estate(c2, '新建小区')
    const withMissing = await reconcile({ pg, warehouse, watermarkName })
    // every fact table misses it: the filing states and the 项目管理 profiles
    assert.deepInclude(withMissing.differences, { estateId: e5, table: 'estate_filing_facts', kind: 'missing_in_warehouse' })
    assert.deepInclude(withMissing.differences, { estateId: e5, table: 'estate_profile_facts', kind: 'missing_in_warehouse' })

    // a rebuild repairs everything, even rows with a higher version
    const rebuilt = await rebuildAllFacts({ pg, warehouse, watermarkName })
    // every declared fact table, in declaration order (STATISTICS_MODULES)
    assert.deepEqual(Object.keys(rebuilt.tables), STATISTICS_MODULES.map((module) => module.statistics!.facts.table))
    assert.deepEqual((await reconcile({ pg, warehouse, watermarkName })).differences, [])
  })
})
