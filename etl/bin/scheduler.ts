/**
 * `node bin/scheduler.ts` — upsert the safety-net drain-outbox job (every 5 s; commits wake the drain, see
 * outbox_listener.ts) and the hourly prune of applied outbox events (prune_outbox.ts), then exit.
 */
import { redisUrlFromEnv } from '../src/config.ts'
import {
  createDrainOutboxQueue,
  createPruneOutboxQueue,
  createRedisConnection,
  DRAIN_OUTBOX_EVERY_MS,
  DRAIN_OUTBOX_SCHEDULER_ID,
  PRUNE_OUTBOX_EVERY_MS,
  PRUNE_OUTBOX_SCHEDULER_ID,
  QUEUE_NAMES,
  scheduleDrainOutbox,
  schedulePruneOutbox,
} from '../src/queues.ts'

const connection = createRedisConnection(redisUrlFromEnv())
const queue = createDrainOutboxQueue(connection)
const pruneQueue = createPruneOutboxQueue(connection)
try {
  await scheduleDrainOutbox(queue)
  console.log(`scheduled ${DRAIN_OUTBOX_SCHEDULER_ID} on ${QUEUE_NAMES.drainOutbox}: every ${DRAIN_OUTBOX_EVERY_MS} ms`)
  await schedulePruneOutbox(pruneQueue)
  console.log(`scheduled ${PRUNE_OUTBOX_SCHEDULER_ID} on ${QUEUE_NAMES.pruneOutbox}: every ${PRUNE_OUTBOX_EVERY_MS} ms`)
} catch (error) {
  console.error(`scheduler failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await queue.close()
  await pruneQueue.close()
  await connection.quit()
}
