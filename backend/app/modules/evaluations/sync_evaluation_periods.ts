/**
 * Job: open the evaluation window containing today and auto-score (100) every evaluation of an
 * ended window that was not reviewed. Idempotent — running it twice, or every minute, changes
 * nothing the second time — so the scheduler simply runs it every minute (and once at start).
 * Declared by the evaluation process (evaluation_process.ts `jobs`).
 */
import app from '@adonisjs/core/services/app'
import type { ScheduledJob } from '#workflows/process'

export const SYNC_EVALUATION_PERIODS = 'sync-evaluation-periods'
export const SYNC_EVALUATION_PERIODS_EVERY_MS = 60_000

export async function syncEvaluationPeriods() {
  // imported when run: the service imports the process that declares this job
  const { default: EvaluationPeriodService } = await import('#modules/evaluations/evaluation_period_service')
  const service = await app.container.make(EvaluationPeriodService)
  return service.sync()
}

export const syncEvaluationPeriodsJob: ScheduledJob<Awaited<ReturnType<typeof syncEvaluationPeriods>>> = {
  name: SYNC_EVALUATION_PERIODS,
  everyMs: SYNC_EVALUATION_PERIODS_EVERY_MS,
  runAtStart: true,
  run: syncEvaluationPeriods,
  describe: ({ today, opened, autoScored }) =>
    opened || autoScored ? `today ${today}: opened ${opened} evaluation(s), auto-scored ${autoScored}` : null,
}
