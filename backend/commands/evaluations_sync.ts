import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { syncEvaluationPeriods } from '#modules/evaluations/sync_evaluation_periods'

/**
 * `./ace evaluations:sync` — runs the evaluation-window job once, now (what `jobs:work` does every
 * minute): opens the window containing today, auto-scores ended windows. Idempotent.
 */
export default class EvaluationsSync extends BaseCommand {
  static commandName = 'evaluations:sync'
  static description = 'Open the current evaluation window and auto-score ended ones (the scheduled job, once)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const started = performance.now()
    const result = await syncEvaluationPeriods()
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    this.logger.success(`today ${result.today}: opened ${result.opened} evaluation(s), auto-scored ${result.autoScored} in ${seconds}s`)
  }
}
