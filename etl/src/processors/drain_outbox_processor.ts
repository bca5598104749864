/** Processor for the drain-outbox queue. Idempotent: a retried or duplicate job only replays events. */
import type { Job } from 'bullmq'
import type { Pool } from 'pg'
import { drainOutbox } from '../drain_outbox.ts'
import type { DrainResult, DrainWarehouse } from '../drain_outbox.ts'
import type { DrainTrigger } from '../queues.ts'
import type { TopicRegistry } from '../topics.ts'

/** When another drain or a rebuild holds the ETL lock, wake again after this long (it may have read before our commit). */
export const DRAIN_LOCKED_RETRY_MS = 500

export type DrainOutboxDeps = {
  pg: Pool
  warehouse: DrainWarehouse
  /** default: every module's topics (tests narrow it) */
  topics?: TopicRegistry
  batchSize?: number
  /** Upper bound per job so one job never runs unbounded (the job then wakes the next one). */
  maxBatches?: number
  watermarkName?: string
  /**
   * Asks for one more drain (normally `wakeDrainOutbox` on the same queue): right away when this job
   * stopped at `maxBatches` with events left, after DRAIN_LOCKED_RETRY_MS when the ETL lock was held.
   * Without it the safety-net scheduler continues.
   */
  wake?: (trigger: DrainTrigger, options: { delayMs?: number }) => Promise<void>
}

export function createDrainOutboxProcessor(deps: DrainOutboxDeps): (job: Job) => Promise<DrainResult> {
  const maxBatches = deps.maxBatches ?? 20
  return async (job: Job) => {
    const result = await drainOutbox({
      pg: deps.pg,
      warehouse: deps.warehouse,
      topics: deps.topics,
      batchSize: deps.batchSize,
      maxBatches,
      watermarkName: deps.watermarkName,
      log: (line) => void job.log(line).catch(() => {}),
    })
    if (deps.wake && result.locked) await deps.wake('locked', { delayMs: DRAIN_LOCKED_RETRY_MS })
    else if (deps.wake && result.batches >= maxBatches) await deps.wake('continue', {})
    return result
  }
}
