import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  createDrainOutboxQueue,
  createPruneOutboxProcessor,
  createPruneOutboxQueue,
  createRedisConnection,
  DEFAULT_OUTBOX_RETENTION_HOURS,
  drainOutbox,
  getWatermark,
  JOB_RETENTION,
  outboxRetentionHoursFromEnv,
  pgQueryFn,
  PRUNE_OUTBOX_JOB,
  PRUNE_OUTBOX_SCHEDULER_ID,
  pruneOutbox,
  rebuildAllFacts,
  reconcile,
  redisUrlFromEnv,
  scheduleDrainOutbox,
  schedulePruneOutbox,
  setWatermark,
  writeEstateProfileOutbox,
  writeFilingOutbox,
} from '../../src/index.ts'
import type { QueryFn } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const AS_OF = { asOf: '2026-12-01' }
const METRICS = ['estates', 'contractFiled', 'contractExpired', 'assemblyFiled']

/** ids of these outbox events that still exist */
async function existing(pg: Pool, ids: readonly string[]): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>('select id::text as id from outbox_events where id = any($1::bigint[]) order by outbox_events.id', [ids])
  return rows.map((row) => row.id)
}

/** makes events look `hours` old */
async function age(pg: Pool, ids: readonly string[], hours: number): Promise<void> {
  await pg.query(`update outbox_events set created_at = now() - make_interval(hours => $2) where id = any($1::bigint[])`, [ids, hours])
}

