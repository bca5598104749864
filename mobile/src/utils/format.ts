import dayjs from 'dayjs'

const EMPTY = '—'

/** 12345 → "12,345" */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY
  return value.toLocaleString('zh-CN')
}

/** 0.8765 → "87.7%" (one decimal) */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return EMPTY
  return `${(rate * 100).toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`
}

/** any ISO date/time → "YYYY-MM-DD" */
export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY
  const date = dayjs(value)
  return date.isValid() ? date.format('YYYY-MM-DD') : EMPTY
}

export function orDash(value: string | null | undefined): string {
  return value && value.trim() ? value : EMPTY
}
