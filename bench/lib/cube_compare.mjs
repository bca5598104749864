/**
 * BENCHMARK ONLY. One drill-down step of a statistics module computed both ways — the warehouse cube
 * (`drillDown` + `totals`) and the benchmark-only PostgreSQL GROUP BY of pg_stats.mjs — and the check
 * that they agree (rows by id, names, every metric, totals). For sections over a cube without extra
 * paths (sections/training.mjs), and the check every section shares (drilldown, notices).
 */
import { drillDown, totals } from '@szpm/warehouse'
import { pgStatsSql, sameValue, shapeValue } from './pg_stats.mjs'

export const CHILD = { city: 'district', district: 'street', street: 'community', community: 'estate' }

/** the cube's figures per child region of `region`, and its totals */
export async function warehouseStep(warehouse, cube, metrics, region) {
  const query = { cube, metrics, dimensions: [CHILD[region.level]], filters: region.level === 'city' ? {} : { [`${region.level}_id`]: region.id } }
  const [rows, total] = await Promise.all([drillDown(warehouse, query), totals(warehouse, query)])
  return { rows, totals: total }
}

/** the same from PostgreSQL; `kinds` = metric → aggregation (how to shape each value) */
export async function postgresStep(pool, cube, kinds, region) {
  const metrics = Object.keys(kinds)
  const options = { childLevel: CHILD[region.level], filterLevel: region.level === 'city' ? null : region.level, filterId: region.id }
  const grouped = pgStatsSql(cube, options)
  const total = pgStatsSql(cube, { ...options, childLevel: null })
  const [rows, totalRows] = await Promise.all([pool.query(grouped.sql, grouped.params), pool.query(total.sql, total.params)])
  const shape = (row) => Object.fromEntries(metrics.map((name) => [name, shapeValue(kinds[name], row[name])]))
  return { rows: rows.rows.map((row) => ({ id: Number(row.id), name: row.name, ...shape(row) })), totals: shape(totalRows.rows[0]) }
}

/** Throws (aborting the bench) unless both give the same rows, names and numbers. */
export function assertSameStep(label, warehouse, postgres, metrics) {
  const problems = []
  const byId = new Map(postgres.rows.map((row) => [row.id, row]))
  if (warehouse.rows.length !== postgres.rows.length) problems.push(`row count: warehouse ${warehouse.rows.length}, PostgreSQL ${postgres.rows.length}`)
  for (const row of warehouse.rows) {
    const other = byId.get(row.id)
    if (!other) { problems.push(`id ${row.id} (${row.name}) missing in PostgreSQL`); continue }
    for (const key of ['name', ...metrics]) if (!sameValue(row[key], other[key])) problems.push(`id ${row.id} ${key}: warehouse ${row[key]}, PostgreSQL ${other[key]}`)
  }
  for (const key of metrics) if (!sameValue(warehouse.totals[key], postgres.totals[key])) problems.push(`totals ${key}: warehouse ${warehouse.totals[key]}, PostgreSQL ${postgres.totals[key]}`)
  if (problems.length > 0) {
    throw new Error(`WAREHOUSE ≠ POSTGRESQL for ${label}:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … ${problems.length - 20} more` : ''}`)
  }
}
