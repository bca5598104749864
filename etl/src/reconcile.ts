/**
 * Compares PostgreSQL's records with each warehouse fact table at the grain of the record (replacing
 * tables read with FINAL, collapsing ones by their live rows), page by page where the table stores
 * the page cursor, and each rollup with a fresh computation from its facts.
 */
import type { Pool } from 'pg'
import { raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { pgQueryFn } from './pg.ts'
import { cursorOf, FACT_SOURCES, factKey } from './fact_sources.ts'
import type { FactSource, Rollup } from './fact_sources.ts'
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

/**
 * The warehouse column holding a source's keyset cursor, when it has one: estate_id for one row per
 * estate, `key[0]` for sources paged by their own record id that the fact table stores (house_id).
 * Such tables are compared page by page (bounded memory at millions of rows); others (e.g. per
 * estate × half-year, paged by an id the warehouse does not store) in one piece.
 */
function cursorColumn(source: FactSource<any>): string | null {
  if (!source.cursor) return 'estate_id'
  return source.key?.length === 1 ? source.key[0] : null
}

/**
 * The warehouse's logical rows of `source` whose cursor column lies in (after, upTo] (all when no
 * cursor column). ReplacingMergeTree tables are read with FINAL; collapsing ones as the rows whose
 * signs do not cancel — a row left twice (sum 2) reads as a duplicate, a cancel without its row as
 * an extra row.
 */
async function readWarehouseRows(warehouse: Pick<Warehouse, 'query'>, source: FactSource<any>, range: { after: number; upTo: number | null } | null): Promise<WarehouseIndex> {
  const key = source.key ?? []
  const columns = ['estate_id', ...key, ...source.fields.filter((field) => field !== 'estate_id' && !key.includes(field))]
  const column = cursorColumn(source)
  const where = range && column ? ` WHERE ${column} > ${range.after}${range.upTo === null ? '' : ` AND ${column} <= ${range.upTo}`}` : ''
  const rows = source.collapsing
    ? await warehouse.query<Record<string, unknown>>(
        raw(`SELECT ${columns.join(', ')}, sum(sign) AS live_rows FROM ${source.table}${where} GROUP BY ${columns.join(', ')} HAVING sum(sign) != 0`)
      )
    : await warehouse.query<Record<string, unknown>>(raw(`SELECT ${columns.join(', ')} FROM ${source.table} FINAL${where}`))
  const index: WarehouseIndex = new Map()
  for (const row of rows) {
    const id = factKey(source, row)
    const copies = source.collapsing ? Math.max(1, Math.abs(Number(row.live_rows))) : 1
    for (let i = 0; i < copies; i++) index.set(id, [...(index.get(id) ?? []), row])
  }
  return index
}

/**
 * A rollup against a fresh computation from its fact table (which the caller compares with PostgreSQL):
 * every estate's figures must be equal (areas to the cent); a stored row of an estate with nothing
 * left must read zero.
 */
async function compareRollup(warehouse: Pick<Warehouse, 'query'>, factsTable: string, rollup: Rollup): Promise<Difference[]> {
  const keyColumns = rollup.key ?? []
  const keyOf = (row: Record<string, unknown>) => JSON.stringify([Number(row.estate_id), ...keyColumns.map((column) => String(row[column]))])
  const read = async (sql: string) => {
    const rows = await warehouse.query<Record<string, unknown>>(raw(sql))
    return new Map(rows.map((row) => [keyOf(row), row]))
  }
  const stored = await read(`SELECT * FROM ${rollup.table} FINAL`)
  const fresh = await read(rollup.select(factsTable, '0'))
  // figures to the cent; arrays and text as they are (text only where the fresh row exists: a stored
  // row of a unit with nothing left keeps whatever place it had and must read zero)
  const figure = (row: Record<string, unknown> | undefined, column: string): unknown => {
    const value = row?.[column]
    if (Array.isArray(value)) return JSON.stringify(value.map(String))
    if (typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value)) return value
    return Math.round(Number(value ?? 0) * 100) / 100
  }
  const differences: Difference[] = []
  for (const key of new Set([...stored.keys(), ...fresh.keys()])) {
    const sample = (stored.get(key) ?? fresh.get(key))!
    const columns = Object.keys(sample).filter((column) => column !== 'estate_id' && column !== 'version' && !keyColumns.includes(column))
    const fields: Difference['fields'] = {}
    for (const column of columns) {
      const text = typeof sample[column] === 'string' && typeof figure(sample, column) === 'string'
      if (text && !fresh.has(key)) continue
      const empty = Array.isArray(sample[column]) ? '[]' : 0
      const expected = fresh.has(key) ? figure(fresh.get(key), column) : empty
      const actual = stored.has(key) ? figure(stored.get(key), column) : empty
      if (expected !== actual) fields[column] = { postgres: expected, warehouse: actual }
    }
    if (Object.keys(fields).length > 0) {
      const row = stored.get(key) ?? fresh.get(key)!
      const identity = keyColumns.length > 0 ? { key: Object.fromEntries(keyColumns.map((column) => [column, row[column]])) } : {}
      differences.push({ estateId: Number(row.estate_id), table: rollup.table, kind: stored.has(key) ? 'mismatch' : 'missing_in_warehouse', ...identity, fields })
    }
  }
  return differences
}

/** `{ estateId, table, key? }` of a difference. */
function where(source: FactSource<any>, row: Record<string, unknown>) {
  const base = { estateId: Number(row.estate_id), table: source.table }
  return source.key ? { ...base, key: Object.fromEntries(source.key.map((column) => [column, Number(row[column])])) } : base
}

/** PostgreSQL's value against the warehouse's: numbers and booleans compare as numbers, arrays element by element. */
function same(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((value, i) => same(value, actual[i]))
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
      const ranged = cursorColumn(source) !== null
      let index: WarehouseIndex = ranged ? new Map() : await readWarehouseRows(options.warehouse, source, null)
      const compared = new Set<number>()
      const extras = (rows: WarehouseIndex) => {
        for (const found of rows.values()) {
          warehouseRows += found.length
          differences.push({ ...where(source, found[0]), kind: 'extra_in_warehouse' })
        }
      }
      let afterId = 0
      for (;;) {
        const page = await source.loadPage(queryFn, afterId, batchSize)
        const last = page.length < batchSize
        if (ranged) index = await readWarehouseRows(options.warehouse, source, { after: afterId, upTo: last ? null : cursorOf(source, page[page.length - 1]) })
        for (const expected of page) {
          compared.add(expected.estate_id)
          const id = factKey(source, expected)
          const found = index.get(id)
          index.delete(id)
          if (!found) {
            differences.push({ ...where(source, expected), kind: 'missing_in_warehouse' })
            continue
          }
          warehouseRows += found.length
          // a cancel row without its row (sum(sign) < 0) leaves nothing live: the record is missing
          if (Number(found[0].live_rows ?? 1) < 0) {
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
        // rows of this cursor range that PostgreSQL does not have
        if (ranged) extras(index)
        if (last) break
        afterId = cursorOf(source, page[page.length - 1])
      }
      if (!ranged) extras(index)
      for (const rollup of source.rollups ?? []) differences.push(...(await compareRollup(options.warehouse, source.table, rollup)))
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
