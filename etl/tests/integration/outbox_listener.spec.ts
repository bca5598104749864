import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Job, Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Pool } from 'pg'
import { createWarehouse, dropDatabase, migrate, raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  appendOutboxEvents,
  createDrainOutboxProcessor,
  createDrainOutboxQueue,
  createDrainOutboxWorker,
  createOutboxListener,
  createPgPool,
  createRedisConnection,
  databaseUrlFromEnv,
  DRAIN_LOCKED_RETRY_MS,
  ETL_LOCK,
  getWatermark,
  pgQueryFn,
  redisUrlFromEnv,
  setWatermark,
  wakeDrainOutbox,
} from '../../src/index.ts'
import type { DrainJobData, DrainResult, DrainTrigger, OutboxListener, TopicRegistry } from '../../src/index.ts'
import { assertSourceSchema, Fixtures, scratchWarehouseConfig } from '../helpers.ts'

/**
 * These tests are about WHEN the drain runs, not what it writes: the events go through the shared
 * writer (`appendOutboxEvents`, which NOTIFYs) under a topic of their own into a table of their own
 * in a scratch ClickHouse database, so they do not depend on any module's fact schema.
 */
const TOPIC = 'outbox_listener_test'
const TABLE = 'outbox_listener_test_events'
const TOPICS: TopicRegistry = {
  [TOPIC]: { table: TABLE, toRows: (event) => [{ outbox_id: event.id, estate_id: Number(event.entity_id) }] },
}
const TABLE_SQL = `CREATE TABLE IF NOT EXISTS ${TABLE} (outbox_id UInt64, estate_id UInt32) ENGINE = MergeTree ORDER BY outbox_id`

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await check()) return performance.now() - started
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

type Ran = { id: string; trigger: DrainTrigger | undefined; result: DrainResult; finishedAt: number }

/**
 * A worker + listener pipeline on its own BullMQ prefix and watermark, with NO job scheduler: every
 * drain job comes from the listener (or from a drain asking for more). `hold` parks a job after its
 * drain (still active) until released.
 */
async function openPipeline(pg: Pool, warehouse: Warehouse, fx: Fixtures, name: string, options: { backoffMs?: number; maxBatches?: number; batchSize?: number } = {}) {
  const prefix = `szpm-test-${fx.tag}-${name}`
  const connections: Redis[] = [createRedisConnection(redisUrlFromEnv()), createRedisConnection(redisUrlFromEnv())]
  const queue: Queue = createDrainOutboxQueue(connections[0], { prefix })
  const watermarkName = fx.watermark(`outbox_${name}`)
  await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())

  const ran: Ran[] = []
  const wakesAdded: DrainTrigger[] = []
  let hold: { reached: () => void; release: Promise<void> } | undefined
  const wake = async (trigger: DrainTrigger, opts: { delayMs?: number } = {}) => {
    await wakeDrainOutbox(queue, trigger, opts)
    wakesAdded.push(trigger)
  }
  const drain = createDrainOutboxProcessor({ pg, warehouse, topics: TOPICS, watermarkName, wake, maxBatches: options.maxBatches, batchSize: options.batchSize })
  const worker: Worker = createDrainOutboxWorker(connections[1], async (job: Job<DrainJobData>) => {
    const result = await drain(job)
    const parked = hold
    if (parked) {
      hold = undefined
      parked.reached()
      await parked.release
    }
    ran.push({ id: String(job.id), trigger: job.data.trigger, result, finishedAt: performance.now() })
    return result
  }, { prefix })
  const logs: string[] = []
  const listener: OutboxListener = createOutboxListener({
    databaseUrl: databaseUrlFromEnv(),
    applicationName: `szpm-test-listener-${fx.tag}`,
    wake: (trigger) => wake(trigger),
    backoff: { initialMs: options.backoffMs ?? 50, maxMs: 2000 },
    log: (line) => logs.push(line),
  })
  await listener.start()
  // the (re)connect itself wakes one drain to catch up: let it finish before a test measures anything
  await waitFor('the catch-up drain after LISTEN', () => ran.some((r) => r.trigger === 'listen'))

  return {
    queue,
    worker,
    listener,
    ran,
    wakesAdded,
    logs,
    watermarkName,
    /** parks the next job after its drain; resolves `reached` once it is parked */
    holdNextJob() {
      let release!: () => void
      let reached!: () => void
      const parked = new Promise<void>((resolve) => (reached = resolve))
      hold = { reached, release: new Promise<void>((resolve) => (release = resolve)) }
      return { parked, release: () => release() }
    },
    async close() {
      await listener.close()
      await worker.close()
      await queue.obliterate({ force: true })
      await queue.close()
      await Promise.all(connections.map((connection) => connection.quit()))
    },
  }
}

