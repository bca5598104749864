/**
 * The scheduler and the processor of the backend's business jobs, derived from the registered
 * processes (each declares its `jobs`). `./ace jobs:work` only wires the queue, the worker and the
 * graceful shutdown around these; `./ace jobs:run` runs them once.
 */
import { Queue } from 'bullmq'
import type { Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { JOB_RETENTION } from '@szpm/etl'
import { scheduledJobs } from '#workflows/index'
import type { ScheduledJob } from '#workflows/process'

/** the backend's scheduled business jobs (the ETL's own jobs live in etl/) */
export const BACKEND_JOBS_QUEUE = 'backend-jobs'

/** Every job of the queue (scheduled ones inherit it): 3 tries with backoff, finished jobs kept bounded by age and count (JOB_RETENTION). */
export const BACKEND_JOB_OPTIONS = Object.freeze({ ...JOB_RETENTION, attempts: 3, backoff: Object.freeze({ type: 'exponential', delay: 5000 }) })

/** The backend's jobs queue (tests pass their own key prefix). */
export function createBackendJobsQueue(connection: Redis, options: { prefix?: string } = {}) {
  return new Queue(BACKEND_JOBS_QUEUE, { connection, prefix: options.prefix, defaultJobOptions: { ...BACKEND_JOB_OPTIONS } })
}

/** the id of a job's repeat schedule (stable, so a changed interval updates it in place) */
export const schedulerId = (job: Pick<ScheduledJob, 'name'>) => `${job.name}-repeat`

/**
 * Puts every job on its repeat schedule, removes schedules of jobs no process declares any more,
 * and queues the `runAtStart` jobs once now (so a step that fell due while nothing ran is done at
 * start). Idempotent, like the jobs.
 */
export async function scheduleJobs(queue: Queue, jobs: readonly ScheduledJob[] = scheduledJobs(), now = Date.now()) {
  const wanted = new Set(jobs.map(schedulerId))
  for (const existing of await queue.getJobSchedulers()) {
    if (!wanted.has(existing.key)) await queue.removeJobScheduler(existing.key)
  }
  for (const job of jobs) {
    await queue.upsertJobScheduler(schedulerId(job), { every: job.everyMs }, { name: job.name })
    if (job.runAtStart) await queue.add(job.name, {}, { jobId: `${job.name}-at-start-${now}` })
  }
}

/** The worker's processor: finds the job by name and runs it; `log` gets its line when it did something. */
export function jobProcessor(jobs: readonly ScheduledJob[] = scheduledJobs(), log: (line: string) => void = () => {}) {
  const byName = new Map(jobs.map((job) => [job.name, job]))
  return async (job: Pick<Job, 'name'>) => {
    const declared = byName.get(job.name)
    if (!declared) throw new Error(`no processor for job ${job.name}`)
    const result = await declared.run()
    const line = declared.describe ? declared.describe(result) : JSON.stringify(result ?? null)
    if (line) log(`[jobs] ${job.name}: ${line}`)
    return result
  }
}
