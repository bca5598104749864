/**
 * The BullMQ queue of message deliveries (WeChat template messages, SMS). A job is only a pointer
 * (`{ deliveryId }`, jobId `delivery-<id>` so adding it twice is a no-op); the state lives in
 * `message_deliveries` and the processor (deliver_message.ts) is idempotent. Jobs are added after the
 * commit that created the delivery; the safety net (`requeueWaitingDeliveries`, every minute in
 * `./ace jobs:work`) re-adds deliveries still `queued` a minute later, so a crash between the commit
 * and the add loses nothing.
 */
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { JOB_RETENTION } from '@szpm/etl'
import clock from '#services/clock'

export const MESSAGE_DELIVERIES_QUEUE = 'message-deliveries'
/** the repeating safety-net job on the same queue */
export const REQUEUE_DELIVERIES_JOB = 'requeue-deliveries'
export const REQUEUE_DELIVERIES_EVERY_MS = 60_000
/** how long `notify` waits for Redis to take the jobs after the commit */
const ENQUEUE_TIMEOUT_MS = 3000

/** tries per delivery (MESSAGE_DELIVERY_ATTEMPTS) and the first backoff (MESSAGE_DELIVERY_BACKOFF_MS, doubled each retry) */
export function deliveryRetryConfig(env: Record<string, string | undefined> = process.env) {
  const attempts = Number.parseInt(env.MESSAGE_DELIVERY_ATTEMPTS ?? '', 10)
  const delay = Number.parseInt(env.MESSAGE_DELIVERY_BACKOFF_MS ?? '', 10)
  return {
    attempts: Number.isFinite(attempts) && attempts > 0 ? attempts : 5,
    backoffMs: Number.isFinite(delay) && delay >= 0 ? delay : 10_000,
  }
}

export function deliveryJobOptions() {
  const { attempts, backoffMs } = deliveryRetryConfig()
  return { ...JOB_RETENTION, attempts, backoff: { type: 'exponential', delay: backoffMs } }
}

export const deliveryJobId = (deliveryId: number) => `delivery-${deliveryId}`

export function createDeliveryQueue(connection: Redis, options: { prefix?: string } = {}) {
  return new Queue(MESSAGE_DELIVERIES_QUEUE, { connection, prefix: options.prefix, defaultJobOptions: deliveryJobOptions() })
}

let shared: Queue | undefined

/** The queue deliveries are added to (the app's Redis connection); tests may swap it (`useDeliveryQueue`). */
export function deliveryQueue(): Queue {
  shared ??= createDeliveryQueue(redis.connection('main').ioConnection)
  return shared
}

/** for tests and the worker: add jobs to this queue instead (null: back to the default) */
export function useDeliveryQueue(queue: Queue | undefined) {
  shared = queue
}

/**
 * Adds one job per delivery. Never throws: a delivery whose job could not be added stays `queued`
 * and the safety net adds it within a minute or two.
 */
export async function enqueueDeliveries(deliveryIds: readonly number[]): Promise<void> {
  if (deliveryIds.length === 0) return
  let timer: NodeJS.Timeout | undefined
  try {
    const add = deliveryQueue().addBulk(
      deliveryIds.map((id) => ({ name: 'deliver', data: { deliveryId: id }, opts: { jobId: deliveryJobId(id) } }))
    )
    // Redis down must not hold the sender's request: give up after a while, the safety net adds them
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS)
    })
    add.catch(() => {})
    await Promise.race([add, timeout])
  } catch (error) {
    logger.warn({ err: error, deliveryIds: deliveryIds.slice(0, 20) }, '[messages] could not queue deliveries; the safety net will')
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The safety net: deliveries still `queued` (or `sending`: a worker died and its job was lost with
 * Redis) `olderThanMs` after their last change get their job (again). A job that already exists is not added twice (jobId); one that finished and was removed is
 * re-added, and the idempotent processor does nothing for a sent delivery.
 */
export async function requeueWaitingDeliveries(olderThanMs = REQUEUE_DELIVERIES_EVERY_MS): Promise<number> {
  const before = clock.now().minus({ milliseconds: olderThanMs }).toJSDate()
  const rows = (await db
    .from('message_deliveries')
    .whereIn('status', ['queued', 'sending'])
    .where('updated_at', '<', before)
    .orderBy('id')
    .limit(5000)
    .select('id')) as { id: number }[]
  if (rows.length === 0) return 0
  const queue = deliveryQueue()
  // a job still waiting (delayed for backoff, or active) is left alone; a finished or lost one is re-added
  const ids: number[] = []
  for (const row of rows) {
    const job = await queue.getJob(deliveryJobId(row.id))
    const state = job ? await job.getState() : 'unknown'
    if (state === 'completed' || state === 'failed') await job!.remove().catch(() => {})
    if (!job || state === 'completed' || state === 'failed' || state === 'unknown') ids.push(row.id)
  }
  await enqueueDeliveries(ids)
  return ids.length
}
