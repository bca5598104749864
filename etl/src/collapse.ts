/**
 * The drain's side of CollapsingMergeTree fact tables (FactSource.collapsing) and of rollups.
 *
 * A collapsing table holds a record's current state as the row with sign = 1 that no sign = -1 row
 * cancels. For a batch of new states (sign 1) and deletions (identity + sign -1 from the transformer),
 * `collapseRows` reads the live rows of those records from the warehouse itself and returns, per
 * record in event order, a cancel row (an exact copy of the live row, sign -1) followed by the new
 * row. Because the cancel rows come from the table's own state, applying a batch twice cancels and
 * re-adds the same rows: the sums do not change.
 */
import { raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import type { FactSource } from './fact_sources.ts'

type Row = Record<string, unknown>

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

/** a record's identity as text ("12|3456") */
function identityOf(identity: readonly string[], row: Row): string {
  return identity.map((column) => String(Number(row[column]))).join('|')
}

function safeInteger(value: unknown, column: string): number {
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 0) throw new TypeError(`${column} must be a non-negative integer, got ${JSON.stringify(value)}`)
  return number
}

/** The live rows (sum(sign) > 0) of the given records, each repeated sum(sign) times, by identity. */
async function liveRows(warehouse: Pick<Warehouse, 'query'>, table: string, identity: readonly string[], rows: readonly Row[]): Promise<Map<string, Row[]>> {
  const live = new Map<string, Row[]>()
  if (rows.length === 0) return live
  const columns = (await warehouse.query<{ name: string }>(raw(`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = '${table}'`))).map((column) => column.name)
  const kept = columns.filter((column) => column !== 'sign')
  for (const column of columns) if (!IDENTIFIER.test(column)) throw new TypeError(`unexpected column name ${column}`)
  // each identity column narrowed to the batch's values (estate_id leads, so granules are skipped)
  const conditions = identity.map((column) => `${column} IN (${[...new Set(rows.map((row) => safeInteger(row[column], column)))].join(', ')})`)
  const found = await warehouse.query<Row & { live: number | string }>(
    raw(`SELECT ${kept.join(', ')}, sum(sign) AS live FROM ${table} WHERE ${conditions.join(' AND ')} GROUP BY ${kept.join(', ')} HAVING sum(sign) > 0`)
  )
  for (const row of found) {
    const count = Number(row.live)
    const { live: _live, ...copy } = row
    const key = identityOf(identity, copy)
    const list = live.get(key) ?? []
    for (let i = 0; i < count; i++) list.push(copy)
    live.set(key, list)
  }
  return live
}

/** Cancel rows for the records' live states, then their new states (a deletion adds nothing). */
export async function collapseRows(warehouse: Pick<Warehouse, 'query'>, source: FactSource<any>, rows: readonly Row[]): Promise<Row[]> {
  const identity = source.collapsing!.identity
  if (!IDENTIFIER.test(source.table)) throw new TypeError(`invalid table ${source.table}`)
  const live = await liveRows(warehouse, source.table, identity, rows)
  const out: Row[] = []
  for (const row of rows) {
    const key = identityOf(identity, row)
    for (const current of live.get(key) ?? []) out.push({ ...current, sign: -1 })
    if (Number(row.sign) === 1) {
      out.push(row)
      live.set(key, [row])
    } else {
      live.delete(key)
    }
  }
  return out
}

/** Recomputes the source's rollups for the estates the rows touched, at `version` (the batch's last event id). */
export async function recomputeRollups(warehouse: Pick<Warehouse, 'command'>, source: FactSource<any>, rows: readonly Row[], version: string): Promise<void> {
  const estateIds = [...new Set(rows.map((row) => safeInteger(row.estate_id, 'estate_id')))].sort((a, b) => a - b)
  if (estateIds.length === 0) return
  for (const rollup of source.rollups ?? []) {
    if (!IDENTIFIER.test(rollup.table)) throw new TypeError(`invalid table ${rollup.table}`)
    await warehouse.command(`INSERT INTO ${rollup.table} ${rollup.select(source.table, version, estateIds)}`)
  }
}
