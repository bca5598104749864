/**
 * The exports queue's processor and schedule, for `./ace jobs:work` (which only wires them): `run`
 * jobs produce a file (export_run_processor.ts); the repeating tick makes due runs (export_tick.ts).
 */
import type { Job } from 'bullmq'
import { EXPORTS_TICK_JOB, EXPORT_JOB_OPTIONS } from './export_queue.ts'
import { produceExportRun } from './export_run_processor.ts'
import { exportsTick } from './export_tick.ts'

export { scheduleExportsTick } from './export_queue.ts'

export function exportsProcessor() {
  return async (job: Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts'>) => {
    if (job.name === EXPORTS_TICK_JOB) return exportsTick()
    const runId = Number(job.data?.runId)
    if (!Number.isInteger(runId) || runId <= 0) throw new Error(`export run job without a run id: ${JSON.stringify(job.data)}`)
    return produceExportRun(runId, { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? EXPORT_JOB_OPTIONS.attempts })
  }
}
