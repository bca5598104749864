/**
 * Number and date formatting for every screen and export, with one rounding rule: values travel
 * unrounded (the API does not round rates or averages) and are rounded once, here, half away from
 * zero at the shown precision. So 12 of 22 (0.54545…) is 54.5%, on a card, in a table, in a chart
 * label and in Excel alike.
 */
import type { MetricFormat } from './modules/types.ts'

export const EMPTY = '—'

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || Number.isNaN(value)

/** Rounds half away from zero at `digits` decimals, robust to binary noise (1.005 → 1.01). */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits
  const scaled = Math.abs(value) * factor
  // the tiny nudge absorbs representation error (e.g. 545.4999999 for an exact 545.5)
  const rounded = Math.round(scaled * (1 + Number.EPSILON * 4)) / factor
  return Math.sign(value) * rounded
}

/** 0..1 → 0..100 at one decimal (charts use this number, the label adds the %) */
export function toPercent(rate: number): number {
  return round(rate * 100, 1)
}

/** 1234567 → 1,234,567 */
export function formatCount(value: number | null | undefined): string {
  return missing(value) ? EMPTY : round(value).toLocaleString('zh-CN')
}

/** 0.54545 → 54.5% */
export function formatPercent(rate: number | null | undefined): string {
  return missing(rate) ? EMPTY : `${toPercent(rate).toFixed(1)}%`
}

/** a score (0–100) at two decimals: 87.456 → 87.46 */
export function formatScore(value: number | null | undefined): string {
  return missing(value) ? EMPTY : round(value, 2).toFixed(2)
}

/** m²: 120000 → 12.00 万㎡, 8500.4 → 8,500 ㎡ */
export function formatArea(value: number | null | undefined): string {
  if (missing(value)) return EMPTY
  if (Math.abs(value) >= 10_000) {
    return `${round(value / 10_000, 2).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万㎡`
  }
  return `${formatCount(value)} ㎡`
}

/** A metric by its declared format (tables, cards, exports). */
export function formatMetric(format: MetricFormat, value: number | null | undefined): string {
  if (format === 'percent') return formatPercent(value)
  if (format === 'score') return formatScore(value)
  if (format === 'area') return formatArea(value)
  return formatCount(value)
}

/** The value an Excel cell holds for a metric: numbers stay numbers, percentages become text. */
export function metricCell(format: MetricFormat, value: number | null | undefined): number | string {
  if (missing(value)) return EMPTY
  if (format === 'percent') return formatPercent(value)
  if (format === 'score') return round(value, 2)
  if (format === 'area') return round(value, 2)
  return round(value)
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

/** The calendar date in Shenzhen of an ISO time (a bare YYYY-MM-DD date is returned as is). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return EMPTY
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const date = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? EMPTY : SHANGHAI_DATE.format(date)
}

/** YYYY-MM-DD HH:mm:ss in Shenzhen time, whatever the browser's time zone */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return EMPTY
  const date = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? EMPTY : `${SHANGHAI_DATE.format(date)} ${SHANGHAI_TIME.format(date)}`
}
