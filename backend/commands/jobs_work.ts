import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { Worker } from 'bullmq'
import { Redis } from 'ioredis'
import env from '#start/env'
import { BACKEND_JOBS_QUEUE, createBackendJobsQueue, jobProcessor, scheduleJobs } from '#workflows/jobs'
import { scheduledJobs } from '#workflows/index'
import { MESSAGE_DELIVERIES_QUEUE, createDeliveryQueue, useDeliveryQueue } from '#modules/messages/delivery_queue'
import { deliveryProcessor, scheduleDeliverySafetyNet } from '#modules/messages/delivery_worker'
import { EXPORTS_QUEUE, createExportsQueue, useExportsQueue } from '#modules/exports/export_queue'
import { exportsProcessor, scheduleExportsTick } from '#modules/exports/export_worker'
import { EQUIPMENT_IMPORTS_QUEUE, createEquipmentImportsQueue, useEquipmentImportsQueue } from '#modules/areas/equipment_import_queue'
import { equipmentImportsProcessor } from '#modules/areas/equipment_import_processor'

/**
 * `./ace jobs:work` — schedules the jobs every registered workflow process declares and works them
 * until SIGINT/SIGTERM, and delivers messages (WeChat / SMS, app/modules/messages). Only wiring
 * lives here: queues, schedules, workers, graceful shutdown.
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

    const deliveries = createDeliveryQueue(connection)
    useDeliveryQueue(deliveries)
    await scheduleDeliverySafetyNet(deliveries)
    const deliveryWorker = new Worker(MESSAGE_DELIVERIES_QUEUE, deliveryProcessor(), { connection, concurrency: 4 })
    deliveryWorker.on('failed', (job, error) => this.logger.warning(`[messages] delivery ${job?.data?.deliveryId ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`))
    this.logger.info(`[jobs] working ${MESSAGE_DELIVERIES_QUEUE}`)

    const exportRuns = createExportsQueue(connection)
    useExportsQueue(exportRuns)
    await scheduleExportsTick(exportRuns)
    const exportWorker = new Worker(EXPORTS_QUEUE, exportsProcessor(), { connection, concurrency: 2 })
    exportWorker.on('failed', (job, error) => this.logger.error(`[exports] ${job?.name ?? '?'} ${job?.data?.runId ?? ''} failed: ${error.message}`))
    this.logger.info(`[jobs] working ${EXPORTS_QUEUE}`)

    const equipmentImports = createEquipmentImportsQueue(connection)
    useEquipmentImportsQueue(equipmentImports)
    const importWorker = new Worker(EQUIPMENT_IMPORTS_QUEUE, equipmentImportsProcessor(), { connection, concurrency: 1 })
    importWorker.on('failed', (job, error) => this.logger.error(`[areas] equipment import ${job?.data?.importId ?? '?'} failed: ${error.message}`))
    this.logger.info(`[jobs] working ${EQUIPMENT_IMPORTS_QUEUE}`)

    // once: Ctrl-C under `npm start` brings SIGINT (terminal) and SIGTERM (supervisor); a second
    // close of the closed connection would crash the worker with `Connection is closed.`
    let stopping = false
    const shutdown = async () => {
      if (stopping) return
      stopping = true
      await Promise.all([worker.close(), deliveryWorker.close(), exportWorker.close(), importWorker.close()])
      await Promise.all([queue.close(), deliveries.close(), exportRuns.close(), equipmentImports.close()])
      await connection.quit()
      await this.app.terminate()
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  }
}
