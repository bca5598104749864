/** Steps 2–4: pick the table, render WHERE through the binding layer, then SELECT / GROUP BY. */
import { bind, compile, joinSql, raw, sql } from '../binding.ts'
import type { CompileMode, CompiledQuery, SqlFragment } from '../binding.ts'
import { parseQuery } from './parse.ts'
import type { DrillDownQuery, ParsedQuery } from './types.ts'

export function fromClause(parsed: ParsedQuery): SqlFragment {
  return raw(`FROM ${parsed.cube.table}${parsed.cube.final ? ' FINAL' : ''}${parsed.cube.join ? ` ${parsed.cube.join}` : ''}`)
}

export function whereClause(parsed: ParsedQuery): SqlFragment {
  const conditions = parsed.filters.map((filter) => sql`${raw(filter.column)} = ${bind(filter.value, filter.type)}`)
  if (parsed.cube.where) conditions.unshift(raw(`(${parsed.cube.where})`))
  if (conditions.length === 0) return raw('')
  return sql` WHERE ${joinSql(conditions, ' AND ')}`
}

export function selectClause(parsed: ParsedQuery): SqlFragment {
  const columns = parsed.metrics.map(([name, metric]) => `${metric.sql} AS ${name}`)
  if (parsed.level) columns.unshift(`${parsed.level.idColumn} AS id`, `${parsed.level.nameColumn} AS name`)
  return raw(`SELECT ${columns.join(', ')}`)
}

export function groupClause(parsed: ParsedQuery, options: { withTotals?: boolean } = {}): SqlFragment {
  if (!parsed.level) return raw('')
  const totals = options.withTotals ? ' WITH TOTALS' : ''
  return raw(` GROUP BY ${parsed.level.idColumn}, ${parsed.level.nameColumn}${totals} ORDER BY name ASC, id ASC`)
}

/** `WITH <value> AS <name>, … ` for the cube's params (names are declared in code; values are bound). */
export function withClause(parsed: ParsedQuery): SqlFragment {
  if (parsed.params.length === 0) return raw('')
  const params = parsed.params.map((param) => sql`${bind(param.value, param.type)} AS ${raw(param.name)}`)
  return sql`WITH ${joinSql(params, ', ')} `
}

/** `withTotals`: the grouped query also computes the metrics over all its rows (one round trip). */
export function buildFragment(parsed: ParsedQuery, options: { withTotals?: boolean } = {}): SqlFragment {
  return sql`${withClause(parsed)}${selectClause(parsed)} ${fromClause(parsed)}${whereClause(parsed)}${groupClause(parsed, options)}`
}

/**
 * The SQL for a query compiled for `mode` — grouped by `dimensions[0]` when given,
 * otherwise the totals query. Throws QueryError for invalid queries.
 */
export function buildSql(query: DrillDownQuery, mode: CompileMode): CompiledQuery {
  const grouped = Array.isArray(query.dimensions) && query.dimensions.length > 0
  return compile(buildFragment(parseQuery(query, { grouped })), mode)
}
