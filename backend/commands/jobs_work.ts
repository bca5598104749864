import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { Worker } from 'bullmq'
import { Redis } from 'ioredis'
import env from '#start/env'
import { BACKEND_JOBS_QUEUE, createBackendJobsQueue, jobProcessor, scheduleJobs } from '#workflows/jobs'
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
    const queue = createBackendJobsQueue(connection)
    await scheduleJobs(queue, jobs)

    const worker = new Worker(BACKEND_JOBS_QUEUE, jobProcessor(jobs, (line) => this.logger.info(line)), { connection, concurrency: 1 })
    worker.on('failed', (job, error) => this.logger.error(`[jobs] ${job?.name ?? '?'} failed: ${error.message}`))
    this.logger.info(`[jobs] working ${BACKEND_JOBS_QUEUE}: ${jobs.map((job) => job.name).join(', ') || 'no jobs'}`)

    // once: Ctrl-C under `npm start` brings SIGINT (terminal) and SIGTERM (supervisor); a second
    // close of the closed connection would crash the worker with `Connection is closed.`
    let stopping = false
    const shutdown = async () => {
      if (stopping) return
      stopping = true
      await worker.close()
      await queue.close()
      await connection.quit()
      await this.app.terminate()
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  }
}
