/**
 * Recomputes every warehouse fact table (FACT_SOURCES) from PostgreSQL.
 *
 * 1. Take the ETL lock (waits for a running drain), then the exclusive outbox-writer lock just
 *    long enough to open a REPEATABLE READ snapshot, read max(outbox_events.id) = V and export the
 *    snapshot (pg_export_snapshot). The exporting transaction stays open until every table is read.
 * 2. Fill a fresh `<table>_rebuild` copy of every fact table with version = V (so later outbox
 *    events win), a few tables at a time (`concurrency`), each on its own connection that imports
 *    the exported snapshot (SET TRANSACTION SNAPSHOT) — every table sees the same PostgreSQL state.
 *    A source with `bulk` streams `COPY (<select>) TO STDOUT` straight into ONE ClickHouse
 *    `INSERT … FORMAT TabSeparated` (PostgreSQL reads ahead while ClickHouse parses; no per-row
 *    JavaScript); the others are paged with loadPage + toFactRow. Then each source's rollups are
 *    computed from its staging copy into `<rollup>_rebuild`.
 * 3. Swap every table in ONE `RENAME TABLE a TO a_replaced, a_rebuild TO a, b TO b_replaced, …`
 *    (ClickHouse renames under one lock), so dashboards read either all old or all new numbers,
 *    then drop the replaced tables. A failure before the swap drops the staging copies and leaves
 *    the live tables untouched.
 *    On a ClickHouse cluster (`staging`: clusterRebuildStaging of @szpm/warehouse) the staging
 *    copies are local tables on every shard, filled through Distributed `<table>_rebuild` tables,
 *    and the RENAME runs on each node under the Distributed tables (see warehouse/src/cluster.ts).
 * 4. Set the watermark to V: the drain continues with events after the snapshot.
 */
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import cliProgress from 'cli-progress'
import type { Pool, PoolClient } from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import type { Warehouse } from '@szpm/warehouse'
import { ETL_LOCK, OUTBOX_WRITER_LOCK } from './locks.ts'
import { pgQueryFn } from './pg.ts'
import { cursorOf, FACT_SOURCES } from './fact_sources.ts'
import type { FactSource } from './fact_sources.ts'
import { OUTBOX_WATERMARK, setWatermark } from './watermarks.ts'

/** What the rebuild needs of the warehouse; without `insertStream` every source takes the row path. */
export type RebuildWarehouse = Pick<Warehouse, 'insert' | 'command'> & Partial<Pick<Warehouse, 'insertStream'>>

/**
 * How the rebuild makes, drops and swaps in its staging copies `<table>_rebuild` (each readable and
 * writable under that name through `warehouse`). Default: {@link singleServerStaging}; on a cluster,
 * `clusterRebuildStaging` of @szpm/warehouse (local copies on every shard, renamed under the
 * Distributed tables — warehouse/src/cluster.ts).
 */
export type RebuildStaging = {
  /** creates `<table>_rebuild` with the structure of `table` */
  create(table: string): Promise<void>
  /** drops `<table>_rebuild` if present (and with `replaced`, `<table>_replaced`) */
  drop(table: string, options?: { replaced?: boolean }): Promise<void>
  /** replaces every live table by its `_rebuild` copy at once, then drops the replaced ones */
  swap(tables: readonly string[]): Promise<void>
}

/** Staging copies beside the live tables in the warehouse's database; the swap is ONE RENAME (ClickHouse renames under one lock). */
export function singleServerStaging(warehouse: Pick<Warehouse, 'command'>): RebuildStaging {
  return {
    create: (table) => warehouse.command(`CREATE TABLE ${table}_rebuild AS ${table}`),
    async drop(table, options = {}) {
      await warehouse.command(`DROP TABLE IF EXISTS ${table}_rebuild`)
      if (options.replaced) await warehouse.command(`DROP TABLE IF EXISTS ${table}_replaced`)
    },
    async swap(tables) {
      if (tables.length > 0) await warehouse.command(`RENAME TABLE ${tables.map((table) => `${table} TO ${table}_replaced, ${table}_rebuild TO ${table}`).join(', ')}`)
      for (const table of tables) await warehouse.command(`DROP TABLE IF EXISTS ${table}_replaced`)
    },
  }
}

