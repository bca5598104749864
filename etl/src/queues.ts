/** BullMQ queue names, the Redis connection, and queue/worker factories. */
import { Queue, Worker } from 'bullmq'
import type { Job, Processor } from 'bullmq'
import { Redis } from 'ioredis'

export const QUEUE_NAMES = Object.freeze({ drainOutbox: 'etl-drain-outbox' } as const)
export const DRAIN_OUTBOX_JOB = 'drain-outbox'
/**
 * The drain is woken by the commit (LISTEN/NOTIFY, see outbox_listener.ts); this repeating job is only
 * the safety net for a notification missed while the listener was reconnecting (it also catches up on
 * connect) or a listener that is down. 5 s bounds how stale the warehouse gets in that case.
 */
export const DRAIN_OUTBOX_SCHEDULER_ID = 'drain-outbox-safety-net'
export const DRAIN_OUTBOX_EVERY_MS = 5000
/** Scheduler ids used before; `scheduleDrainOutbox` removes them so an old 1 s tick does not linger in Redis. */
const LEGACY_SCHEDULER_IDS = ['drain-outbox-every-second']
/** Deduplication id of the woken drain: at most one waiting (plus one active) woken drain job. */
export const DRAIN_OUTBOX_WAKE_ID = 'drain-outbox-wake'

/** Why a drain job was added: a commit's notification, a (re)connected listener, a drain asking for more. */
export type DrainTrigger = 'notify' | 'listen' | 'continue' | 'locked'
export type DrainJobData = { trigger?: DrainTrigger }

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

/** Registers (or updates) the repeating safety-net drain job (and removes the old 1 s scheduler). */
export async function scheduleDrainOutbox(queue: Queue, everyMs: number = DRAIN_OUTBOX_EVERY_MS): Promise<Job> {
  for (const id of LEGACY_SCHEDULER_IDS) await queue.removeJobScheduler(id)
  return queue.upsertJobScheduler(DRAIN_OUTBOX_SCHEDULER_ID, { every: everyMs }, { name: DRAIN_OUTBOX_JOB, data: {} })
}

/**
 * Asks for one drain soon, coalescing: BullMQ deduplication keeps at most one waiting woken drain,
 * and `keepLastIfActive` turns a wake-up that arrives while that drain is RUNNING into exactly one
 * more drain after it (the running one may have read the outbox before the waking commit).
 */
export async function wakeDrainOutbox(queue: Queue, trigger: DrainTrigger, options: { delayMs?: number } = {}): Promise<void> {
  const data: DrainJobData = { trigger }
  await queue.add(DRAIN_OUTBOX_JOB, data, {
    deduplication: { id: DRAIN_OUTBOX_WAKE_ID, keepLastIfActive: true },
    delay: options.delayMs,
  })
}
