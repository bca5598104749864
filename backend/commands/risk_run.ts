import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { runRiskDaily } from '#modules/risk/risk_daily'

/**
 * `./ace risk:run [--day=YYYY-MM-DD] [--force]` — the daily risk job (物业项目风险预警) for a day (default
 * today, Asia/Shanghai), timed; `--force` recomputes a day that has run already (no second to-do or
 * reminder). The worker runs it on its own (`risk-daily`); this is for operators and timing.
 */
export default class RiskRun extends BaseCommand {
  static commandName = 'risk:run'
  static description = 'Compute every estate\'s risk score for a day (物业项目风险预警), timed'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'the day (YYYY-MM-DD, default today in Asia/Shanghai)' })
  declare day?: string

  @flags.boolean({ description: 'recompute a day that has already run' })
  declare force?: boolean

  async run() {
    if (this.day && !/^\d{4}-\d{2}-\d{2}$/.test(this.day)) {
      this.logger.error('--day must be YYYY-MM-DD')
      this.exitCode = 1
      return
    }
    const started = performance.now()
    const result = await runRiskDaily({ day: this.day, force: this.force })
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    if (!result.ran) this.logger.info(`${result.day} has run already (use --force to recompute)`)
    else this.logger.success(`${result.day}: ${result.estates} estate(s), ${result.red} red, ${result.newRed} newly red, ${result.reminded} reminder(s) in ${seconds}s`)
  }
}
