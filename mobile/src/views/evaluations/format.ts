import type { LocationQuery } from 'vue-router'
import type { EvaluationHalf, EvaluationPeriod, EvaluationState, EvaluationTemplateItem } from '@szpm/api'
import { queryString } from '@/utils/query'

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default'

export const STATE_NAMES: Record<EvaluationState, string> = {
  pending: '待评价',
  submitted: '待审核',
  reviewed: '已审核',
  auto_scored: '自动计分',
}

export const STATE_TAGS: Record<EvaluationState, TagType> = {
  pending: 'default',
  submitted: 'warning',
  reviewed: 'success',
  auto_scored: 'primary',
}

export function stateTag(state: EvaluationState): TagType {
  return STATE_TAGS[state] ?? 'default'
}

export function isEvaluationState(value: string | undefined): value is EvaluationState {
  return value !== undefined && Object.hasOwn(STATE_NAMES, value)
}

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

/** 87.5 → "87.5", 80 → "80", null → "—" */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || Number.isNaN(score)) return '—'
  return String(Math.round(score * 100) / 100)
}

const SHENZHEN_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** any ISO time → "YYYY-MM-DD HH:mm" in Shenzhen time, whatever the phone's time zone */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? '—' : SHENZHEN_TIME.format(date).replace('T', ' ')
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
  return Math.round(total * 100) / 100
}
