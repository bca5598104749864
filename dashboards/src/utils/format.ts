import dayjs from 'dayjs'

const EMPTY = '—'

/** 1234567 → 1,234,567 (Chinese grouping) */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? EMPTY : value.toLocaleString('zh-CN')
}

/** 0..1 → percentage with one decimal, e.g. 0.6667 → 66.7% */
export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? EMPTY : `${toPercent(rate).toFixed(1)}%`
}

/** 0..1 → 0..100 rounded to one decimal, for charts */
export function toPercent(rate: number): number {
  return Math.round(rate * 1000) / 10
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : EMPTY
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : EMPTY
}

/** a numeric route query value, or undefined when absent / not a positive integer */
export function queryNumber(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (typeof text !== 'string' || !/^\d+$/.test(text)) return undefined
  const number = Number(text)
  return number > 0 ? number : undefined
}

/** a string route query value, or undefined when absent / empty */
export function queryString(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === 'string' && text !== '' ? text : undefined
}