test.group('outbox listener wakes the drain on commit (LISTEN/NOTIFY → BullMQ)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let community: { id: number; district_id: number | null; street_id: number | null }

  group.setup(async () => {
    const chConfig = scratchWarehouseConfig('etl_listen_test')
    const dir = await mkdtemp(path.join(os.tmpdir(), 'szpm-listener-test-'))
    await writeFile(path.join(dir, '0001_outbox_listener_test_events.sql'), TABLE_SQL)
    await dropDatabase(chConfig)
    await migrate(chConfig, { dir })
    await rm(dir, { recursive: true })
    warehouse = createWarehouse(chConfig)
    pg = createPgPool(databaseUrlFromEnv())
    await assertSourceSchema(pg)
    fx = new Fixtures(pg)
    const district = await fx.region('district', '唤醒测试区', null)
    const street = await fx.region('street', '唤醒街道', district)
    community = await fx.region('community', '唤醒社区', street)
    return async () => {
      await fx.cleanup()
      await warehouse.close()
      await dropDatabase(chConfig)
      await pg.end()
    }
  })

  /** events in the warehouse (each drained event is one row: a count above the number committed is a double apply) */
  const eventsInWarehouse = async () => Number((await warehouse.query<{ n: string }>(raw(`SELECT count() AS n FROM ${TABLE}`)))[0].n)
  /** one writer transaction: one outbox event per estate, then COMMIT (which delivers the NOTIFY) */
  const commit = (estateIds: number[]) => fx.writeOutbox((query) => appendOutboxEvents(query, TOPIC, async () => estateIds.map((estate_id) => ({ estate_id }))))

  test('a commit that writes an outbox event triggers a drain without any scheduler', async ({ assert, cleanup }) => {
    const p = await openPipeline(pg, warehouse, fx, 'commit')
    cleanup(() => p.close())
    assert.lengthOf(await p.queue.getJobSchedulers(), 0)
    const before = await eventsInWarehouse()
    const estate = await fx.estate(community, '唤醒小区1')
    const notificationsBefore = p.listener.stats.notifications

    await commit([estate])
    const elapsed = await waitFor('the committed event in ClickHouse', async () => (await eventsInWarehouse()) === before + 1)

    assert.isAbove(p.listener.stats.notifications, notificationsBefore)
    // the drain's rows are in ClickHouse before its job returns: wait for the job itself
    await waitFor('the notified drain job finished', () => p.ran.some((r) => r.trigger === 'notify' && r.result.events > 0))
    const woken = p.ran.filter((r) => r.trigger === 'notify')
    assert.isAtLeast(woken.length, 1, 'a drain job added by the listener for the notification')
    assert.equal(woken.reduce((sum, r) => sum + r.result.events, 0), 1)
    assert.equal(await getWatermark(pgQueryFn(pg), p.watermarkName), await fx.maxOutboxId())
    // well inside the old 1 s tick (the poll above is every 20 ms; generous for a loaded 2-core machine)
    assert.isBelow(elapsed, 3000)
  }).timeout(60_000)

  test('a burst of 50 commits causes far fewer drain jobs, and every event is applied once', async ({ assert, cleanup }) => {
    const p = await openPipeline(pg, warehouse, fx, 'burst')
    cleanup(() => p.close())
    const estates: number[] = []
    for (let i = 0; i < 50; i++) estates.push(await fx.estate(community, `唤醒批量小区${i}`))
    const before = await eventsInWarehouse()
    const jobsBefore = p.ran.length

    await Promise.all(estates.map((estate) => commit([estate])))
    await waitFor('all 50 events in ClickHouse', async () => (await eventsInWarehouse()) === before + 50)
    await waitFor('the drain queue to be idle', async () => (await p.queue.getJobCountByTypes('waiting', 'active', 'delayed')) === 0)

    const jobs = p.ran.slice(jobsBefore)
    assert.equal(p.listener.stats.notifications, 50, 'one notification per committed transaction')
    assert.isAtMost(jobs.length, 12, `50 commits coalesced into ${jobs.length} drain jobs`)
    assert.equal(jobs.reduce((sum, r) => sum + r.result.events, 0), 50, 'every event drained exactly once')
    assert.equal(await getWatermark(pgQueryFn(pg), p.watermarkName), await fx.maxOutboxId())
  }).timeout(60_000)

  test('a notification that arrives while a drain runs causes one more drain afterwards', async ({ assert, cleanup }) => {
    const p = await openPipeline(pg, warehouse, fx, 'during')
    cleanup(() => p.close())
    const estateA = await fx.estate(community, '唤醒小区A')
    const estateB = await fx.estate(community, '唤醒小区B')
    const before = await eventsInWarehouse()

    const held = p.holdNextJob()
    await commit([estateA])
    await held.parked // the drain of A has read the outbox and is still active
    const wakes = p.wakesAdded.length
    await commit([estateB])
    await waitFor('the listener to add a drain job for B', () => p.wakesAdded.length > wakes)
    assert.equal(await eventsInWarehouse(), before + 1, 'B committed after the running drain read the outbox')
    const jobsBefore = p.ran.length
    held.release()

    await waitFor('B in ClickHouse after the running drain finished', async () => (await eventsInWarehouse()) === before + 2)
    await waitFor('both drain jobs finished', () => p.ran.slice(jobsBefore).filter((r) => r.result.events > 0).length === 2)
    const after = p.ran.slice(jobsBefore)
    assert.deepEqual(after.map((r) => [r.trigger, r.result.events]), [['notify', 1], ['notify', 1]])
  }).timeout(60_000)

  test('a drain that stops at maxBatches wakes the next one', async ({ assert, cleanup }) => {
    const p = await openPipeline(pg, warehouse, fx, 'continue', { maxBatches: 1, batchSize: 2 })
    cleanup(() => p.close())
    const estates = [await fx.estate(community, '唤醒续批1'), await fx.estate(community, '唤醒续批2'), await fx.estate(community, '唤醒续批3'), await fx.estate(community, '唤醒续批4'), await fx.estate(community, '唤醒续批5')]
    const before = await eventsInWarehouse()
    const jobsBefore = p.ran.length
    await commit(estates) // one transaction, five events, one notification

    await waitFor('all five events in ClickHouse', async () => (await eventsInWarehouse()) === before + 5)
    await waitFor('the drain queue to be idle', async () => (await p.queue.getJobCountByTypes('waiting', 'active', 'delayed')) === 0)
    const jobs = p.ran.slice(jobsBefore)
    // the third job stopped at maxBatches too, so it asks once more and the fourth finds the outbox empty
    assert.deepEqual(jobs.map((r) => [r.trigger, r.result.events]), [['notify', 2], ['continue', 2], ['continue', 1], ['continue', 0]])
  }).timeout(60_000)

  test('a drain that finds the ETL lock held (another worker, a rebuild) wakes again later', async ({ assert, cleanup }) => {
    const p = await openPipeline(pg, warehouse, fx, 'locked')
    cleanup(() => p.close())
    const estate = await fx.estate(community, '唤醒锁定小区')
    const before = await eventsInWarehouse()
    const jobsBefore = p.ran.length
    const holder = await pg.connect()
    let held = true
    const unlock = async () => {
      if (!held) return
      held = false
      await holder.query('select pg_advisory_unlock($1)', [ETL_LOCK])
      holder.release()
    }
    cleanup(unlock)
    await holder.query('select pg_advisory_lock($1)', [ETL_LOCK])

    await commit([estate])
    await waitFor('a drain that found the lock held', () => p.ran.slice(jobsBefore).some((r) => r.result.locked))
    assert.equal(await eventsInWarehouse(), before)
    await unlock()
    await waitFor('the event in ClickHouse once the lock is free', async () => (await eventsInWarehouse()) === before + 1)
    // the drain's rows are in ClickHouse before its job returns: wait for the job itself
    await waitFor('the drain job that applied it finished', () => p.ran.slice(jobsBefore).some((r) => r.result.events === 1))
    const jobs = p.ran.slice(jobsBefore)
    assert.equal(jobs[0].trigger, 'notify')
    assert.isTrue(jobs[0].result.locked)
    const applied = jobs.find((r) => r.result.events === 1)
    assert.equal(applied?.trigger, 'locked', 'the retry the locked drain asked for applied the event')
    assert.isAtLeast(applied!.finishedAt - jobs[0].finishedAt, DRAIN_LOCKED_RETRY_MS - 50)
  }).timeout(60_000)

  test('the listener reconnects after its connection is terminated, catches up and still wakes drains', async ({ assert, cleanup }) => {
    const p = await openPipeline(pg, warehouse, fx, 'reconnect', { backoffMs: 400 })
    cleanup(() => p.close())
    const firstPid = p.listener.pid
    assert.isNumber(firstPid)
    const estateD = await fx.estate(community, '唤醒断线小区')
    const estateE = await fx.estate(community, '唤醒重连小区')
    const before = await eventsInWarehouse()

    const { rows } = await pg.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [firstPid])
    assert.isTrue(rows[0].ok)
    await waitFor('the listener to notice the lost connection', () => p.logs.some((line) => line.includes('connection lost')))
    // committed while no one listens: its notification is gone; the reconnect's catch-up drain applies it
    await commit([estateD])
    await waitFor('the listener to LISTEN again', () => p.listener.stats.connects === 2)
    assert.notEqual(p.listener.pid, firstPid)
    assert.equal(p.listener.stats.disconnects, 1)
    assert.equal(p.listener.stats.connects, 2)
    assert.isTrue(p.logs.some((line) => line.includes('reconnecting in 400 ms')))
    await waitFor('D in ClickHouse via the catch-up drain', async () => (await eventsInWarehouse()) === before + 1)
    await waitFor('the catch-up drain to finish', () => p.ran.filter((r) => r.trigger === 'listen').length === 2)

    const jobsBefore = p.ran.length
    await commit([estateE])
    await waitFor('E in ClickHouse, woken through the new connection', async () => (await eventsInWarehouse()) === before + 2)
    await waitFor('the drain job that applied E finished', () => p.ran.slice(jobsBefore).some((r) => r.result.events > 0))
    const woken = p.ran.slice(jobsBefore).filter((r) => r.trigger === 'notify')
    assert.equal(woken.reduce((sum, r) => sum + r.result.events, 0), 1)
  }).timeout(60_000)
})
