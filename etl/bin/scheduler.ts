/** `node bin/scheduler.ts` — upsert the safety-net drain-outbox job (every 5 s; commits wake the drain, see outbox_listener.ts), then exit. */
import { redisUrlFromEnv } from '../src/config.ts'
import { createDrainOutboxQueue, createRedisConnection, DRAIN_OUTBOX_EVERY_MS, DRAIN_OUTBOX_SCHEDULER_ID, QUEUE_NAMES, scheduleDrainOutbox } from '../src/queues.ts'

const connection = createRedisConnection(redisUrlFromEnv())
const queue = createDrainOutboxQueue(connection)
try {
  await scheduleDrainOutbox(queue)
  console.log(`scheduled ${DRAIN_OUTBOX_SCHEDULER_ID} on ${QUEUE_NAMES.drainOutbox}: every ${DRAIN_OUTBOX_EVERY_MS} ms`)
} catch (error) {
  console.error(`scheduler failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await queue.close()
  await connection.quit()
}
