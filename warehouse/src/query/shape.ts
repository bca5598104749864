/** Step 6: ClickHouse JSON rows → API rows (UInt64 strings → numbers, rates rounded to 4 decimals, sums and averages to 2, no average → null). */
import type { MetricKind } from '../cubes/types.ts'
import type { DrillDownRow, ParsedQuery, TotalsRow } from './types.ts'

function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(number) ? number : 0
}

export function roundRate(value: unknown): number {
  return Math.round(toNumber(value) * 10_000) / 10_000
}

function roundSum(value: unknown): number {
  return Math.round(toNumber(value) * 100) / 100
}

/** null (no rows to average: NULL, NaN or absent) stays null; otherwise rounded to 2 decimals. */
function roundAverage(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(number) ? Math.round(number * 100) / 100 : null
}

function shapeMetric(kind: MetricKind, value: unknown): number | null {
  switch (kind) {
    case 'rate':
      return roundRate(value)
    case 'sum':
      return roundSum(value)
    case 'average':
      return roundAverage(value)
    default:
      return toNumber(value)
  }
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
