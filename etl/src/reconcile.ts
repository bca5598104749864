/** Compares every estate's rows in PostgreSQL with each warehouse fact table (read with FINAL). */
import type { Pool } from 'pg'
import { raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { pgQueryFn } from './pg.ts'
import { cursorOf, FACT_SOURCES, factKey } from './fact_sources.ts'
import type { FactSource } from './fact_sources.ts'
import { getWatermark, OUTBOX_WATERMARK } from './watermarks.ts'

export type DifferenceKind = 'missing_in_warehouse' | 'extra_in_warehouse' | 'duplicate_in_warehouse' | 'mismatch'

export type Difference = {
  estateId: number
  /** the fact table that differs */
  table: string
  kind: DifferenceKind
  /** For tables with several rows per estate: the rest of the row's identity, e.g. { year, half }. */
  key?: Record<string, unknown>
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

/** fact key (estate_id + the source's key columns) → the warehouse rows with that key */
type WarehouseIndex = Map<string, Record<string, unknown>[]>

async function warehouseIndex(warehouse: Pick<Warehouse, 'query'>, source: FactSource<any>): Promise<{ index: WarehouseIndex; rows: number }> {
  const key = source.key ?? []
  const rows = await warehouse.query<Record<string, unknown>>(
    raw(`SELECT ${['estate_id', ...key, ...source.fields.filter((field) => !key.includes(field))].join(', ')} FROM ${source.table} FINAL ORDER BY ${['estate_id', ...key].join(', ')}`),
  )
  const index: WarehouseIndex = new Map()
  for (const row of rows) {
    const id = factKey(source, row)
    index.set(id, [...(index.get(id) ?? []), row])
  }
  return { index, rows: rows.length }
}

/** `{ estateId, table, key? }` of a difference. */
function where(source: FactSource<any>, row: Record<string, unknown>) {
  const base = { estateId: Number(row.estate_id), table: source.table }
  return source.key ? { ...base, key: Object.fromEntries(source.key.map((column) => [column, Number(row[column])])) } : base
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
      const compared = new Set<number>()
      let afterId = 0
      for (;;) {
        const page = await source.loadPage(queryFn, afterId, batchSize)
        for (const expected of page) {
          compared.add(expected.estate_id)
          const id = factKey(source, expected)
          const found = index.get(id)
          index.delete(id)
          if (!found) {
            differences.push({ ...where(source, expected), kind: 'missing_in_warehouse' })
            continue
          }
          if (found.length > 1) differences.push({ ...where(source, expected), kind: 'duplicate_in_warehouse' })
          const fields: Difference['fields'] = {}
          for (const field of source.fields) {
            if (!same(expected[field], found[0][field])) fields[field] = { postgres: expected[field], warehouse: found[0][field] }
          }
          if (Object.keys(fields).length > 0) differences.push({ ...where(source, expected), kind: 'mismatch', fields })
        }
        if (page.length < batchSize) break
        afterId = cursorOf(source, page[page.length - 1])
      }
      for (const rows of index.values()) differences.push({ ...where(source, rows[0]), kind: 'extra_in_warehouse' })
      // estates compared (a table with several rows per estate counts each estate once)
      checked = Math.max(checked, compared.size)
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
  const keyText = (d: Difference) => (d.key ? JSON.stringify(d.key) : '')
  differences.sort((a, b) => a.estateId - b.estateId || a.table.localeCompare(b.table) || keyText(a).localeCompare(keyText(b)) || a.kind.localeCompare(b.kind))
  return { checked, warehouseRows, pendingEvents, differences }
}
