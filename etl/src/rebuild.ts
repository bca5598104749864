/**
 * Recomputes every warehouse fact table (FACT_SOURCES) from PostgreSQL.
 *
 * 1. Take the ETL lock (waits for a running drain), then the exclusive outbox-writer lock just
 *    long enough to open a REPEATABLE READ snapshot and read max(outbox_events.id) = V.
 * 2. For each fact table: fill a fresh `<table>_rebuild` copy from that one snapshot in keyset
 *    batches with version = V (so later outbox events win), then swap it in with RENAME, so
 *    dashboards read the old numbers until the new ones are complete.
 * 3. Set the watermark to V: the drain continues with events after the snapshot.
 */
import cliProgress from 'cli-progress'
import type { Pool } from 'pg'
import type { Warehouse } from '@szpm/warehouse'
import { ETL_LOCK, OUTBOX_WRITER_LOCK } from './locks.ts'
import { pgQueryFn } from './pg.ts'
import { cursorOf, FACT_SOURCES } from './fact_sources.ts'
import type { FactSource } from './fact_sources.ts'
import { OUTBOX_WATERMARK, setWatermark } from './watermarks.ts'

export type RebuildOptions = {
  pg: Pool
  warehouse: Pick<Warehouse, 'insert' | 'command'>
  batchSize?: number
  /** Show a cli-progress bar (the CLI enables it on a TTY or with --progress). */
  progress?: boolean
  watermarkName?: string
  log?: (line: string) => void
}

export type RebuildResult = { estates: number; batches: number; version: string; snapshotAt: Date; tables: Record<string, number> }

export async function rebuildAllFacts(options: RebuildOptions & { sources?: readonly FactSource<any>[] }): Promise<RebuildResult> {
  const sources = options.sources ?? FACT_SOURCES
  const batchSize = options.batchSize ?? 10_000
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError('batchSize must be a positive integer')
  const log = options.log ?? (() => {})
  const lockClient = await options.pg.connect()
  let lockBroken = false
  try {
    await lockClient.query('select pg_advisory_lock($1)', [ETL_LOCK])
    const reader = await options.pg.connect()
    let readerBroken = false
    let bar: InstanceType<typeof cliProgress.SingleBar> | undefined
    try {
      await lockClient.query('select pg_advisory_lock($1)', [OUTBOX_WRITER_LOCK])
      let version: string
      let total: number
      let snapshotAt: Date
      try {
        await reader.query('begin isolation level repeatable read read only')
        const head = await reader.query<{ max_id: string; total: string; now: Date }>(
          'select (select coalesce(max(id), 0) from outbox_events)::text as max_id, (select count(*) from estates)::text as total, now() as now',
        )
        version = head.rows[0].max_id
        total = Number(head.rows[0].total)
        snapshotAt = head.rows[0].now
      } finally {
        await lockClient.query('select pg_advisory_unlock($1)', [OUTBOX_WRITER_LOCK])
      }
      log(`rebuilding ${total} estate(s) at outbox id ${version}`)

      const queryFn = pgQueryFn(reader)
      let estates = 0
      let batches = 0
      const tables: Record<string, number> = {}
      for (const source of sources) {
        const staging = `${source.table}_rebuild`
        await options.warehouse.command(`DROP TABLE IF EXISTS ${staging}`)
        await options.warehouse.command(`CREATE TABLE ${staging} AS ${source.table}`)
        if (options.progress) {
          const sourceTotal = source.countSql ? Number((await reader.query<{ n: string }>(`select (${source.countSql})::text as n`)).rows[0].n) : total
          bar = new cliProgress.SingleBar({ format: `${source.table} [{bar}] {percentage}% | {value}/{total} rows | {rate}/s | ETA {eta}s` }, cliProgress.Presets.shades_classic)
          bar.start(sourceTotal, 0, { rate: 0 })
        }
        const started = Date.now()
        let afterId = 0
        let rows = 0
        for (;;) {
          const page = await source.loadPage(queryFn, afterId, batchSize)
          if (page.length === 0) break
          await options.warehouse.insert(staging, page.map((row) => source.toFactRow(row, version, snapshotAt)))
          afterId = cursorOf(source, page[page.length - 1])
          rows += page.length
          batches++
          bar?.update(rows, { rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) })
          if (page.length < batchSize) break
        }
        bar?.stop()
        bar = undefined
        await options.warehouse.command(`RENAME TABLE ${source.table} TO ${source.table}_replaced, ${staging} TO ${source.table}`)
        await options.warehouse.command(`DROP TABLE IF EXISTS ${source.table}_replaced`)
        tables[source.table] = rows
        // per-estate tables have one row per estate; keyed ones (e.g. per half-year) do not count estates
        if (!source.key) estates = Math.max(estates, rows)
        log(`rebuilt ${source.table}: ${rows} row(s)`)
      }
      await reader.query('commit')
      bar?.stop()
      bar = undefined
      await setWatermark(pgQueryFn(lockClient), options.watermarkName ?? OUTBOX_WATERMARK, version)
      log(`rebuilt ${estates} estate(s) in ${batches} batch(es); watermark set to ${version}`)
      return { estates, batches, version, snapshotAt, tables }
    } catch (error) {
      readerBroken = true
      bar?.stop()
      throw error
    } finally {
      reader.release(readerBroken)
    }
  } catch (error) {
    lockBroken = true
    throw error
  } finally {
    if (!lockBroken) {
      await lockClient.query('select pg_advisory_unlock($1)', [ETL_LOCK]).catch(() => {
        lockBroken = true
      })
    }
    lockClient.release(lockBroken)
  }
}

/** @deprecated the watermark is shared by every fact table, so a rebuild always covers them all. */
export const rebuildEstateFilingFacts = rebuildAllFacts
