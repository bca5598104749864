/**
 * Drains PostgreSQL `outbox_events` into ClickHouse.
 *
 * Per batch: read events with id > watermark (ordered, limited) → group by topic → transform →
 * insert into ClickHouse → THEN advance the watermark. A failed insert leaves the watermark
 * untouched, so the batch is retried. Replays are harmless: fact rows carry version = outbox id in
 * ReplacingMergeTree tables read with FINAL; collapsing tables get their cancel rows from the
 * warehouse's own live rows (collapse.ts), and rollups are recomputed, not incremented.
 */
import type { Pool, PoolClient } from 'pg'
import type { Warehouse } from '@szpm/warehouse'
import { collapseRows, recomputeRollups } from './collapse.ts'
import { FACT_SOURCES } from './fact_sources.ts'
import type { FactSource } from './fact_sources.ts'
import { ETL_LOCK, OUTBOX_WRITER_LOCK } from './locks.ts'
import { pgQueryFn } from './pg.ts'
import { topics as defaultTopics } from './topics.ts'
import type { OutboxEvent, TopicRegistry } from './topics.ts'
import { getWatermark, OUTBOX_WATERMARK, setWatermark } from './watermarks.ts'

/** what the drain needs of the warehouse: inserts, and reads / INSERT … SELECT for collapsing tables and rollups */
export type DrainWarehouse = Pick<Warehouse, 'insert' | 'query' | 'command'>

export type DrainOptions = {
  pg: Pool
  warehouse: DrainWarehouse
  batchSize?: number
  /** Stop after this many batches (default: until the outbox is empty). */
  maxBatches?: number
  topics?: TopicRegistry
  /** the fact sources whose tables collapse or carry rollups (default: all; tests may narrow) */
  sources?: readonly FactSource<any>[]
  /** 'error' (default): an unknown topic fails the batch. 'skip': ignore such events. */
  onUnknownTopic?: 'error' | 'skip'
  /** Watermark row name in etl_watermarks (default 'outbox'; tests use their own). */
  watermarkName?: string
  log?: (line: string) => void
}

export type DrainResult = {
  batches: number
  events: number
  /** Events ignored because of an unknown topic (onUnknownTopic 'skip'). */
  skippedEvents: number
  /** Watermark after the drain. */
  lastId: string
  /** True when another drain/rebuild held the ETL lock; nothing was done. */
  locked: boolean
}

export class UnknownTopicError extends Error {
  constructor(topic: string, id: string) {
    super(`outbox event ${id}: no transformer registered for topic ${JSON.stringify(topic)}`)
    this.name = 'UnknownTopicError'
  }
}

// ORDER BY the column, not the text alias `id`: ordered as text, '1000' < '999' and a batch crossing a
// power of ten would move the watermark past events it never read (tests/integration/outbox_order.spec.ts)
const READ_SQL = `select id::text as id, topic, entity_id::text as entity_id, payload, created_at
from outbox_events where id > $1 order by outbox_events.id limit $2`

async function readBatch(client: PoolClient, afterId: string, limit: number): Promise<OutboxEvent[]> {
  // Exclusive writer lock: waits for in-flight outbox writers to commit, so no lower id can appear later.
  await client.query('select pg_advisory_lock($1)', [OUTBOX_WRITER_LOCK])
  try {
    return (await client.query<OutboxEvent>(READ_SQL, [afterId, limit])).rows
  } finally {
    await client.query('select pg_advisory_unlock($1)', [OUTBOX_WRITER_LOCK])
  }
}

/** Groups transformed rows per target table, preserving event order. */
export function transformEvents(events: readonly OutboxEvent[], registry: TopicRegistry, onUnknownTopic: 'error' | 'skip' = 'error'): { tables: Map<string, Record<string, unknown>[]>; skipped: number } {
  const tables = new Map<string, Record<string, unknown>[]>()
  let skipped = 0
  for (const event of events) {
    const transformer = Object.hasOwn(registry, event.topic) ? registry[event.topic] : undefined
    if (!transformer) {
      if (onUnknownTopic === 'skip') {
        skipped++
        continue
      }
      throw new UnknownTopicError(event.topic, event.id)
    }
    const rows = tables.get(transformer.table) ?? []
    rows.push(...transformer.toRows(event))
    tables.set(transformer.table, rows)
  }
  return { tables, skipped }
}

export async function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const batchSize = options.batchSize ?? 5000
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError('batchSize must be a positive integer')
  const registry = options.topics ?? defaultTopics
  const watermarkName = options.watermarkName ?? OUTBOX_WATERMARK
  const log = options.log ?? (() => {})
  const sourcesByTable = new Map((options.sources ?? FACT_SOURCES).map((source) => [source.table, source]))
  const client = await options.pg.connect()
  let broken = false
  // The server ending this connection while we hold it between queries (PostgreSQL restarting) is an
  // 'error' event on the client, which without a listener crashed the worker (scripts/tests/faults.test.mjs,
  // case 4): the drain's next query fails instead, the connection is destroyed, and a later drain (the
  // listener's reconnect wake-up, the safety net) resumes from the watermark.
  const onConnectionError = () => {
    broken = true
  }
  client.on('error', onConnectionError)
  try {
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [ETL_LOCK])
    if (!rows[0].ok) {
      log('drain skipped: another drain or rebuild holds the ETL lock')
      return { batches: 0, events: 0, skippedEvents: 0, lastId: await getWatermark(pgQueryFn(client), watermarkName), locked: true }
    }
    try {
      const queryFn = pgQueryFn(client)
      let watermark = await getWatermark(queryFn, watermarkName)
      const result: DrainResult = { batches: 0, events: 0, skippedEvents: 0, lastId: watermark, locked: false }
      while (options.maxBatches === undefined || result.batches < options.maxBatches) {
        const events = await readBatch(client, watermark, batchSize)
        if (events.length === 0) break
        const { tables, skipped } = transformEvents(events, registry, options.onUnknownTopic)
        const lastId = events[events.length - 1].id
        for (const [table, tableRows] of tables) {
          const source = sourcesByTable.get(table)
          // one insert per table: a collapsing table's cancel rows travel with the new states
          const rows = source?.collapsing ? await collapseRows(options.warehouse, source, tableRows) : tableRows
          await options.warehouse.insert(table, rows)
          // the events' estates and those of the rows written (cancel rows included): a record that moved recomputes the estate it left too
          if (source?.rollups) await recomputeRollups(options.warehouse, source, rows === tableRows ? rows : [...tableRows, ...rows], lastId)
        }
        await setWatermark(queryFn, watermarkName, lastId) // only after every insert succeeded
        watermark = lastId
        result.batches++
        result.events += events.length
        result.skippedEvents += skipped
        result.lastId = lastId
        log(`drained ${events.length} event(s) up to id ${lastId}`)
        if (events.length < batchSize) break
      }
      return result
    } finally {
      await client.query('select pg_advisory_unlock($1)', [ETL_LOCK]).catch(() => {
        broken = true
      })
    }
  } catch (error) {
    broken = true
    throw error
  } finally {
    // A connection in an unknown state may still hold a session lock: destroy it rather than pool it.
    client.removeListener('error', onConnectionError)
    client.release(broken)
  }
}
