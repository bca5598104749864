import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { bind, sql } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { drainOutbox, getWatermark, pgQueryFn, setWatermark, writeEstateProfileOutbox } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

/**
 * Outbox ids are read as text (bigint beyond 2^53); the drain must still take them in NUMERIC order.
 * Ordered as text, a batch crossing a power of ten ("999" < "1000" fails as text) would read
 * 1000, 1001 before 999, move the watermark to 1001 and skip 999 for ever.
 */
test.group('outbox drain order across a power of ten', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  const estates: number[] = []

  group.setup(async () => {
    const env = await openSeededTestEnvironment('etl_outbox_order_test', async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const d = await fx.region('district', '顺序测试区', null)
      const s = await fx.region('street', '顺序街道', d)
      const c = await fx.region('community', '顺序社区', s)
      for (const name of ['顺序小区A', '顺序小区B', '顺序小区C', '顺序小区D', '顺序小区E']) estates.push(await fx.estate(c, name))
    })
    return () => env.close()
  })

  test('every event of a batch crossing 999 → 1000 is applied once, in id order', async ({ assert }) => {
    // the next ids cross a power of ten: …998, …999, 1…000, 1…001, 1…002
    const { rows } = await pg.query<{ last: string }>('select last_value::text as last from outbox_events_id_seq')
    const next = 10n ** BigInt(String(BigInt(rows[0].last) + 10n).length)
    await pg.query('select setval($1::regclass, $2::bigint)', ['outbox_events_id_seq', String(next - 3n)])
    const watermarkName = fx.watermark('outbox_order_test')
    await setWatermark(pgQueryFn(pg), watermarkName, String(next - 3n))

    for (const estate of estates) await fx.writeOutbox((query) => writeEstateProfileOutbox(query, [estate]))
    assert.deepEqual(fx.outboxIds.map(BigInt).sort((a, b) => (a < b ? -1 : 1)), [next - 2n, next - 1n, next, next + 1n, next + 2n])

    const result = await drainOutbox({ pg, warehouse, batchSize: 2, watermarkName })
    assert.equal(result.events, 5)
    assert.equal(result.batches, 3)
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), String(next + 2n))
    const facts = await warehouse.query<{ estate_id: number }>(
      sql`SELECT estate_id FROM estate_profile_facts FINAL WHERE has(${bind(estates, 'Array(UInt32)')}, estate_id) ORDER BY estate_id`,
    )
    assert.deepEqual(facts.map((row) => Number(row.estate_id)), estates)
  })
})
