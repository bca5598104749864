import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { STATISTICS_MODULES } from '@szpm/core'
import { bind, createWarehouse, drillDown, sql, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  drainOutbox,
  getWatermark,
  loadFilings,
  pgQueryFn,
  rebuildAllFacts,
  reconcile,
  setWatermark,
  writeEstateProfileOutbox,
  writeFilingOutbox,
} from '../../src/index.ts'
import type { QueryFn } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment, scratchWarehouseConfig } from '../helpers.ts'

const CH_SUFFIX = 'etl_test'
const chConfig = scratchWarehouseConfig(CH_SUFFIX)
const METRICS = ['estates', 'contractFiled', 'contractExpired', 'contractNotFiled', 'contractRate', 'assemblyFiled', 'assemblyNotFiled', 'assemblyRate']
/** the estate_filings cube reads the contract state as of a date (before every contract's last day here) */
const AS_OF = { asOf: '2026-12-01' }
const HOSTILE_NAME = "阳光花园 '; DROP TABLE filing_facts; -- \\'"

/**
 * 备案情况 end to end at the grain of the record: PostgreSQL `filings` → `filing` outbox events (one
 * per changed filing, as the backend writes them) → drain → `filing_facts` (one row per filing) →
 * the estate_filings cube, which decides each estate's state with PostgreSQL's rule and starts from
 * the estate dimension (estate_profile_facts), so an estate without filings counts as not filed.
 */
