import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import env from '#start/env'
import { BACKEND_JOBS_QUEUE, jobProcessor, scheduleJobs } from '#workflows/jobs'
import { scheduledJobs } from '#workflows/index'

/**
 * `./ace jobs:work` — schedules the jobs every registered workflow process declares and works them
 * until SIGINT/SIGTERM. Only wiring lives here: queue, schedules, worker, graceful shutdown.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Run the scheduled business jobs of every workflow process (e.g. evaluation windows open / auto-score at close)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const jobs = scheduledJobs()
    const connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    const queue = new Queue(BACKEND_JOBS_QUEUE, {
      connection,
      defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 }, attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
    })
    await scheduleJobs(queue, jobs)

    const worker = new Worker(BACKEND_JOBS_QUEUE, jobProcessor(jobs, (line) => this.logger.info(line)), { connection, concurrency: 1 })
    worker.on('failed', (job, error) => this.logger.error(`[jobs] ${job?.name ?? '?'} failed: ${error.message}`))
    this.logger.info(`[jobs] working ${BACKEND_JOBS_QUEUE}: ${jobs.map((job) => job.name).join(', ') || 'no jobs'}`)

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
