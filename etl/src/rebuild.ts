/**
 * Recomputes `estate_filing_facts` from PostgreSQL.
 *
 * 1. Take the ETL lock (waits for a running drain), then the exclusive outbox-writer lock just
 *    long enough to open a REPEATABLE READ snapshot and read max(outbox_events.id) = V.
 * 2. Truncate the fact table, stream every estate's state from that one snapshot in keyset
 *    batches and insert them with version = V (so later outbox events win).
 * 3. Set the watermark to V: the drain continues with events after the snapshot.
 * Readers see a partially filled table while it runs; rerun on failure.
 */
import cliProgress from 'cli-progress'
import type { Pool } from 'pg'
import { ESTATE_FILING_FACTS_TABLE } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { ETL_LOCK, OUTBOX_WRITER_LOCK } from './locks.ts'
import { pgQueryFn } from './pg.ts'
import { loadEstateFilingStatePage } from './sources/estate_filing_state.ts'
import { estateFilingFactRow } from './topics.ts'
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

export type RebuildResult = { estates: number; batches: number; version: string; snapshotAt: Date }

export async function rebuildEstateFilingFacts(options: RebuildOptions): Promise<RebuildResult> {
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

      await options.warehouse.command(`TRUNCATE TABLE ${ESTATE_FILING_FACTS_TABLE}`)
      if (options.progress) {
        bar = new cliProgress.SingleBar({ format: 'estate_filing_facts [{bar}] {percentage}% | {value}/{total} estates | ETA {eta}s' }, cliProgress.Presets.shades_classic)
        bar.start(total, 0)
      }
      const queryFn = pgQueryFn(reader)
      let afterId = 0
      let estates = 0
      let batches = 0
      for (;;) {
        const states = await loadEstateFilingStatePage(queryFn, afterId, batchSize)
        if (states.length === 0) break
        await options.warehouse.insert(ESTATE_FILING_FACTS_TABLE, states.map((state) => estateFilingFactRow(state, version, snapshotAt)))
        afterId = states[states.length - 1].estate_id
        estates += states.length
        batches++
        bar?.update(estates)
        if (states.length < batchSize) break
      }
      await reader.query('commit')
      bar?.stop()
      bar = undefined
      await setWatermark(pgQueryFn(lockClient), options.watermarkName ?? OUTBOX_WATERMARK, version)
      log(`rebuilt ${estates} estate(s) in ${batches} batch(es); watermark set to ${version}`)
      return { estates, batches, version, snapshotAt }
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