test.group('etl pipeline (PostgreSQL → outbox → ClickHouse)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  let startId: string
  const e: Record<'e1' | 'e2' | 'e3' | 'e4', number> = { e1: 0, e2: 0, e3: 0, e4: 0 }
  const r: Record<'district' | 's1' | 's2' | 'c1' | 'c2' | 'c3', number> = { district: 0, s1: 0, s2: 0, c1: 0, c2: 0, c3: 0 }
  /** filing ids by name */
  const f: Record<string, number> = {}

  const publishFilings = (filingIds: number[]) => fx.writeOutbox((query) => writeFilingOutbox(query, filingIds))
  /** a change as the backend makes it: the filing and its outbox event in one transaction */
  const changeFiling = (filingId: number, status: 'filed' | 'expired' | 'withdrawn') =>
    fx.writeOutbox(async (query: QueryFn) => {
      await query('update filings set status = $1, version = version + 1, updated_at = now() where id = $2', [status, filingId])
      return writeFilingOutbox(query, [filingId])
    })
  const drain = (batchSize = 2) => drainOutbox({ pg, warehouse, batchSize, watermarkName })
  const streets = (asOf = AS_OF.asOf) => drillDown(warehouse, { cube: 'estate_filings', metrics: METRICS, dimensions: ['street'], filters: { district_id: r.district }, params: { asOf } })
  const street = async (id: number, asOf?: string) => (await streets(asOf)).find((row) => row.id === id)
  const filingFacts = async (estateId: number) =>
    warehouse.query<{ filing_id: number; kind: string; status: string; filed_on: string; expires_on: string | null; version: string }>(
      sql`SELECT filing_id, kind, status, filed_on, expires_on, version FROM filing_facts FINAL WHERE estate_id = ${bind(estateId, 'UInt32')} ORDER BY filing_id`,
    )

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
      f.e1c1 = await fx.filing(e.e1, 'contract', 'filed', '2023-01-01')
      f.e1c2 = await fx.filing(e.e1, 'contract', 'expired', '2024-01-01')
      f.e1a = await fx.filing(e.e1, 'assembly', 'filed', '2023-06-01')
      // e2: a later withdrawn filing is ignored → filed until its last day; no assembly → not_filed
      f.e2c = await fx.filing(e.e2, 'contract', 'filed', '2024-05-01', '2027-04-30')
      f.e2w = await fx.filing(e.e2, 'contract', 'withdrawn', '2024-06-01')
      // e3: nothing at all. e4: same filed_on → higher id wins; no assembly (an 业主大会备案 never expires)
      f.e4c1 = await fx.filing(e.e4, 'contract', 'expired', '2023-01-01')
      f.e4c2 = await fx.filing(e.e4, 'contract', 'filed', '2023-01-01')

      watermarkName = fx.watermark('outbox_test')
      startId = await fx.maxOutboxId()
      await setWatermark(pgQueryFn(pg), watermarkName, startId)
    })
    return () => env.close()
  })

  test('source SQL reads one row per filing, as stored', async ({ assert }) => {
    const rows = await loadFilings(pgQueryFn(pg), [f.e2w, f.e2c, f.e1a, 2_000_000_000])
    assert.deepEqual(rows, [
      { filing_id: f.e1a, estate_id: e.e1, kind: 'assembly', status: 'filed', filed_on: '2023-06-01', expires_on: null },
      { filing_id: f.e2c, estate_id: e.e2, kind: 'contract', status: 'filed', filed_on: '2024-05-01', expires_on: '2027-04-30' },
      { filing_id: f.e2w, estate_id: e.e2, kind: 'contract', status: 'withdrawn', filed_on: '2024-06-01', expires_on: null },
    ])
    assert.deepEqual(await loadFilings(pgQueryFn(pg), []), [])
  })

  test('outbox → drain → one fact per filing; the cube applies the filing-state rule', async ({ assert }) => {
    // the estate dimension (项目管理's writer publishes it) and every filing
    await fx.writeOutbox((query) => writeEstateProfileOutbox(query, [e.e1, e.e2, e.e3, e.e4]))
    await publishFilings(Object.values(f))
    const result = await drain()
    assert.isFalse(result.locked)
    assert.equal(result.events, 4 + 7)
    assert.isAtLeast(result.batches, 2) // batchSize 2 → several batches
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), result.lastId)

    assert.deepEqual(await street(r.s1), {
      id: r.s1, name: '粤海街道', estates: 3, contractFiled: 1, contractExpired: 1, contractNotFiled: 1, contractRate: 1 / 3,
      assemblyFiled: 1, assemblyNotFiled: 2, assemblyRate: 1 / 3,
    })
    assert.deepEqual(await street(r.s2), {
      id: r.s2, name: '沙河街道', estates: 1, contractFiled: 1, contractExpired: 0, contractNotFiled: 0, contractRate: 1,
      assemblyFiled: 0, assemblyNotFiled: 1, assemblyRate: 0,
    })
    const estates = await drillDown(warehouse, { cube: 'estate_filings', metrics: ['estates'], dimensions: ['estate'], filters: { community_id: r.c1 }, params: AS_OF })
    assert.sameMembers(estates.map((row) => row.name), [HOSTILE_NAME, '科技园小区'])

    // record grain: every filing of e1 is a row, the superseded ones too; version = its outbox event
    const e1 = await filingFacts(e.e1)
    assert.deepEqual(e1.map((row) => [row.filing_id, row.kind, row.status]), [[f.e1c1, 'contract', 'filed'], [f.e1c2, 'contract', 'expired'], [f.e1a, 'assembly', 'filed']])
    for (const row of e1) assert.isAbove(Number(row.version), Number(startId))
    // withdrawn filings are facts too (the cube ignores them); the contract's last day travels with it
    assert.deepEqual((await filingFacts(e.e2)).map((row) => [row.status, row.expires_on]), [['filed', '2027-04-30'], ['withdrawn', null]])
    // from the day after the last day, the cube counts the contract expired
    assert.include(await street(r.s1, '2027-04-30'), { contractFiled: 1, contractExpired: 1 })
    assert.include(await street(r.s1, '2027-05-01'), { contractFiled: 0, contractExpired: 2 })
  })

  test('a live change (the filing and its event in one transaction) is reflected; draining again changes nothing', async ({ assert }) => {
    // e3 gets its first contract: not filed → filed
    f.e3c = await fx.filing(e.e3, 'contract', 'filed', '2024-07-01')
    await publishFilings([f.e3c])
    const first = await drain()
    assert.equal(first.events, 1)
    assert.equal((await drain()).events, 0)
    assert.include(await street(r.s1), { estates: 3, contractFiled: 2, contractExpired: 1, contractNotFiled: 0, contractRate: 2 / 3 })

    // e1's deciding contract (expired) is renewed → filed
    await changeFiling(f.e1c2, 'filed')
    await drain()
    assert.include(await street(r.s1), { contractFiled: 3, contractExpired: 0, contractNotFiled: 0 })
    assert.equal((await filingFacts(e.e1)).find((row) => row.filing_id === f.e1c2)!.status, 'filed')
  })

  test('a withdrawn filing is reflected: the next one decides, or none', async ({ assert }) => {
    // e1: withdrawing the renewed contract leaves the older filed one deciding → still filed
    await changeFiling(f.e1c2, 'withdrawn')
    await drain()
    assert.include(await street(r.s1), { contractFiled: 3, contractExpired: 0, contractNotFiled: 0 })
    // e2: its only filed contract withdrawn → not filed (the other one was withdrawn before)
    await changeFiling(f.e2c, 'withdrawn')
    // e1's assembly filing withdrawn → not filed
    await changeFiling(f.e1a, 'withdrawn')
    await drain()
    assert.include(await street(r.s1), { estates: 3, contractFiled: 2, contractNotFiled: 1, assemblyFiled: 0, assemblyNotFiled: 3 })
    assert.deepEqual((await filingFacts(e.e2)).map((row) => row.status), ['withdrawn', 'withdrawn'])
  })

  test('replay from an old watermark never double counts', async ({ assert }) => {
    const before = await streets()
    await setWatermark(pgQueryFn(pg), watermarkName, startId)
    const replay = await drain(1000)
    assert.isAtLeast(replay.events, 11)
    assert.deepEqual(await streets(), before)
    assert.deepEqual(await totals(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractFiled'], filters: { district_id: r.district }, params: AS_OF }), { estates: 4, contractFiled: 3 })
  })

  test('a failed insert leaves the watermark unchanged', async ({ assert }) => {
    f.e4a = await fx.filing(e.e4, 'assembly', 'filed', '2024-08-01')
    await publishFilings([f.e4a])
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
    assert.include(await street(r.s2), { estates: 1, assemblyFiled: 0, assemblyNotFiled: 1, assemblyRate: 0 })

    const retry = await drain()
    assert.isAtLeast(retry.events, 1)
    assert.notEqual(await getWatermark(pgQueryFn(pg), watermarkName), before)
    assert.include(await street(r.s2), { assemblyFiled: 1, assemblyNotFiled: 0, assemblyRate: 1 })
  })

  test('an estate moved to another community takes its filings along without a filing event', async ({ assert }) => {
    const before = { s1: await street(r.s1), s2: await street(r.s2) }
    await fx.writeOutbox(async (query: QueryFn) => {
      await query('update estates set community_id = $1, street_id = $2, district_id = $3 where id = $4', [r.c1, r.s1, r.district, e.e4])
      return writeEstateProfileOutbox(query, [e.e4])
    })
    const drained = await drain()
    assert.equal(drained.events, 1) // the profile only
    assert.include(await street(r.s1), { estates: 4, contractFiled: before.s1!.contractFiled + 1, assemblyFiled: before.s1!.assemblyFiled + 1 })
    // 沙河街道 has no estate left: no row (the API fills zeros from the region list)
    assert.isUndefined(await street(r.s2))
    assert.equal(before.s2!.estates, 1)
  })

  test('rebuild then reconcile → no differences at record grain', async ({ assert }) => {
    const rebuilt = await rebuildAllFacts({ pg, warehouse, batchSize: 2, watermarkName })
    assert.equal(rebuilt.version, await fx.maxOutboxId())
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), rebuilt.version)
    const [{ filings }] = (await pg.query<{ filings: string }>('select count(*)::text as filings from filings')).rows
    // one row per filing (a fresh copy: no superseded row is left), paged by filing id in batches of 2
    assert.equal(rebuilt.tables.filing_facts, Number(filings))
    const [{ n }] = await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM filing_facts`)
    assert.equal(Number(n), Number(filings))
    assert.deepEqual(
      (await streets()).map((row) => [row.name, row.estates, row.contractFiled, row.contractNotFiled, row.assemblyFiled]),
      [['粤海街道', 4, 3, 1, 1]],
    )
    const result = await reconcile({ pg, warehouse, batchSize: 2, watermarkName })
    assert.equal(result.pendingEvents, 0)
    assert.deepEqual(result.differences, [])
  })

  test('reconcile reports tampered, extra and missing filings by (estate, filing)', async ({ assert }) => {
    const version = String(BigInt(await fx.maxOutboxId()) + 1000n)
    const [row] = await warehouse.query<Record<string, unknown>>(sql`SELECT * FROM filing_facts FINAL WHERE filing_id = ${bind(f.e4c2, 'UInt32')}`)
    await warehouse.insert('filing_facts', [
      { ...row, status: 'withdrawn', expires_on: '2030-01-01', version },
      { ...row, filing_id: 2_000_000_000, version },
    ])
    const result = await reconcile({ pg, warehouse, watermarkName })
    assert.sameDeepMembers(
      result.differences.filter((d) => d.table === 'filing_facts'),
      [
        { estateId: e.e4, table: 'filing_facts', key: { filing_id: f.e4c2 }, kind: 'mismatch', fields: { status: { postgres: 'filed', warehouse: 'withdrawn' }, expires_on: { postgres: null, warehouse: '2030-01-01' } } },
        { estateId: e.e4, table: 'filing_facts', key: { filing_id: 2_000_000_000 }, kind: 'extra_in_warehouse' },
      ],
    )

    // a filing PostgreSQL has but ClickHouse lacks (written without its outbox event)
    const unpublished = await fx.filing(e.e3, 'assembly', 'filed', '2025-01-01')
    const withMissing = await reconcile({ pg, warehouse, watermarkName })
    assert.deepInclude(withMissing.differences, { estateId: e.e3, table: 'filing_facts', key: { filing_id: unpublished }, kind: 'missing_in_warehouse' })

    // a rebuild repairs everything, even rows with a higher version
    const rebuilt = await rebuildAllFacts({ pg, warehouse, watermarkName })
    // every declared fact table, in declaration order (STATISTICS_MODULES)
    assert.deepEqual(Object.keys(rebuilt.tables), STATISTICS_MODULES.flatMap((module) => module.statistics!.facts.map((fact) => fact.table)))
    assert.deepEqual((await reconcile({ pg, warehouse, watermarkName })).differences, [])
  })
})
