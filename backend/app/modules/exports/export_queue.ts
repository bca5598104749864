/**
 * The BullMQ queue of 导出中心. A `run` job is only a pointer (`{ runId }`, jobId `export-run-<id>`,
 * so adding it twice is a no-op); the state lives in `export_runs` and the processor
 * (export_run_processor.ts) is idempotent. The repeating `exports-tick` job (export_tick.ts) makes the
 * runs of due subscriptions, re-queues runs whose job was lost and expires old files.
 */
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { JOB_RETENTION } from '@szpm/etl'

export const EXPORTS_QUEUE = 'exports'
export const EXPORT_RUN_JOB = 'run'
export const EXPORTS_TICK_JOB = 'exports-tick'
export const EXPORTS_TICK_EVERY_MS = 60_000

/** 3 tries, 30 s then 60 s apart: a file that cannot be written now (disk, ClickHouse) usually can soon */
export const EXPORT_JOB_OPTIONS = Object.freeze({ ...JOB_RETENTION, attempts: 3, backoff: Object.freeze({ type: 'exponential', delay: 30_000 }) })

export const exportRunJobId = (runId: number) => `export-run-${runId}`

export function createExportsQueue(connection: Redis, options: { prefix?: string } = {}) {
  return new Queue(EXPORTS_QUEUE, { connection, prefix: options.prefix, defaultJobOptions: { ...EXPORT_JOB_OPTIONS } })
}

let shared: Queue | undefined

/** The queue runs are added to (the app's Redis connection); the worker and tests may swap it. */
export function exportsQueue(): Queue {
  shared ??= createExportsQueue(redis.connection('main').ioConnection)
  return shared
}

export function useExportsQueue(queue: Queue | undefined) {
  shared = queue
}

/** Adds one job per run. Never throws: a run whose job could not be added is re-queued by the tick. */
export async function enqueueExportRuns(runIds: readonly number[]): Promise<void> {
  if (runIds.length === 0) return
  try {
    await exportsQueue().addBulk(runIds.map((id) => ({ name: EXPORT_RUN_JOB, data: { runId: id }, opts: { jobId: exportRunJobId(id) } })))
  } catch (error) {
    logger.warn({ err: error, runIds }, '[exports] could not queue export runs; the next tick will')
  }
}

/** puts the tick on its schedule (idempotent: stable scheduler id) */
export async function scheduleExportsTick(queue: Queue) {
  await queue.upsertJobScheduler(`${EXPORTS_TICK_JOB}-repeat`, { every: EXPORTS_TICK_EVERY_MS }, { name: EXPORTS_TICK_JOB, opts: { attempts: 1 } })
}
