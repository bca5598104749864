import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { Queue, Worker, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import env from '#start/env'
import { SYNC_EVALUATION_PERIODS, SYNC_EVALUATION_PERIODS_EVERY_MS, syncEvaluationPeriods } from '#modules/evaluations/sync_evaluation_periods'

/** the backend's scheduled business jobs (the ETL's own jobs live in etl/) */
export const BACKEND_JOBS_QUEUE = 'backend-jobs'

/** processors by job name; each lives in app/jobs/<verb>_<noun>.ts */
const PROCESSORS: Record<string, (job: Job) => Promise<unknown>> = {
  [SYNC_EVALUATION_PERIODS]: () => syncEvaluationPeriods(),
}

/**
 * `./ace jobs:work` — registers the repeating business jobs and works them until SIGINT/SIGTERM.
 * Only wiring lives here: queue, schedulers, worker, graceful shutdown.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Run the scheduled business jobs (evaluation windows open / auto-score at close)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    const queue = new Queue(BACKEND_JOBS_QUEUE, {
      connection,
      defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 }, attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
    })
    await queue.upsertJobScheduler(`${SYNC_EVALUATION_PERIODS}-every-minute`, { every: SYNC_EVALUATION_PERIODS_EVERY_MS }, { name: SYNC_EVALUATION_PERIODS })
    // and once now, so a window that opened or closed while nothing ran is handled at start
    await queue.add(SYNC_EVALUATION_PERIODS, {}, { jobId: `${SYNC_EVALUATION_PERIODS}-at-start-${Date.now()}` })

    const worker = new Worker(
      BACKEND_JOBS_QUEUE,
      async (job) => {
        const processor = PROCESSORS[job.name]
        if (!processor) throw new Error(`no processor for job ${job.name}`)
        const result = await processor(job)
        if (result && typeof result === 'object' && (('opened' in result && (result as any).opened) || ('autoScored' in result && (result as any).autoScored))) {
          this.logger.info(`[jobs] ${job.name}: ${JSON.stringify(result)}`)
        }
        return result
      },
      { connection, concurrency: 1 }
    )
    worker.on('failed', (job, error) => this.logger.error(`[jobs] ${job?.name ?? '?'} failed: ${error.message}`))
    this.logger.info(`[jobs] working ${BACKEND_JOBS_QUEUE}`)

    const shutdown = async () => {
      await worker.close()
      await queue.close()
      await connection.quit()
      await this.app.terminate()
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  }
}
