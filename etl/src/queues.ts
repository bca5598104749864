/** BullMQ queue names, the Redis connection, and queue/worker factories. */
import { Queue, Worker } from 'bullmq'
import type { Job, Processor } from 'bullmq'
import { Redis } from 'ioredis'

export const QUEUE_NAMES = Object.freeze({ drainOutbox: 'etl-drain-outbox' } as const)
export const DRAIN_OUTBOX_JOB = 'drain-outbox'
export const DRAIN_OUTBOX_SCHEDULER_ID = 'drain-outbox-every-second'
export const DRAIN_OUTBOX_EVERY_MS = 1000

export type QueueScope = {
  /** BullMQ key prefix (default 'bull'); tests use their own. */
  prefix?: string
}

/** ioredis connection for BullMQ (maxRetriesPerRequest must be null for workers). */
export function createRedisConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null })
}

export function createDrainOutboxQueue(connection: Redis, scope: QueueScope = {}): Queue {
  return new Queue(QUEUE_NAMES.drainOutbox, {
    connection,
    prefix: scope.prefix,
    defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } },
  })
}

/** Concurrency 1: batches are applied in outbox order (the ETL lock also guards across processes). */
export function createDrainOutboxWorker(connection: Redis, processor: Processor, scope: QueueScope = {}): Worker {
  return new Worker(QUEUE_NAMES.drainOutbox, processor, { connection, prefix: scope.prefix, concurrency: 1 })
}

/** Registers (or updates) the repeating drain job. */
export async function scheduleDrainOutbox(queue: Queue, everyMs: number = DRAIN_OUTBOX_EVERY_MS): Promise<Job> {
  return queue.upsertJobScheduler(DRAIN_OUTBOX_SCHEDULER_ID, { every: everyMs }, { name: DRAIN_OUTBOX_JOB, data: {} })
}
