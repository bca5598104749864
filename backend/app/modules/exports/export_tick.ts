/**
 * The exports queue's repeating tick (every minute): makes the runs of due subscriptions, re-queues
 * runs whose job was lost (still `queued` or `running` after 10 minutes: a worker killed mid-file, Redis
 * restarted empty), and expires files past their retention (deleted from storage, run kept as 已过期).
 */
import db from '@adonisjs/lucid/services/db'
import { storage } from '#services/file_storage'
import clock from '#services/clock'
import { createDueRuns } from './export_service.ts'
import { enqueueExportRuns, exportRunJobId, exportsQueue } from './export_queue.ts'

const STUCK_AFTER_MS = 10 * 60_000

export async function requeueStuckRuns(): Promise<number> {
  const before = clock.now().minus({ milliseconds: STUCK_AFTER_MS }).toJSDate()
  const rows = (await db
    .from('export_runs')
    .whereIn('status', ['queued', 'running'])
    .where((query) => query.where('started_at', '<', before).orWhere((inner) => inner.whereNull('started_at').where('requested_at', '<', before)))
    .limit(500)
    .select('id')) as { id: number }[]
  const lost: number[] = []
  for (const { id } of rows) {
    const job = await exportsQueue().getJob(exportRunJobId(id))
    const state = job ? await job.getState() : 'unknown'
    if (state === 'completed' || state === 'failed') await job!.remove().catch(() => {})
    if (!job || state === 'completed' || state === 'failed' || state === 'unknown') lost.push(id)
  }
  await enqueueExportRuns(lost)
  return lost.length
}

export async function expireOldFiles(): Promise<number> {
  const rows = (await db
    .from('export_runs')
    .where('status', 'done')
    .where('expires_at', '<=', clock.now().toJSDate())
    .limit(1000)
    .select('id', 'file_key')) as { id: number; file_key: string | null }[]
  for (const row of rows) {
    if (row.file_key) await storage().delete(row.file_key)
    await db.from('export_runs').where('id', row.id).update({ status: 'expired', file_key: null })
  }
  return rows.length
}

export async function exportsTick() {
  const created = await createDueRuns()
  const requeued = await requeueStuckRuns()
  const expired = await expireOldFiles()
  return { created: created.length, requeued, expired }
}
