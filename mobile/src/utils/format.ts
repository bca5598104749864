/**
 * What the H5 adds to @szpm/core's formatting (formatCount, formatPercent, formatScore, formatArea,
 * formatMetric, formatDate, formatDateTime — one rounding rule, Asia/Shanghai dates): text
 * fallbacks and Vant's tag colours.
 */
import { EMPTY, statusTagType } from '@szpm/core'

/** a text, or — when it is empty */
export function orDash(value: string | null | undefined): string {
  return value && value.trim() ? value : EMPTY
}

export type VantTagType = 'primary' | 'success' | 'warning' | 'danger' | 'default'

/** the Vant tag of any module's status code (core's colour map; its neutral 'info' is Vant's 'default') */
export function statusTag(code: unknown): VantTagType {
  const type = statusTagType(String(code))
  return type === 'info' ? 'default' : type
}
