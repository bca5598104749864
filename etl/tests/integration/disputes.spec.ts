import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { bind, drillDown, sql, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { drainOutbox, writeEstateProfileOutbox, loadDisputes, parseDispute, pgQueryFn, rebuildAllFacts, reconcile, setWatermark, writeDisputeOutbox } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_disputes_test'
const METRICS = ['disputes', 'registeredDisputes', 'handlingDisputes', 'closedDisputes', 'openDisputes', 'closeRate', 'averageDays', 'propertyFeeDisputes', 'parkingDisputes']

/**
 * 纠纷化解台账: one dispute_facts row per dispute (current state): the source rows, outbox → drain → the
 * disputes cube and parking's 车位纠纷, a step and replays, the bulk rebuild and reconcile.
 */
test.group('etl 纠纷化解台账 (disputes → outbox → ClickHouse)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  const r = { district: 0, street: 0, community: 0 }
  const estates: number[] = []
  const d = { fee: 0, parking: 0, closed: 0 }

  const ids = () => Object.values(d)
  const drain = () => drainOutbox({ pg, warehouse, batchSize: 2, watermarkName })
  const total = () => totals(warehouse, { cube: 'disputes', metrics: METRICS, filters: { street_id: r.street } })
  const mine = async () => (await reconcile({ pg, warehouse, watermarkName })).differences.filter((x) => x.table === 'dispute_facts' && estates.includes(x.estateId))

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '纠纷测试区', null)
      const street = await fx.region('street', '纠纷街道', district)
      const community = await fx.region('community', '纠纷社区', street)
      Object.assign(r, { district: district.id, street: street.id, community: community.id })
      estates.push(await fx.estate(community, '纠纷花园'), await fx.estate(community, '纠纷大厦'))
      const dispute = async (estate: number, type: string, state: string, reportedOn: string, closedAt: string | null = null) =>
        (await pg.query<{ id: number }>(
          `insert into disputes (dispute_type, estate_id, street_id, bureau_region_id, title, parties, summary, reported_on, state, closed_at)
           values ($1, $2, $3, $4, '测试', '业主；物业', '测试', $5, $6, $7) returning id`,
          [type, estate, r.street, r.district, reportedOn, state, closedAt]
        )).rows[0].id
      d.fee = await dispute(estates[0], 'property_fee', 'registered', '2026-10-01')
      d.parking = await dispute(estates[0], 'parking_fee', 'handling', '2026-10-02')
      // closed at 23:30 Shenzhen time on 10-11 (15:30 UTC): 10 days after 10-01
      d.closed = await dispute(estates[1], 'parking_other', 'closed', '2026-10-01', '2026-10-11T15:30:00Z')
      watermarkName = fx.watermark('outbox_disputes_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return async () => {
      await pg.query(`delete from outbox_events where topic = 'dispute' and (payload->>'dispute_id')::int = any($1::int[])`, [ids()])
      await pg.query('delete from disputes where id = any($1::int[])', [ids()])
      await env.close()
    }
  })

  test('source SQL: type, state, 受理日期 and the Shenzhen day of 确认办结 (null while open); payloads are checked', async ({ assert }) => {
    const rows = await loadDisputes(pgQueryFn(pg), [d.closed, d.fee, 2_000_000_000])
    assert.deepEqual(rows, [
      { dispute_id: d.fee, estate_id: estates[0], dispute_type: 'property_fee', state: 'registered', reported_on: '2026-10-01', closed_on: null },
      { dispute_id: d.closed, estate_id: estates[1], dispute_type: 'parking_other', state: 'closed', reported_on: '2026-10-01', closed_on: '2026-10-11' },
    ])
    assert.throws(() => parseDispute({ ...rows[0], state: 'lost' }), /state must be one of/)
    assert.throws(() => parseDispute({ ...rows[0], dispute_type: 'x' }), /dispute_type must be one of/)
    assert.throws(() => parseDispute({ ...rows[0], closed_on: '2026-13' }), /closed_on must be YYYY-MM-DD or null/)
  })

  test('outbox → drain → the disputes cube and parking\'s 车位纠纷; a step replaces the row; replays never double count', async ({ assert }) => {
    // the estate dimension the cubes start from, then the disputes
    await fx.writeOutbox((query) => writeEstateProfileOutbox(query, estates))
    await fx.writeOutbox((query) => writeDisputeOutbox(query, ids()))
    await drain()
    assert.deepEqual(await total(), {
      disputes: 3, registeredDisputes: 1, handlingDisputes: 1, closedDisputes: 1, openDisputes: 2, closeRate: 1 / 3, averageDays: 10, propertyFeeDisputes: 1, parkingDisputes: 2,
    })
    const parking = () => drillDown(warehouse, { cube: 'parking', metrics: ['disputes', 'feeDisputes', 'otherDisputes'], dimensions: ['estate'], filters: { street_id: r.street } })
    assert.deepEqual((await parking()).map((row) => [row.id, row.disputes, row.feeDisputes, row.otherDisputes]).sort((a, b) => Number(a[0]) - Number(b[0])), [
      [estates[0], 1, 1, 0],
      [estates[1], 1, 0, 1],
    ])
    // 确认办结 of the parking dispute (closed on the Shenzhen day 10-12, 10 days after 10-02)
    await pg.query(`update disputes set state = 'closed', closed_at = '2026-10-11T16:30:00Z' where id = $1`, [d.parking])
    await fx.writeOutbox((query) => writeDisputeOutbox(query, [d.parking]))
    await drain()
    const expected = { disputes: 3, registeredDisputes: 1, handlingDisputes: 0, closedDisputes: 2, openDisputes: 1, closeRate: 2 / 3, averageDays: 10, propertyFeeDisputes: 1, parkingDisputes: 2 }
    assert.deepEqual(await total(), expected)
    await setWatermark(pgQueryFn(pg), watermarkName, '0')
    await drain()
    assert.deepEqual(await total(), expected)
    assert.deepEqual(await mine(), [])
  })

  test('the bulk rebuild writes the rows the row path writes; reconcile reports a tampered row with its key', async ({ assert }) => {
    const select = () => warehouse.query<Record<string, unknown>>(sql`SELECT * FROM dispute_facts FINAL WHERE estate_id IN (${bind(estates[0], 'UInt32')}, ${bind(estates[1], 'UInt32')}) ORDER BY dispute_id`)
    const before = await select()
    await rebuildAllFacts({ pg, warehouse, watermarkName })
    const after = await select()
    const comparable = (rows: Record<string, unknown>[]) => rows.map(({ changed_at: _c, version: _v, ...rest }) => rest)
    assert.lengthOf(after, 3)
    assert.deepEqual(comparable(after), comparable(before))
    assert.deepEqual(await mine(), [])

    const version = String(BigInt(await fx.maxOutboxId()) + 1000n)
    await warehouse.insert('dispute_facts', [{ ...after[0], state: 'closing', version }])
    assert.deepEqual(await mine(), [
      { estateId: estates[0], table: 'dispute_facts', key: { dispute_id: d.fee }, kind: 'mismatch', fields: { state: { postgres: 'registered', warehouse: 'closing' } } },
    ])
    await rebuildAllFacts({ pg, warehouse, watermarkName })
    assert.deepEqual(await mine(), [])
  })
})