export type RebuildOptions = {
  pg: Pool
  warehouse: RebuildWarehouse
  /** where the staging copies live and how they are swapped in (default: singleServerStaging(warehouse)) */
  staging?: RebuildStaging
  /** page size of the row path (sources without `bulk`) */
  batchSize?: number
  /**
   * Tables filled at the same time, each on its own pooled connection (default 2: on 2 cores one
   * COPY keeps PostgreSQL and ClickHouse both busy; bench/sections/backfill.mjs measures 1–3).
   * Capped at the pool's size minus the two connections the rebuild already holds.
   */
  concurrency?: number
  /** false: every source takes the row path, even one with `bulk` (tests compare the two) */
  bulk?: boolean
  /** Show cli-progress bars (the CLI enables them on a TTY or with --progress). */
  progress?: boolean
  watermarkName?: string
  log?: (line: string) => void
}

export type RebuildResult = { estates: number; batches: number; version: string; snapshotAt: Date; tables: Record<string, number> }

/** pg_export_snapshot() ids look like 00000003-0000001B-1 */
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/i

/** Rows in a chunk of PostgreSQL text COPY output: a raw newline only ends a row (one inside a value is sent as `\n`). */
function countRows(chunk: Buffer): number {
  let rows = 0
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows++
  return rows
}

type TableRun = { rows: number; batches: number }

