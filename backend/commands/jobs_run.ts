import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { scheduledJobs } from '#workflows/index'

/**
 * `./ace jobs:run [job]` — runs the scheduled jobs of the registered workflow processes once, now
 * (what `jobs:work` does on their schedules): every job, or the one named. Jobs are idempotent.
 * `./ace evaluations:sync` is kept as an alias (today the evaluation-window job is the only one).
 */
export default class JobsRun extends BaseCommand {
  static commandName = 'jobs:run'
  static aliases = ['evaluations:sync']
  static description = 'Run the scheduled business jobs once, now (all, or the one named), e.g. open / auto-score evaluation windows'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'job name (default: every job)', required: false })
  declare job?: string

  async run() {
    const all = scheduledJobs()
    const jobs = all.filter((job) => !this.job || job.name === this.job)
    if (!jobs.length) {
      this.logger.error(`no job named "${this.job}"; the jobs are: ${all.map((job) => job.name).join(', ')}`)
      this.exitCode = 1
      return
    }
    for (const job of jobs) {
      const started = performance.now()
      const result = await job.run()
      const seconds = ((performance.now() - started) / 1000).toFixed(2)
      const line = job.describe ? job.describe(result) : JSON.stringify(result ?? null)
      this.logger.success(`${job.name} (${job.process}): ${line ?? `nothing to do ${JSON.stringify(result ?? null)}`} in ${seconds}s`)
    }
  }
}
