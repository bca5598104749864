/** BullMQ queue names, the Redis connection, and queue/worker factories. */
import { Queue, Worker } from 'bullmq'
import type { Job, Processor } from 'bullmq'
import { Redis } from 'ioredis'

export const QUEUE_NAMES = Object.freeze({ drainOutbox: 'etl-drain-outbox', pruneOutbox: 'etl-prune-outbox' } as const)
export const DRAIN_OUTBOX_JOB = 'drain-outbox'
export const PRUNE_OUTBOX_JOB = 'prune-outbox'
/** Hourly: deletes outbox events the warehouse applied, past the replay window (prune_outbox.ts). */
export const PRUNE_OUTBOX_SCHEDULER_ID = 'prune-outbox-hourly'
export const PRUNE_OUTBOX_EVERY_MS = 3_600_000

/**
 * Retention of finished jobs in Redis, for EVERY BullMQ queue of the platform (etl and the backend's
 * jobs queue): completed jobs for a day (at most 1000), failed ones for a week (at most 5000) — enough
 * to inspect a failure, bounded so a 5 s safety net does not grow Redis forever. Jobs made by a job
 * scheduler inherit these defaultJobOptions.
 */
export const JOB_RETENTION = Object.freeze({
  removeOnComplete: Object.freeze({ age: 24 * 3600, count: 1000 }),
  removeOnFail: Object.freeze({ age: 7 * 24 * 3600, count: 5000 }),
})
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
    defaultJobOptions: { ...JOB_RETENTION },
  })
}

/** Concurrency 1: batches are applied in outbox order (the ETL lock also guards across processes). */
export function createDrainOutboxWorker(connection: Redis, processor: Processor, scope: QueueScope = {}): Worker {
  return new Worker(QUEUE_NAMES.drainOutbox, processor, { connection, prefix: scope.prefix, concurrency: 1 })
}

export function createPruneOutboxQueue(connection: Redis, scope: QueueScope = {}): Queue {
  return new Queue(QUEUE_NAMES.pruneOutbox, { connection, prefix: scope.prefix, defaultJobOptions: { ...JOB_RETENTION } })
}

/** Concurrency 1: one prune at a time (a second one would only find nothing to delete). */
export function createPruneOutboxWorker(connection: Redis, processor: Processor, scope: QueueScope = {}): Worker {
  return new Worker(QUEUE_NAMES.pruneOutbox, processor, { connection, prefix: scope.prefix, concurrency: 1 })
}

/** Registers (or updates) the hourly prune of the outbox. */
export async function schedulePruneOutbox(queue: Queue, everyMs: number = PRUNE_OUTBOX_EVERY_MS): Promise<Job> {
  return queue.upsertJobScheduler(PRUNE_OUTBOX_SCHEDULER_ID, { every: everyMs }, { name: PRUNE_OUTBOX_JOB, data: {} })
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
