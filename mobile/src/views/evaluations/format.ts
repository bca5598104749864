import type { LocationQuery } from 'vue-router'
import type { EvaluationHalf, EvaluationPeriod, EvaluationTemplateItem } from '@szpm/api'
import { round } from '@szpm/core'
import { queryString } from '@/utils/query'

/** the period in the URL (?period=2026-2, as on PC); absent = the period the server picks */
export interface PeriodQuery {
  year?: number
  half?: EvaluationHalf
}

export function periodFromQuery(query: LocationQuery): PeriodQuery {
  const match = /^(\d{4})-([12])$/.exec(queryString(query.period) ?? '')
  return match ? { year: Number(match[1]), half: Number(match[2]) as EvaluationHalf } : {}
}

/** "2026-2": a period in the URL and in a dropdown */
export function periodKey(period: { year?: number; half?: EvaluationHalf } | null | undefined): string {
  return period?.year && period.half ? `${period.year}-${period.half}` : ''
}

/** the ?period= part of a link; '' → none (the server's default) */
export function periodKeyToQuery(key: string): { period?: string } {
  return { period: /^\d{4}-[12]$/.test(key) ? key : undefined }
}

export function halfName(half: EvaluationHalf): string {
  return half === 1 ? '上半年' : '下半年'
}

/** 2026-12-01 ~ 2026-12-30 */
export function periodWindow(period: EvaluationPeriod): string {
  return `${period.opensOn} ~ ${period.closesOn}`
}

/** Σ score / maxScore × weight, two decimals (the 100-point total of a template) */
export function weightedTotal(items: EvaluationTemplateItem[], scores: Record<string, number | string | undefined>): number {
  let total = 0
  for (const item of items) {
    const raw = scores[item.key]
    // an item not scored yet ('' from an emptied stepper) adds nothing
    if (raw === undefined || raw === '') continue
    const score = Number(raw)
    if (!Number.isFinite(score) || item.maxScore <= 0) continue
    total += (score / item.maxScore) * item.weight
  }
  return round(total, 2)
}
