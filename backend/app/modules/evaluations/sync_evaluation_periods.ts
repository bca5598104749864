/**
 * Job: open the evaluation window containing today and auto-score (100) every evaluation of an
 * ended window that was not reviewed. Idempotent — running it twice, or every minute, changes
 * nothing the second time — so the scheduler simply runs it every minute.
 */
import app from '@adonisjs/core/services/app'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'

export const SYNC_EVALUATION_PERIODS = 'sync-evaluation-periods'
export const SYNC_EVALUATION_PERIODS_EVERY_MS = 60_000

export async function syncEvaluationPeriods() {
  const service = await app.container.make(EvaluationPeriodService)
  return service.sync()
}