test.group('outbox pruning (applied events past the replay window)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  let district = 0
  const estates: number[] = []
  const filings: number[] = []

  const filingTotals = () => totals(warehouse, { cube: 'estate_filings', metrics: METRICS, filters: { district_id: district }, params: AS_OF })
  const drain = () => drainOutbox({ pg, warehouse, batchSize: 3, watermarkName })

  group.setup(async () => {
    const env = await openSeededTestEnvironment('etl_prune_test', async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const d = await fx.region('district', '清理测试区', null)
      const s = await fx.region('street', '清理街道', d)
      const c = await fx.region('community', '清理社区', s)
      district = d.id
      for (const name of ['清理小区A', '清理小区B', '清理小区C']) estates.push(await fx.estate(c, name))
      filings.push(await fx.filing(estates[0], 'contract', 'filed', '2024-01-01', '2027-12-31'))
      filings.push(await fx.filing(estates[1], 'contract', 'expired', '2023-01-01'))
      filings.push(await fx.filing(estates[1], 'assembly', 'filed', '2023-06-01'))
      watermarkName = fx.watermark('outbox_prune_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return () => env.close()
  })

  test('OUTBOX_RETENTION_HOURS: default 72 h, a number of hours ≥ 0, anything else refused', ({ assert }) => {
    assert.equal(DEFAULT_OUTBOX_RETENTION_HOURS, 72)
    assert.equal(outboxRetentionHoursFromEnv({}), 72)
    assert.equal(outboxRetentionHoursFromEnv({ OUTBOX_RETENTION_HOURS: '168' }), 168)
    assert.equal(outboxRetentionHoursFromEnv({ OUTBOX_RETENTION_HOURS: '0' }), 0)
    assert.throws(() => outboxRetentionHoursFromEnv({ OUTBOX_RETENTION_HOURS: '-1' }), /OUTBOX_RETENTION_HOURS/)
    assert.throws(() => outboxRetentionHoursFromEnv({ OUTBOX_RETENTION_HOURS: 'three days' }), /OUTBOX_RETENTION_HOURS/)
  })

  test('applied events past the window are pruned; events above the watermark or inside the window are kept', async ({ assert }) => {
    await fx.writeOutbox((query) => writeEstateProfileOutbox(query, estates))
    await fx.writeOutbox((query) => writeFilingOutbox(query, filings))
    const applied = [...fx.outboxIds]
    assert.lengthOf(applied, 6)
    const drained = await drain()
    assert.equal(drained.events, 6)
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), applied[5])

    // a change the drain has not applied yet (above the watermark), made to look old as well
    await fx.writeOutbox(async (query: QueryFn) => {
      await query('update filings set status = $1, version = version + 1, updated_at = now() where id = $2', ['expired', filings[0]])
      return writeFilingOutbox(query, [filings[0]])
    })
    const pending = fx.outboxIds.filter((id) => !applied.includes(id))
    assert.lengthOf(pending, 1)
    // five applied events 100 h old, the sixth 10 h old (inside the 72 h window); the pending one 100 h old
    await age(pg, [...applied.slice(0, 5), ...pending], 100)
    await age(pg, [applied[5]], 10)

    const pruned = await pruneOutbox({ pg, watermarkName, retentionHours: 72, batchSize: 2 })
    assert.isAtLeast(pruned.deleted, 5)
    assert.isAtLeast(pruned.batches, 3) // batches of 2
    assert.equal(pruned.watermark, applied[5])
    assert.isBelow(Number(pruned.upTo), Number(applied[5]))
    assert.deepEqual(await existing(pg, [...applied, ...pending]), [applied[5], ...pending])

    // idempotent: a second run finds nothing more
    assert.equal((await pruneOutbox({ pg, watermarkName, retentionHours: 72 })).deleted, 0)
    assert.deepEqual(await existing(pg, [...applied, ...pending]), [applied[5], ...pending])

    // the pending event is still delivered
    assert.equal((await drain()).events, 1)
    assert.include(await filingTotals(), { estates: 3, contractFiled: 0 })
  })

  test('a prune then a rebuild: every statistic unchanged, reconcile 0', async ({ assert }) => {
    const before = await filingTotals()
    assert.deepEqual(before, { estates: 3, contractFiled: 0, contractExpired: 2, assemblyFiled: 1 })
    // window 0: everything the drain applied goes, except the newest event (the rebuild's version)
    const newest = await fx.maxOutboxId()
    const pruned = await pruneOutbox({ pg, watermarkName, retentionHours: 0 })
    assert.isAtLeast(pruned.deleted, 1)
    assert.deepEqual(await existing(pg, [newest]), [newest])
    assert.deepEqual(await existing(pg, fx.outboxIds.filter((id) => id !== newest)), [])

    const rebuilt = await rebuildAllFacts({ pg, warehouse, watermarkName })
    assert.equal(rebuilt.version, newest)
    assert.deepEqual(await filingTotals(), before)
    const result = await reconcile({ pg, warehouse, watermarkName })
    assert.equal(result.pendingEvents, 0)
    assert.deepEqual(result.differences, [])
  }).timeout(60_000)

  test('nothing is pruned without a watermark (the drain never ran)', async ({ assert }) => {
    const result = await pruneOutbox({ pg, watermarkName: `${watermarkName}_never`, retentionHours: 0 })
    assert.deepInclude(result, { deleted: 0, watermark: '0', upTo: '0' })
  })

  test('the hourly prune is scheduled, and every queue bounds its finished jobs by age and count', async ({ assert, cleanup }) => {
    const prefix = `szpm-test-${fx.tag}`
    const connection = createRedisConnection(redisUrlFromEnv())
    const pruneQueue = createPruneOutboxQueue(connection, { prefix })
    const drainQueue = createDrainOutboxQueue(connection, { prefix })
    cleanup(async () => {
      await pruneQueue.obliterate({ force: true })
      await drainQueue.obliterate({ force: true })
      await pruneQueue.close()
      await drainQueue.close()
      await connection.quit()
    })
    assert.isAbove(JOB_RETENTION.removeOnComplete.age, 0)
    assert.isAbove(JOB_RETENTION.removeOnComplete.count, 0)
    assert.isAbove(JOB_RETENTION.removeOnFail.age, 0)
    assert.isAbove(JOB_RETENTION.removeOnFail.count, 0)

    await schedulePruneOutbox(pruneQueue)
    const [scheduler] = await pruneQueue.getJobSchedulers()
    assert.equal(scheduler.key, PRUNE_OUTBOX_SCHEDULER_ID)
    assert.equal(scheduler.every, 3_600_000)
    await scheduleDrainOutbox(drainQueue)

    // the jobs the schedulers make carry the bounds (BullMQ keeps finished jobs forever without them)
    for (const queue of [pruneQueue, drainQueue]) {
      const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized'])
      assert.isAbove(jobs.length, 0, `${queue.name} has its scheduled job`)
      for (const job of jobs) {
        assert.deepEqual(job.opts.removeOnComplete, JOB_RETENTION.removeOnComplete, `${queue.name} ${job.name}`)
        assert.deepEqual(job.opts.removeOnFail, JOB_RETENTION.removeOnFail, `${queue.name} ${job.name}`)
      }
      if (queue === pruneQueue) assert.isTrue(jobs.every((job) => job.name === PRUNE_OUTBOX_JOB))
    }

    // the processor prunes (here: nothing left past the default window) and returns what it did
    const processor = createPruneOutboxProcessor({ pg, watermarkName })
    const result = await processor({ log: async () => 0 } as never)
    assert.equal(result.deleted, 0)
    assert.equal(result.watermark, await getWatermark(pgQueryFn(pg), watermarkName))
  }).timeout(60_000)
})
