import { formatNumber } from '@/utils/format'

/** estates.estate_type values, in display order */
export const ESTATE_TYPES = ['住宅', '商业', '办公', '混合'] as const

/** m²: 120000 → "12.00万㎡", 8500 → "8,500㎡" */
export function formatArea(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return formatNumber(value)
  if (Math.abs(value) >= 10_000) {
    return `${(value / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万㎡`
  }
  return `${formatNumber(Math.round(value))}㎡`
}
