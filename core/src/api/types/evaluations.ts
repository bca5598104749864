/** Wire types of 街道社区评价 (module 13). */
import type { RegionLevel, RegionRef } from './common.ts'
import type { WorkflowHistoryEntry } from './todos.ts'

export type EvaluationHalf = 1 | 2
/** pending 待评价 · submitted 待审核 · reviewed 已审核 · auto_scored 自动计分 (100, review not completed in the window) */
export type EvaluationState = 'pending' | 'submitted' | 'reviewed' | 'auto_scored'

export interface EvaluationTemplateItem {
  /** stable key, [a-z0-9_] */
  key: string
  name: string
  description: string
  /** the highest score an item can get */
  maxScore: number
  /** share of the 100-point total; the weights of a template sum to 100 */
  weight: number
}

export type EvaluationTemplateStatus = 'draft' | 'active' | 'retired'

export interface EvaluationTemplate {
  id: number
  name: string
  status: EvaluationTemplateStatus
  statusName: string
  items: EvaluationTemplateItem[]
  version: number
  /** evaluations that use it (a used template can no longer be edited) */
  usedBy: number
  createdAt: string
  updatedAt: string
  activatedAt: string | null
}

export interface EvaluationTemplateInput {
  name: string
  items: EvaluationTemplateItem[]
}

/** A half-year evaluation window. Dates are YYYY-MM-DD, inclusive, Asia/Shanghai. */
export interface EvaluationPeriod {
  year: number
  half: EvaluationHalf
  /** 2026年上半年 */
  label: string
  opensOn: string
  closesOn: string
  /** today is inside the window (submission and review allowed) */
  isOpen: boolean
  /** the window has ended (unreviewed estates score 100) */
  isClosed: boolean
  /** the close job has auto-scored this period */
  finalised: boolean
}

export interface EvaluationPeriodsMeta {
  /** today in Asia/Shanghai (from the server clock) */
  today: string
  /** the period whose window contains today, else null */
  current: EvaluationPeriod | null
  /** the period the pages should show by default: the current one, else the latest that has started */
  default: EvaluationPeriod
}

export interface EvaluationMetrics {
  /** 物业项目数 */
  estates: number
  /** 已评价 (submitted + reviewed + auto-scored after a submission) — i.e. community staff have scored it */
  evaluated: number
  /** 待评价 */
  pending: number
  /** 待审核 */
  submitted: number
  /** 已审核 */
  reviewed: number
  /** 自动计分 (100) — includes, once the window has closed, the ones the job has not scored yet */
  autoScored: number
  /** mean effective score of the estates whose score is known, null when none is */
  averageScore: number | null
  /** distribution of effective scores */
  below60: number
  from60to69: number
  from70to79: number
  from80to89: number
  from90to100: number
}

export interface EvaluationStatsRow extends EvaluationMetrics {
  /** region id, or estate id when level === 'estate' */
  id: number
  level: RegionLevel
  name: string
}

export interface EvaluationStatsMeta {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: EvaluationMetrics
  period: EvaluationPeriod
  freshAt: string | null
}

/** One estate's evaluation for a half-year (the 评价 list, the 待审核 list). */
export interface EvaluationRow {
  id: number
  estateId: number
  estateName: string
  communityId: number
  communityName: string
  streetName: string
  year: number
  half: EvaluationHalf
  state: EvaluationState
  /** 待评价 / 待审核 / 已审核 / 自动计分 */
  stateName: string
  submittedScore: number | null
  submittedByName: string | null
  submittedAt: string | null
  /** the score that takes effect: reviewed score, 100 when auto-scored or when the window closed unreviewed, else null */
  effectiveScore: number | null
  reviewedByName: string | null
  reviewedAt: string | null
  /** mean of the two halves of `year` when both are known, else null */
  annualScore: number | null
  version: number
}

/** a list filter: a state, or 'evaluated' = community staff have submitted scores (whatever happened next) */
export type EvaluationListFilter = EvaluationState | 'evaluated'

export interface EvaluationQuery {
  region_id?: number
  /** one estate (the estate page's tab; its export is named after the estate) */
  estate_id?: number
  year?: number
  half?: EvaluationHalf
  state?: EvaluationListFilter
  q?: string
  page?: number
  per_page?: number
}

export interface EvaluationDetail extends EvaluationRow {
  period: EvaluationPeriod
  template: { id: number; name: string; items: EvaluationTemplateItem[] }
  /** { [itemKey]: score } */
  submittedScores: Record<string, number> | null
  submitRemark: string | null
  reviewedScores: Record<string, number> | null
  reviewOpinion: string | null
  /** the other half of the same year, for the annual score */
  otherHalf: { half: EvaluationHalf; state: EvaluationState; stateName: string; effectiveScore: number | null } | null
  /** what the signed-in user may do now, and why not */
  can: { submit: boolean; review: boolean }
  /** reason shown when the action is not available (e.g. 不在评价时间内) */
  reason: string | null
  /** 审核信息 */
  history: WorkflowHistoryEntry[]
}

export interface EvaluationScoreInput {
  version: number
  /** { [itemKey]: score }: every item of the template, 0..maxScore, at most one decimal */
  scores: Record<string, number>
}

export interface EvaluationSubmitInput extends EvaluationScoreInput {
  remark?: string
}

export interface EvaluationReviewInput extends EvaluationScoreInput {
  /** 审核意见, required */
  opinion: string
}

export interface EvaluationStatsQuery {
  region_id?: number
  year?: number
  half?: EvaluationHalf
}
