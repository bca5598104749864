/**
 * The drill-down pipeline: parse → pick table → where → select/group → execute → shape.
 * Each step is a small function (see parse.ts, build.ts, shape.ts).
 */
import { compile } from '../binding.ts'
import type { Warehouse } from '../client.ts'
import { buildFragment } from './build.ts'
import { parseQuery } from './parse.ts'
import { shapeRows, shapeTotals } from './shape.ts'
import type { DrillDownQuery, DrillDownRow, TotalsRow } from './types.ts'

/** One row per member of `query.dimensions[0]` under the filters, ordered by name. */
export async function drillDown(warehouse: Warehouse, query: DrillDownQuery): Promise<DrillDownRow[]> {
  const parsed = parseQuery(query, { grouped: true })
  const compiled = compile(buildFragment(parsed), await warehouse.compileMode())
  return shapeRows(parsed, await warehouse.query<Record<string, unknown>>(compiled))
}

/** The metrics over everything matching the filters (no grouping). */
export async function totals(warehouse: Warehouse, query: DrillDownQuery): Promise<TotalsRow> {
  const parsed = parseQuery(query, { grouped: false })
  const compiled = compile(buildFragment(parsed), await warehouse.compileMode())
  return shapeTotals(parsed, await warehouse.query<Record<string, unknown>>(compiled))
}

/**
 * The drill-down rows and their totals in one round trip (GROUP BY … WITH TOTALS): what a statistics
 * page shows. Under load this halves the queries the API sends (docs/benchmarks.md, load section).
 */
export async function drillDownWithTotals(warehouse: Warehouse, query: DrillDownQuery): Promise<{ rows: DrillDownRow[]; totals: TotalsRow }> {
  const parsed = parseQuery(query, { grouped: true })
  const compiled = compile(buildFragment(parsed, { withTotals: true }), await warehouse.compileMode())
  const result = await warehouse.queryWithTotals<Record<string, unknown>>(compiled)
  return { rows: shapeRows(parsed, result.rows), totals: shapeTotals(parsed, result.totals ? [result.totals] : []) }
}

export { buildSql, buildFragment } from './build.ts'
export { parseQuery } from './parse.ts'
export { shapeRows, shapeTotals } from './shape.ts'
export { QueryError } from './types.ts'
export type { DrillDownQuery, DrillDownRow, Filters, FilterKey, FilterValue, ParsedQuery, ParsedFilter, ParsedParam, TotalsRow } from './types.ts'
