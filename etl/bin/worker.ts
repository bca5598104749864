/** `node bin/worker.ts` — wires the drain-outbox queue to its processor; graceful shutdown on SIGINT/SIGTERM. */
import { createWarehouse } from '@szpm/warehouse'
import { etlConfigFromEnv } from '../src/config.ts'
import { createPgPool } from '../src/pg.ts'
import { createDrainOutboxProcessor } from '../src/processors/drain_outbox_processor.ts'
import { createDrainOutboxWorker, createRedisConnection, QUEUE_NAMES } from '../src/queues.ts'

const config = etlConfigFromEnv()
const pg = createPgPool(config.databaseUrl, { applicationName: 'szpm-etl-worker' })
const warehouse = createWarehouse(config.warehouse)
const connection = createRedisConnection(config.redisUrl)

const worker = createDrainOutboxWorker(connection, createDrainOutboxProcessor({ pg, warehouse }))
worker.on('failed', (job, error) => console.error(`[etl] ${QUEUE_NAMES.drainOutbox} job ${job?.id ?? '?'} failed: ${error.message}`))
worker.on('error', (error) => console.error(`[etl] worker error: ${error.message}`))
console.log(`[etl] worker listening on ${QUEUE_NAMES.drainOutbox} (concurrency 1)`)

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`[etl] ${signal}: closing worker…`)
  try {
    await worker.close()
    await Promise.allSettled([pg.end(), warehouse.close()])
    await connection.quit()
  } catch (error) {
    console.error(`[etl] shutdown error: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))
