/** Step 6: ClickHouse JSON rows → API rows (UInt64 strings → numbers, rates rounded to 4 decimals, sums to 2). */
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

function shapeMetrics(parsed: ParsedQuery, row: Record<string, unknown>): TotalsRow {
  const out: TotalsRow = {}
  for (const [name, metric] of parsed.metrics) {
    out[name] = metric.kind === 'rate' ? roundRate(row[name]) : metric.kind === 'sum' ? roundSum(row[name]) : toNumber(row[name])
  }
  return out
}

export function shapeRows(parsed: ParsedQuery, rows: readonly Record<string, unknown>[]): DrillDownRow[] {
  return rows.map((row) => ({ id: toNumber(row.id), name: String(row.name ?? ''), ...shapeMetrics(parsed, row) }))
}

export function shapeTotals(parsed: ParsedQuery, rows: readonly Record<string, unknown>[]): TotalsRow {
  return shapeMetrics(parsed, rows[0] ?? {})
}
