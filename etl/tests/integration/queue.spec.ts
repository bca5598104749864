import { test } from '@japa/runner'
import { QueueEvents } from 'bullmq'
import type { Pool } from 'pg'
import { totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  createDrainOutboxProcessor,
  createDrainOutboxQueue,
  createDrainOutboxWorker,
  createRedisConnection,
  DRAIN_OUTBOX_JOB,
  DRAIN_OUTBOX_SCHEDULER_ID,
  pgQueryFn,
  QUEUE_NAMES,
  redisUrlFromEnv,
  scheduleDrainOutbox,
  setWatermark,
  writeEstateProfileOutbox,
  writeFilingOutbox,
} from '../../src/index.ts'
import type { DrainResult } from '../../src/index.ts'
import { Fixtures, openTestEnvironment } from '../helpers.ts'


test.group('BullMQ drain-outbox round trip', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures

  group.setup(async () => {
    const env = await openTestEnvironment('etl_queue_test')
    ;({ pg, warehouse, fx } = env)
    return () => env.close()
  })

  test('a real Worker processes an enqueued drain job', async ({ assert, cleanup }) => {
    const prefix = `szpm-test-${fx.tag}`
    const connection = createRedisConnection(redisUrlFromEnv())
    const workerConnection = createRedisConnection(redisUrlFromEnv())
    const queue = createDrainOutboxQueue(connection, { prefix })
    const eventsConnection = createRedisConnection(redisUrlFromEnv())
    const events = new QueueEvents(QUEUE_NAMES.drainOutbox, { connection: eventsConnection, prefix })
    const watermarkName = fx.watermark('outbox_queue_test')
    await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    const worker = createDrainOutboxWorker(workerConnection, createDrainOutboxProcessor({ pg, warehouse, watermarkName }), { prefix })
    cleanup(async () => {
      await worker.close()
      await queue.obliterate({ force: true })
      await queue.close()
      await events.close()
      await connection.quit()
      await workerConnection.quit()
      await eventsConnection.quit()
    })
    assert.equal(worker.opts.concurrency, 1)
    await events.waitUntilReady()

    const district = await fx.region('district', '队列测试区', null)
    const street = await fx.region('street', '队列街道', district)
    const community = await fx.region('community', '队列社区', street)
    const estateA = await fx.estate(community, '队列小区A')
    const estateB = await fx.estate(community, '队列小区B')
    const filingA = await fx.filing(estateA, 'contract', 'filed', '2024-01-01')
    // the estates (the cube's estate dimension) and the filing, as the backend's writers publish them
    await writeEstateProfileOutbox(pgQueryFn(pg), [estateA, estateB])
    await writeFilingOutbox(pgQueryFn(pg), [filingA])
    await fx.trackOutbox()

    const job = await queue.add(DRAIN_OUTBOX_JOB, {})
    const result = (await job.waitUntilFinished(events, 30_000)) as DrainResult
    assert.isFalse(result.locked)
    assert.isAtLeast(result.events, 2)
    assert.deepEqual(await totals(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractFiled', 'contractRate'], filters: { district_id: district.id }, params: { asOf: '2026-12-01' } }), {
      estates: 2, contractFiled: 1, contractRate: 0.5,
    })

    // the job is idempotent: a second run finds nothing new and changes nothing
    const second = (await (await queue.add(DRAIN_OUTBOX_JOB, {})).waitUntilFinished(events, 30_000)) as DrainResult
    assert.equal(second.events, 0)
    assert.equal((await totals(warehouse, { cube: 'estate_filings', metrics: ['estates'], filters: { district_id: district.id }, params: { asOf: '2026-12-01' } })).estates, 2)

    // the scheduler registers the safety-net repeating job every 5 s (commits wake the drain, see
    // outbox_listener.spec.ts) and removes the 1 s scheduler that earlier versions registered
    await queue.upsertJobScheduler('drain-outbox-every-second', { every: 1000 }, { name: DRAIN_OUTBOX_JOB, data: {} })
    await scheduleDrainOutbox(queue)
    const schedulers = await queue.getJobSchedulers()
    assert.lengthOf(schedulers, 1)
    assert.equal(schedulers[0].key, DRAIN_OUTBOX_SCHEDULER_ID)
    assert.equal(schedulers[0].every, 5000)
    await queue.removeJobScheduler(schedulers[0].key)
  }).timeout(60_000)
})
