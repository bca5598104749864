/**
 * `node bin/worker.ts` — wires the drain-outbox queue to its processor and the outbox listener that wakes
 * it on every commit (LISTEN/NOTIFY); graceful shutdown on SIGINT/SIGTERM (listener first, then worker).
 */
import { createWarehouse } from '@szpm/warehouse'
import { etlConfigFromEnv } from '../src/config.ts'
import { createOutboxListener } from '../src/outbox_listener.ts'
import { createPgPool } from '../src/pg.ts'
import { createDrainOutboxProcessor } from '../src/processors/drain_outbox_processor.ts'
import { createDrainOutboxQueue, createDrainOutboxWorker, createRedisConnection, QUEUE_NAMES, wakeDrainOutbox } from '../src/queues.ts'
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

const listener = createOutboxListener({ databaseUrl: config.databaseUrl, wake: (trigger) => wake(trigger, {}) })
void listener.start()

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`[etl] ${signal}: closing listener and worker…`)
  try {
    await listener.close()
    await worker.close()
    await queue.close()
    await Promise.allSettled([pg.end(), warehouse.close()])
    await Promise.allSettled([connection.quit(), queueConnection.quit()])
  } catch (error) {
    console.error(`[etl] shutdown error: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))
