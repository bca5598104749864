/**
 * Step 6: ClickHouse JSON rows → API rows. Values travel unrounded: counts become numbers (UInt64
 * arrives as a string), rates, sums and averages keep every digit the server computed, an average
 * with nothing to average (NULL/NaN/absent) is null. Rounding happens once, where a number is shown
 * (@szpm/core format.ts), so 12 of 22 is 0.5454… here and 54.5% on every screen and export.
 */
import type { MetricKind } from '../cubes/types.ts'
import type { DrillDownRow, ParsedQuery, TotalsRow } from './types.ts'

function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(number) ? number : 0
}

/** null (no rows to average: NULL, NaN or absent) stays null. */
function toAverage(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(number) ? number : null
}

function shapeMetric(kind: MetricKind, value: unknown): number | null {
  return kind === 'average' ? toAverage(value) : toNumber(value)
}

function shapeMetrics(parsed: ParsedQuery, row: Record<string, unknown>): TotalsRow {
  const out: TotalsRow = {}
  for (const [name, metric] of parsed.metrics) out[name] = shapeMetric(metric.kind, row[name])
  return out
}

export function shapeRows(parsed: ParsedQuery, rows: readonly Record<string, unknown>[]): DrillDownRow[] {
  return rows.map((row) => ({ id: toNumber(row.id), name: String(row.name ?? ''), ...shapeMetrics(parsed, row) }))
}

export function shapeTotals(parsed: ParsedQuery, rows: readonly Record<string, unknown>[]): TotalsRow {
  return shapeMetrics(parsed, rows[0] ?? {})
}
