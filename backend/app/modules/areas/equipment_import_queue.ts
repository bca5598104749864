/**
 * The BullMQ queue of the 设施设备 import. A job is only a pointer (`{ importId }`, jobId
 * `equipment-import-<id>`, so adding it twice is a no-op); the state lives in `equipment_imports`
 * and the processor (equipment_import_processor.ts) is idempotent.
 */
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { JOB_RETENTION } from '@szpm/etl'

export const EQUIPMENT_IMPORTS_QUEUE = 'equipment-imports'
export const EQUIPMENT_IMPORT_JOB = 'import'
/** 2 tries: a run that failed on the database (not on the file's content) usually works next time */
export const EQUIPMENT_IMPORT_JOB_OPTIONS = Object.freeze({ ...JOB_RETENTION, attempts: 2, backoff: Object.freeze({ type: 'fixed', delay: 5_000 }) })

export const equipmentImportJobId = (importId: number) => `equipment-import-${importId}`

export function createEquipmentImportsQueue(connection: Redis, options: { prefix?: string } = {}) {
  return new Queue(EQUIPMENT_IMPORTS_QUEUE, { connection, prefix: options.prefix, defaultJobOptions: { ...EQUIPMENT_IMPORT_JOB_OPTIONS } })
}

let shared: Queue | undefined

/** The queue imports are added to (the app's Redis connection); the worker and tests may swap it. */
export function equipmentImportsQueue(): Queue {
  shared ??= createEquipmentImportsQueue(redis.connection('main').ioConnection)
  return shared
}

export function useEquipmentImportsQueue(queue: Queue | undefined) {
  shared = queue
}

/** queues the import's job; false when Redis refused (the import is then marked failed by the caller) */
export async function enqueueEquipmentImport(importId: number): Promise<boolean> {
  try {
    await equipmentImportsQueue().add(EQUIPMENT_IMPORT_JOB, { importId }, { jobId: equipmentImportJobId(importId) })
    return true
  } catch (error) {
    logger.warn({ err: error, importId }, '[areas] could not queue an equipment import')
    return false
  }
}
