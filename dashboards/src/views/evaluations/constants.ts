import type { EvaluationListFilter, EvaluationPeriod, EvaluationTemplateItem } from '@szpm/api'
import { round, type TagType } from '@szpm/core'
import { session } from '@/stores/session'

export const STATE_OPTIONS: { value: EvaluationListFilter; label: string }[] = [
  { value: 'evaluated', label: '已评价（社区已评分）' },
  { value: 'pending', label: '待评价' },
  { value: 'submitted', label: '待审核' },
  { value: 'reviewed', label: '已审核' },
  { value: 'auto_scored', label: '自动计分' },
]

export function stateTagType(state: string): TagType {
  if (state === 'reviewed') return 'success'
  if (state === 'submitted') return 'warning'
  if (state === 'auto_scored') return 'primary'
  if (state === 'pending') return 'danger'
  return 'info'
}

/** scoring is done by community staff, review by the street office (the server decides again) */
const SCORING_ROLES = ['community_handler', 'community_head']
const REVIEW_ROLES = ['street_handler']
const HANDLE_FEATURE = 'evaluations.handle'

export function canScore(): boolean {
  return session.can(HANDLE_FEATURE) && SCORING_ROLES.includes(session.user?.role ?? '')
}

export function canReview(): boolean {
  return session.can(HANDLE_FEATURE) && REVIEW_ROLES.includes(session.user?.role ?? '')
}

/** "2026-1" ⇄ { year, half }: one select value per half-year */
export function periodKey(period: { year: number; half: number }): string {
  return `${period.year}-${period.half}`
}

export function parsePeriodKey(value: unknown): { year: number; half: 1 | 2 } | undefined {
  const text = Array.isArray(value) ? value[0] : value
  const match = typeof text === 'string' ? /^(\d{4})-([12])$/.exec(text) : null
  return match ? { year: Number(match[1]), half: Number(match[2]) as 1 | 2 } : undefined
}

/** 6月1日至6月30日 */
export function windowText(period: Pick<EvaluationPeriod, 'opensOn' | 'closesOn'>): string {
  const day = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
  return `${period.opensOn.slice(0, 4)}年${day(period.opensOn)}至${day(period.closesOn)}`
}

export function periodStatus(period: EvaluationPeriod): { label: string; type: TagType } {
  if (period.isOpen) return { label: '评价进行中', type: 'success' }
  if (period.isClosed) return { label: '评价已结束', type: 'info' }
  return { label: '评价未开始', type: 'warning' }
}

export { formatScore } from '@szpm/core'

/**
 * The weighted total of a set of item scores: Σ score / maxScore × weight, 2 decimals.
 * null while any item has no score yet.
 */
export function weightedTotal(items: EvaluationTemplateItem[], scores: Record<string, number | null | undefined> | null): number | null {
  if (!scores || !items.length) return null
  let total = 0
  for (const item of items) {
    const score = scores[item.key]
    if (score === null || score === undefined || Number.isNaN(score)) return null
    total += item.maxScore > 0 ? (score / item.maxScore) * item.weight : 0
  }
  return round(total, 2)
}
