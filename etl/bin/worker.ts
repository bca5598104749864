/**
 * `node bin/worker.ts` — wires the drain-outbox queue to its processor and the outbox listener that wakes
 * it on every commit (LISTEN/NOTIFY); graceful shutdown on SIGINT/SIGTERM (listener first, then worker).
 */
import { createWarehouse } from '@szpm/warehouse'
import { etlConfigFromEnv } from '../src/config.ts'
import { createOutboxListener } from '../src/outbox_listener.ts'
import { createPgPool } from '../src/pg.ts'
import { createDrainOutboxProcessor } from '../src/processors/drain_outbox_processor.ts'
import { createPruneOutboxProcessor } from '../src/processors/prune_outbox_processor.ts'
import { outboxRetentionHoursFromEnv } from '../src/prune_outbox.ts'
import {
  createDrainOutboxQueue,
  createDrainOutboxWorker,
  createPruneOutboxQueue,
  createPruneOutboxWorker,
  createRedisConnection,
  QUEUE_NAMES,
  scheduleDrainOutbox,
  schedulePruneOutbox,
  wakeDrainOutbox,
} from '../src/queues.ts'
import type { DrainTrigger } from '../src/queues.ts'

const config = etlConfigFromEnv()
const pg = createPgPool(config.databaseUrl, { applicationName: 'szpm-etl-worker' })
const warehouse = createWarehouse(config.warehouse)
const connection = createRedisConnection(config.redisUrl)
const queueConnection = createRedisConnection(config.redisUrl)
const queue = createDrainOutboxQueue(queueConnection)
const wake = (trigger: DrainTrigger, options: { delayMs?: number }) => wakeDrainOutbox(queue, trigger, options)

const worker = createDrainOutboxWorker(connection, createDrainOutboxProcessor({ pg, warehouse, wake }))
worker.on('failed', (job, error) => console.error(`[etl] ${QUEUE_NAMES.drainOutbox} job ${job?.id ?? '?'} failed: ${error.message}`))
worker.on('error', (error) => console.error(`[etl] worker error: ${error.message}`))
console.log(`[etl] worker listening on ${QUEUE_NAMES.drainOutbox} (concurrency 1)`)

// hourly prune of applied outbox events past the replay window (scheduled by bin/scheduler.ts)
const pruneConnection = createRedisConnection(config.redisUrl)
const retentionHours = outboxRetentionHoursFromEnv()
const pruneWorker = createPruneOutboxWorker(pruneConnection, createPruneOutboxProcessor({ pg, retentionHours }))
pruneWorker.on('completed', (_job, result) => {
  if (result?.deleted) console.log(`[etl] pruned ${result.deleted} outbox event(s) up to id ${result.upTo} (replay window ${retentionHours} h)`)
})
pruneWorker.on('failed', (job, error) => console.error(`[etl] ${QUEUE_NAMES.pruneOutbox} job ${job?.id ?? '?'} failed: ${error.message}`))
pruneWorker.on('error', (error) => console.error(`[etl] prune worker error: ${error.message}`))

const listener = createOutboxListener({ databaseUrl: config.databaseUrl, wake: (trigger) => wake(trigger, {}) })
void listener.start()

// Redis came back after a drop: it may have restarted empty (BullMQ's waiting jobs and job schedulers
// gone). Register the safety-net drain and the hourly prune again (idempotent upserts) and wake one
// drain for the commits whose wake-up job was lost (tests: scripts/tests/faults.test.mjs, case 3).
const pruneQueue = createPruneOutboxQueue(queueConnection)
let redisConnected = false
queueConnection.on('ready', () => {
  if (!redisConnected) {
    redisConnected = true
    return
  }
  void Promise.all([scheduleDrainOutbox(queue), schedulePruneOutbox(pruneQueue), wake('listen', {})])
    .then(() => console.log('[etl] Redis reconnected: job schedulers registered again, drain woken'))
    .catch((error: unknown) => console.error(`[etl] Redis reconnected, registering the job schedulers failed: ${error instanceof Error ? error.message : String(error)}`))
})

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`[etl] ${signal}: closing listener and worker…`)
  try {
    await listener.close()
    await worker.close()
    await pruneWorker.close()
    await queue.close()
    await pruneQueue.close()
    await Promise.allSettled([pg.end(), warehouse.close()])
    await Promise.allSettled([connection.quit(), queueConnection.quit(), pruneConnection.quit()])
  } catch (error) {
    console.error(`[etl] shutdown error: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))
