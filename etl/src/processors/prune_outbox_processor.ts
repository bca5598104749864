/** Processor for the prune-outbox queue (hourly): deletes applied outbox events past the replay window. Idempotent. */
import type { Job } from 'bullmq'
import type { Pool } from 'pg'
import { pruneOutbox } from '../prune_outbox.ts'
import type { PruneOutboxResult } from '../prune_outbox.ts'

export type PruneOutboxDeps = {
  pg: Pool
  /** replay window in hours (default: OUTBOX_RETENTION_HOURS, else 72) */
  retentionHours?: number
  batchSize?: number
  /** upper bound per job so one job never runs unbounded (the next hourly run continues) */
  maxBatches?: number
  watermarkName?: string
}

export function createPruneOutboxProcessor(deps: PruneOutboxDeps): (job: Job) => Promise<PruneOutboxResult> {
  const maxBatches = deps.maxBatches ?? 200
  return async (job: Job) =>
    pruneOutbox({
      pg: deps.pg,
      retentionHours: deps.retentionHours,
      batchSize: deps.batchSize,
      maxBatches,
      watermarkName: deps.watermarkName,
      log: (line) => void job.log(line).catch(() => {}),
    })
}
