/**
 * Inbox hook of the evaluation process: before the inbox reads to-dos, make sure the window that
 * contains today has been opened (so community staff see their to-dos on its first day even if the
 * scheduled job has not run yet). Cheap when it has.
 */
import app from '@adonisjs/core/services/app'

export async function refreshEvaluationTodos() {
  // imported when run: the service imports the process that declares this hook
  const { default: EvaluationPeriodService } = await import('#modules/evaluations/evaluation_period_service')
  const service = await app.container.make(EvaluationPeriodService)
  await service.ensureCurrent()
}
