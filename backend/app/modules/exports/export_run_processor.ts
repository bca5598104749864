/**
 * Produces one export run's file (a BullMQ `run` job of the exports queue). Idempotent: a run that is
 * already done (or expired) is left alone, so a repeated job never makes a second file or message.
 *
 * The sheet comes from the table's own export route controller (exportable_tables.ts), run as the
 * subscriber — same scope, same columns as the download on the page. It is written to a temporary
 * file while progress is recorded, then stored with its length (an S3 bucket wants it up front) on
 * the storage disk (#services/file_storage); then, in one transaction, the run is marked done and the
 * subscriber gets an in-app message (with WeChat) through the notification service.
 */
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import User from '#models/user'
import clock from '#services/clock'
import { NotFoundInScope } from '#services/region_scope'
import { writeExcel } from '#services/excel_export'
import { storage } from '#services/file_storage'
import { notify } from '#modules/messages/notifier'
import { exportableTable, mayExport, tableProducer } from './exportable_tables.ts'
import type { ExportRunRow } from './export_service.ts'

/** how long a produced file stays downloadable (EXPORT_RETENTION_DAYS, default 7) */
export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number.parseInt(env.EXPORT_RETENTION_DAYS ?? '', 10)
  return Number.isFinite(days) && days > 0 ? days : 7
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** a failure no retry can mend: the run fails at once with this Chinese reason */
class Unrecoverable extends Error {}

/** progress is written at most this often (ms) */
const PROGRESS_EVERY_MS = 500

async function* counted<Row>(rows: AsyncIterable<Row> | Iterable<Row>, total: number | null, onProgress: (percent: number) => Promise<void>, onRow: () => void) {
  let done = 0
  let last = Date.now()
  for await (const row of rows as AsyncIterable<Row>) {
    yield row
    onRow()
    done++
    if (total && Date.now() - last >= PROGRESS_EVERY_MS) {
      last = Date.now()
      // 95 at most until the file is stored
      await onProgress(Math.min(95, Math.floor((done / total) * 95)))
    }
  }
}

export async function produceExportRun(runId: number, attempt: { attemptsMade: number; maxAttempts: number }) {
  const run = (await db.from('export_runs').where('id', runId).first()) as ExportRunRow | null
  if (!run || run.status === 'done' || run.status === 'expired') return { runId, skipped: true }
  const startedAt = clock.now()
  await db.from('export_runs').where('id', runId).update({ status: 'running', progress: 0, error: null, attempts: run.attempts + 1, started_at: startedAt.toJSDate() })
  const setProgress = (percent: number) => db.from('export_runs').where('id', runId).update({ progress: percent }).then(() => {})

  let fileKey: string | null = null
  try {
    const user = await User.find(run.user_id)
    if (!user || user.status !== 'active') throw new Unrecoverable('账号已停用或注销，导出已取消')
    const table = exportableTable(run.module, run.kind)
    if (!table) throw new Unrecoverable('这张统计表已不存在')
    if (!mayExport(user, table)) throw new Unrecoverable('您已没有导出这张统计表的权限')
    const produce = await tableProducer(table)
    const sheet = await produce(user, run.query).catch((error) => {
      if (error instanceof NotFoundInScope) throw new Unrecoverable('订阅的区域已不在您的管辖范围内')
      throw error
    })
    const rows = Array.isArray(sheet.rows) ? sheet.rows : null
    const total = rows ? rows.length : sheet.total ? await sheet.total() : null
    let written = 0
    fileKey = `exports/${run.user_id}/${run.id}-${randomUUID()}.xlsx`
    const temporary = path.join(tmpdir(), `szpm-export-${run.id}-${randomUUID()}.xlsx`)
    let contentLength: number
    try {
      const file = createWriteStream(temporary)
      await writeExcel(file, sheet.sheetName, sheet.columns, counted(sheet.rows, total, setProgress, () => written++))
      // the workbook ends the stream; its bytes are on disk once it has finished
      await finished(file)
      contentLength = (await stat(temporary)).size
      await storage().putStream(fileKey, createReadStream(temporary), { contentLength, contentType: XLSX })
    } finally {
      await rm(temporary, { force: true })
    }
    const finishedAt = clock.now()
    const fileName = `${sheet.fileName}-${finishedAt.toFormat('yyyyLLdd-HHmm')}.xlsx`
    const rowCount = written
    await db.transaction(async (trx) => {
      await trx
        .from('export_runs')
        .where('id', runId)
        .update({
          status: 'done',
          progress: 100,
          row_count: rowCount,
          file_name: fileName,
          file_key: fileKey,
          size_bytes: contentLength,
          finished_at: finishedAt.toJSDate(),
          expires_at: finishedAt.plus({ days: retentionDays() }).toJSDate(),
        })
      await notify(
        {
          reason: `exports.ready:${runId}`,
          kind: 'export',
          module: 'exports',
          recipientIds: [run.user_id],
          title: `导出完成：${sheet.fileName}`,
          summary: `${fileName}，可在导出中心下载，${retentionDays()} 天后过期。`,
          subject: { type: 'export_run', id: runId, page: 'exports' },
          senderId: null,
        },
        trx
      )
    })
    return { runId, rows: rowCount, bytes: contentLength }
  } catch (error) {
    if (fileKey) await storage().delete(fileKey).catch(() => {})
    const final = error instanceof Unrecoverable || attempt.attemptsMade + 1 >= attempt.maxAttempts
    const reason = error instanceof Unrecoverable ? error.message : '生成文件失败，请稍后重试'
    await db
      .from('export_runs')
      .where('id', runId)
      .update(final ? { status: 'failed', error: reason, finished_at: clock.now().toJSDate() } : { status: 'queued', error: reason })
    logger.warn({ err: error, runId }, `[exports] run ${runId} failed${final ? '' : ', will retry'}`)
    if (final) return { runId, failed: reason }
    throw error
  }
}
