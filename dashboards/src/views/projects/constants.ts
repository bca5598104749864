/** 项目管理 labels and filter options shared by the overview and the estate list. */
import { formatNumber } from '@/utils/format'

/** estates.estate_type values, in display order */
export const ESTATE_TYPES = ['住宅', '商业', '办公', '混合'] as const
export type EstateType = (typeof ESTATE_TYPES)[number]

export const ESTATE_TYPE_OPTIONS = ESTATE_TYPES.map((type) => ({ value: type, label: type }))

/** the has_committee filter as the API takes it */
export const COMMITTEE_OPTIONS: { value: 'true' | 'false'; label: string }[] = [
  { value: 'true', label: '已成立' },
  { value: 'false', label: '未成立' },
]

const TEN_THOUSAND = 10_000

/** m² for cards: 120000 → 12.00 万㎡, 8500 → 8,500 ㎡ */
export function formatArea(value: number | null | undefined): string {
  if (value === null || value === undefined) return formatNumber(value)
  if (Math.abs(value) >= TEN_THOUSAND) {
    return `${(value / TEN_THOUSAND).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万㎡`
  }
  return `${formatNumber(Math.round(value))} ㎡`
}
