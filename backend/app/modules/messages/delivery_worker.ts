/**
 * The deliveries queue's processor and schedule, for `./ace jobs:work` (which only wires them):
 * `deliver` jobs run deliver_message.ts; the repeating `requeue-deliveries` job is the safety net.
 */
import type { Job, Queue } from 'bullmq'
import { deliverMessage } from './deliver_message.ts'
import { REQUEUE_DELIVERIES_EVERY_MS, REQUEUE_DELIVERIES_JOB, deliveryRetryConfig, requeueWaitingDeliveries } from './delivery_queue.ts'

/** puts the safety net on its schedule (idempotent: stable scheduler id) */
export async function scheduleDeliverySafetyNet(queue: Queue) {
  await queue.upsertJobScheduler(`${REQUEUE_DELIVERIES_JOB}-repeat`, { every: REQUEUE_DELIVERIES_EVERY_MS }, { name: REQUEUE_DELIVERIES_JOB, opts: { attempts: 1 } })
}

export function deliveryProcessor() {
  return async (job: Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts'>) => {
    if (job.name === REQUEUE_DELIVERIES_JOB) return { requeued: await requeueWaitingDeliveries() }
    const deliveryId = Number(job.data?.deliveryId)
    if (!Number.isInteger(deliveryId) || deliveryId <= 0) throw new Error(`deliver job without a delivery id: ${JSON.stringify(job.data)}`)
    return deliverMessage(deliveryId, { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? deliveryRetryConfig().attempts })
  }
}
