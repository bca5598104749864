/** Processor for the drain-outbox queue. Idempotent: a retried or duplicate job only replays events. */
import type { Job } from 'bullmq'
import type { Pool } from 'pg'
import type { Warehouse } from '@szpm/warehouse'
import { drainOutbox } from '../drain_outbox.ts'
import type { DrainResult } from '../drain_outbox.ts'

export type DrainOutboxDeps = {
  pg: Pool
  warehouse: Pick<Warehouse, 'insert'>
  batchSize?: number
  /** Upper bound per job so one job never runs unbounded (the next tick continues). */
  maxBatches?: number
  watermarkName?: string
}

export function createDrainOutboxProcessor(deps: DrainOutboxDeps): (job: Job) => Promise<DrainResult> {
  return async (job: Job) => {
    const result = await drainOutbox({
      pg: deps.pg,
      warehouse: deps.warehouse,
      batchSize: deps.batchSize,
      maxBatches: deps.maxBatches ?? 20,
      watermarkName: deps.watermarkName,
      log: (line) => void job.log(line).catch(() => {}),
    })
    return result
  }
}