export async function rebuildAllFacts(options: RebuildOptions & { sources?: readonly FactSource<any>[] }): Promise<RebuildResult> {
  const sources = options.sources ?? FACT_SOURCES
  const batchSize = options.batchSize ?? 10_000
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError('batchSize must be a positive integer')
  const requested = options.concurrency ?? 2
  if (!Number.isInteger(requested) || requested <= 0) throw new RangeError('concurrency must be a positive integer')
  const poolSize = (options.pg as Pool & { options?: { max?: number } }).options?.max ?? 10
  // the lock connection and the snapshot's reader stay checked out while each table streams on a third
  if (poolSize < 3) throw new RangeError(`the rebuild needs a PostgreSQL pool of at least 3 connections (this one has max ${poolSize})`)
  const concurrency = Math.max(1, Math.min(requested, poolSize - 2, sources.length))
  const { warehouse } = options
  const staging = options.staging ?? singleServerStaging(warehouse)
  const log = options.log ?? (() => {})
  // every live table the rebuild replaces, in source order: each fact table, then its rollups
  const liveTables = sources.flatMap((source) => [source.table, ...(source.rollups ?? []).map((rollup) => rollup.table)])
  if (new Set(liveTables).size !== liveTables.length) throw new Error(`a table is rebuilt twice: ${liveTables.join(', ')}`)

  const lockClient = await options.pg.connect()
  let lockBroken = false
  try {
    await lockClient.query('select pg_advisory_lock($1)', [ETL_LOCK])
    const reader = await options.pg.connect()
    let readerBroken = false
    // cli-progress draws on a terminal only (stderr); elsewhere it would print unfilled templates at stop
    const bars = options.progress && process.stderr.isTTY
      ? new cliProgress.MultiBar({ format: '{table} [{bar}] {percentage}% | {value}/{total} rows | {rate}/s', hideCursor: true }, cliProgress.Presets.shades_classic)
      : undefined
    const width = Math.max(...sources.map((source) => source.table.length))
    let swapped = false
    try {
      await lockClient.query('select pg_advisory_lock($1)', [OUTBOX_WRITER_LOCK])
      let version: string
      let total: number
      let snapshotAt: Date
      let snapshot: string
      try {
        await reader.query('begin isolation level repeatable read read only')
        const head = await reader.query<{ max_id: string; total: string; now: Date; snapshot: string }>(
          'select (select coalesce(max(id), 0) from outbox_events)::text as max_id, (select count(*) from estates)::text as total, now() as now, pg_export_snapshot() as snapshot',
        )
        version = head.rows[0].max_id
        total = Number(head.rows[0].total)
        snapshotAt = head.rows[0].now
        snapshot = head.rows[0].snapshot
      } finally {
        await lockClient.query('select pg_advisory_unlock($1)', [OUTBOX_WRITER_LOCK])
      }
      if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`unexpected snapshot id ${JSON.stringify(snapshot)}`)
      const changedAt = Math.max(0, Math.floor(snapshotAt.getTime() / 1000))
      log(`rebuilding ${total} estate(s) at outbox id ${version} (snapshot ${snapshot}, ${concurrency} table(s) at a time)`)

      // leftovers of an interrupted rebuild would make CREATE or RENAME fail
      for (const table of liveTables) await staging.drop(table, { replaced: true })

      const abort = new AbortController()
      const streams = (source: FactSource<any>) => Boolean(source.bulk && options.bulk !== false && warehouse.insertStream)
      /** Fills `<table>_rebuild` (and its rollups' staging copies) from the exported snapshot on a connection of its own. */
      const rebuildTable = async (source: FactSource<any>): Promise<TableRun> => {
        const stagingTable = `${source.table}_rebuild`
        const started = Date.now()
        await staging.create(source.table)
        const client = await options.pg.connect()
        let clientBroken = false
        let run: TableRun
        try {
          await client.query('begin isolation level repeatable read read only')
          await client.query(`set transaction snapshot '${snapshot}'`)
          const bar = bars?.create(source.countSql ? Number((await client.query<{ n: string }>(`select (${source.countSql})::text as n`)).rows[0].n) : total, 0, { table: source.table.padEnd(width), rate: 0 })
          const onRows = (rows: number) => bar?.update(rows, { rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) })
          run = streams(source)
            ? await streamTable(client, source, stagingTable, warehouse.insertStream!.bind(warehouse), version, changedAt, onRows, abort.signal)
            : await pageTable(client, source, stagingTable, warehouse.insert.bind(warehouse), version, snapshotAt, batchSize, onRows, abort.signal)
          await client.query('commit')
          bar?.stop()
        } catch (error) {
          clientBroken = true
          throw error
        } finally {
          client.release(clientBroken)
        }
        for (const rollup of source.rollups ?? []) {
          await staging.create(rollup.table)
          await warehouse.command(`INSERT INTO ${rollup.table}_rebuild ${rollup.select(stagingTable, version)}`)
        }
        const seconds = (Date.now() - started) / 1000
        log(`rebuilt ${source.table}: ${run.rows} row(s) in ${seconds.toFixed(3)} s (${Math.round(run.rows / Math.max(0.001, seconds))} rows/s, ${streams(source) ? 'COPY stream' : 'row pages'})`)
        return run
      }

      // bounded parallelism: `concurrency` workers take the next source; the first failure stops the others
      const runs = new Map<FactSource<any>, TableRun>()
      const failures: unknown[] = []
      let next = 0
      const worker = async () => {
        while (!abort.signal.aborted && next < sources.length) {
          const source = sources[next++]
          try {
            runs.set(source, await rebuildTable(source))
          } catch (error) {
            failures.push(error)
            abort.abort(new Error(`rebuild aborted: ${source.table} failed`))
          }
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      if (failures.length > 0) throw failures[0]
      await reader.query('commit')

      await staging.swap(liveTables)
      swapped = true

      const tables: Record<string, number> = {}
      let estates = 0
      let batches = 0
      for (const source of sources) {
        const run = runs.get(source)!
        tables[source.table] = run.rows
        batches += run.batches
        // per-estate tables have one row per estate; keyed ones (e.g. per half-year) and record-grain ones do not count estates
        if (!source.key && !source.collapsing) estates = Math.max(estates, run.rows)
      }
      await setWatermark(pgQueryFn(lockClient), options.watermarkName ?? OUTBOX_WATERMARK, version)
      log(`rebuilt ${estates} estate(s) in ${batches} batch(es); swapped ${liveTables.length} table(s) at once; watermark set to ${version}`)
      return { estates, batches, version, snapshotAt, tables }
    } catch (error) {
      readerBroken = true
      if (!swapped) {
        // the live tables were never touched: only the staging copies go
        for (const table of liveTables) await staging.drop(table).catch(() => {})
      }
      throw error
    } finally {
      bars?.stop()
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

/**
 * The bulk path: `COPY (<bulk.select>) TO STDOUT` (PostgreSQL text format) piped through a row
 * counter into one `INSERT INTO <staging> (<columns>) FORMAT TabSeparated`. PostgreSQL's text
 * escaping (\\, \t, \n, \r, \N for NULL) is what ClickHouse's TabSeparated reads. Either side
 * failing fails both: a PostgreSQL error destroys the request body (ClickHouse drops the insert),
 * a ClickHouse error destroys the COPY stream (the connection is then discarded).
 */
async function streamTable(
  client: PoolClient,
  source: FactSource<any>,
  staging: string,
  insertStream: NonNullable<Warehouse['insertStream']>,
  version: string,
  changedAt: number,
  onRows: (rows: number) => void,
  signal: AbortSignal,
): Promise<TableRun> {
  const bulk = source.bulk!
  const copy = client.query(copyTo(`COPY (${bulk.select(version, changedAt)}) TO STDOUT`))
  let rows = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      rows += countRows(chunk)
      onRows(rows)
      done(null, chunk)
    },
  })
  const stop = () => copy.destroy(signal.reason instanceof Error ? signal.reason : new Error('rebuild aborted'))
  if (signal.aborted) stop()
  signal.addEventListener('abort', stop, { once: true })
  try {
    // both sides settle before the connection is released; the side that failed first is reported,
    // not the other side's "premature close" / aborted request
    // an insert refused before it reads its body must still end the COPY (or it would wait on backpressure forever)
    const writing = insertStream(staging, bulk.columns, counter, 'TabSeparated').catch((error: unknown) => {
      counter.destroy(error instanceof Error ? error : new Error(String(error)))
      throw error
    })
    const [read, write] = await Promise.allSettled([pipeline(copy, counter), writing])
    if (read.status === 'rejected' && write.status === 'rejected') {
      const readCode = (read.reason as { code?: unknown } | undefined)?.code
      throw readCode === 'ERR_STREAM_PREMATURE_CLOSE' || readCode === 'ABORT_ERR' ? write.reason : read.reason
    }
    if (read.status === 'rejected') throw read.reason
    if (write.status === 'rejected') throw write.reason
  } finally {
    signal.removeEventListener('abort', stop)
  }
  return { rows, batches: 1 }
}

/** The row path: keyset pages of `loadPage`, each made into fact rows by `toFactRow` and inserted as JSONEachRow. */
async function pageTable(
  client: PoolClient,
  source: FactSource<any>,
  staging: string,
  insert: Warehouse['insert'],
  version: string,
  snapshotAt: Date,
  batchSize: number,
  onRows: (rows: number) => void,
  signal: AbortSignal,
): Promise<TableRun> {
  const queryFn = pgQueryFn(client)
  let afterId = 0
  let rows = 0
  let batches = 0
  for (;;) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('rebuild aborted')
    const page = await source.loadPage(queryFn, afterId, batchSize)
    if (page.length === 0) break
    await insert(staging, page.map((row) => source.toFactRow(row, version, snapshotAt)))
    afterId = cursorOf(source, page[page.length - 1])
    rows += page.length
    batches++
    onRows(rows)
    if (page.length < batchSize) break
  }
  return { rows, batches }
}

/** @deprecated the watermark is shared by every fact table, so a rebuild always covers them all. */
export const rebuildEstateFilingFacts = rebuildAllFacts
