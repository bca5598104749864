/** Compares every estate's rows in PostgreSQL with each warehouse fact table (read with FINAL). */
import type { Pool } from 'pg'
import { raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { pgQueryFn } from './pg.ts'
import { FACT_SOURCES } from './fact_sources.ts'
import type { FactSource } from './fact_sources.ts'
import { getWatermark, OUTBOX_WATERMARK } from './watermarks.ts'

export type DifferenceKind = 'missing_in_warehouse' | 'extra_in_warehouse' | 'duplicate_in_warehouse' | 'mismatch'

export type Difference = {
  estateId: number
  /** the fact table that differs */
  table: string
  kind: DifferenceKind
  /** For 'mismatch': the differing fields. */
  fields?: Record<string, { postgres: unknown; warehouse: unknown }>
}

export type ReconcileResult = {
  /** Estates compared (PostgreSQL side). */
  checked: number
  /** Logical rows in ClickHouse (after FINAL). */
  warehouseRows: number
  /** Outbox events after the watermark: differences may just be lag when > 0. */
  pendingEvents: number
  differences: Difference[]
}

type WarehouseIndex = Map<number, Record<string, unknown>[]>

async function warehouseIndex(warehouse: Pick<Warehouse, 'query'>, source: FactSource<any>): Promise<{ index: WarehouseIndex; rows: number }> {
  const rows = await warehouse.query<Record<string, unknown>>(
    raw(`SELECT ${['estate_id', ...source.fields].join(', ')} FROM ${source.table} FINAL ORDER BY estate_id`),
  )
  const index: WarehouseIndex = new Map()
  for (const row of rows) {
    const id = Number(row.estate_id)
    index.set(id, [...(index.get(id) ?? []), row])
  }
  return { index, rows: rows.length }
}

/** PostgreSQL's value against the warehouse's: numbers and booleans compare as numbers. */
function same(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number') return Number(actual) === expected
  if (typeof expected === 'boolean') return Number(actual) === (expected ? 1 : 0)
  return actual === expected
}

export async function reconcile(options: {
  pg: Pool
  warehouse: Pick<Warehouse, 'query'>
  batchSize?: number
  watermarkName?: string
  sources?: readonly FactSource<any>[]
}): Promise<ReconcileResult> {
  const batchSize = options.batchSize ?? 10_000
  const sources = options.sources ?? FACT_SOURCES
  const differences: Difference[] = []
  const client = await options.pg.connect()
  let checked = 0
  let warehouseRows = 0
  let pendingEvents = 0
  try {
    await client.query('begin isolation level repeatable read read only')
    const queryFn = pgQueryFn(client)
    for (const source of sources) {
      const { index, rows } = await warehouseIndex(options.warehouse, source)
      warehouseRows += rows
      let compared = 0
      let afterId = 0
      for (;;) {
        const page = await source.loadPage(queryFn, afterId, batchSize)
        for (const expected of page) {
          compared++
          const found = index.get(expected.estate_id)
          index.delete(expected.estate_id)
          if (!found) {
            differences.push({ estateId: expected.estate_id, table: source.table, kind: 'missing_in_warehouse' })
            continue
          }
          if (found.length > 1) differences.push({ estateId: expected.estate_id, table: source.table, kind: 'duplicate_in_warehouse' })
          const fields: Difference['fields'] = {}
          for (const field of source.fields) {
            if (!same(expected[field], found[0][field])) fields[field] = { postgres: expected[field], warehouse: found[0][field] }
          }
          if (Object.keys(fields).length > 0) differences.push({ estateId: expected.estate_id, table: source.table, kind: 'mismatch', fields })
        }
        if (page.length < batchSize) break
        afterId = page[page.length - 1].estate_id
      }
      for (const estateId of index.keys()) differences.push({ estateId, table: source.table, kind: 'extra_in_warehouse' })
      checked = Math.max(checked, compared)
    }
    const watermark = await getWatermark(queryFn, options.watermarkName ?? OUTBOX_WATERMARK)
    const pending = await client.query<{ n: string }>('select count(*)::text as n from outbox_events where id > $1', [watermark])
    pendingEvents = Number(pending.rows[0].n)
    await client.query('commit')
  } catch (error) {
    client.release(true)
    throw error
  }
  client.release()
  differences.sort((a, b) => a.estateId - b.estateId || a.table.localeCompare(b.table) || a.kind.localeCompare(b.kind))
  return { checked, warehouseRows, pendingEvents, differences }
}
