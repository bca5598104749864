/**
 * Wire types of the HTTP API, shared by the backend transformers and both front ends.
 * A change here breaks the build of whichever side disagrees.
 */

export type RegionLevel = 'city' | 'district' | 'street' | 'community' | 'estate'

export interface RegionRef {
  id: number
  level: RegionLevel
  name: string
}

export interface CurrentUser {
  id: number
  name: string
  /** masked, e.g. 138****1234 */
  phone: string
  role: string
  roleName: string
  region: RegionRef & { path: RegionRef[] }
  features: string[]
}

export type FilingKind = 'contract' | 'assembly'
/** filed / expired are stored states; not_filed means the estate has no live record of that kind */
export type FilingStatus = 'filed' | 'expired' | 'not_filed'

export interface FilingMetrics {
  estates: number
  contractFiled: number
  contractExpired: number
  contractNotFiled: number
  /** 0..1, contractFiled / estates */
  contractRate: number
  assemblyFiled: number
  assemblyNotFiled: number
  assemblyRate: number
}

export interface FilingStatsRow extends FilingMetrics {
  /** region id, or estate id when level === 'estate' */
  id: number
  level: RegionLevel
  name: string
}

export interface FilingStatsMeta {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: FilingMetrics
  /** ISO time of the newest change the warehouse has applied, or null */
  freshAt: string | null
}

export interface EstateFilingRow {
  estateId: number
  estateName: string
  communityName: string
  streetName: string
  districtName: string
  contractStatus: FilingStatus
  contractStatusName: string
  contractDocumentNo: string | null
  contractFiledOn: string | null
  contractExpiresOn: string | null
  assemblyStatus: FilingStatus
  assemblyStatusName: string
  assemblyDocumentNo: string | null
  assemblyFiledOn: string | null
}

export interface FilingHistoryEntry {
  action: 'create' | 'expire' | 'renew' | 'withdraw'
  actionName: string
  fromStatus: string | null
  toStatus: string
  actorName: string
  remark: string | null
  at: string
}

export interface FilingRecord {
  id: number
  estateId: number
  kind: FilingKind
  kindName: string
  status: 'filed' | 'expired' | 'withdrawn'
  statusName: string
  documentNo: string
  filedOn: string
  expiresOn: string | null
  version: number
  history: FilingHistoryEntry[]
}

export interface EstateDetail {
  id: number
  name: string
  address: string
  type: string
  communityName: string
  streetName: string
  districtName: string
  buildingArea: number
  houseCount: number
  householdCount: number
  companyName: string
  managerName: string
  /** 项目经理电话, masked (138****1234) unless the user holds personal_data.unmask */
  managerPhone: string
  hasCommittee: boolean
}

export interface PageMeta {
  total: number
  page: number
  perPage: number
}

export interface ApiErrorBody {
  errors: { message: string; field?: string; rule?: string }[]
}

/** 项目管理 (module 5): estate profile numbers per region. */
export interface ProjectMetrics {
  estates: number
  residentialEstates: number
  commercialEstates: number
  officeEstates: number
  mixedEstates: number
  houses: number
  households: number
  /** m² */
  buildingArea: number
  /** distinct property service companies */
  companies: number
  withCommittee: number
  withoutCommittee: number
}

export interface ProjectStatsRow extends ProjectMetrics {
  /** region id, or estate id when level === 'estate' */
  id: number
  level: RegionLevel
  name: string
}

export interface ProjectStatsMeta {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: ProjectMetrics
  freshAt: string | null
}

/** One row of the scrolling estate list (物业项目基本信息). */
export interface EstateListRow {
  id: number
  name: string
  type: string
  address: string
  districtName: string
  streetName: string
  communityName: string
  buildingArea: number
  houseCount: number
  householdCount: number
  companyName: string
  managerName: string
  hasCommittee: boolean
}

/** 审计日志: one audit row (who, when, from where, what, outcome). */
export type AuditAction = 'login' | 'login_failed' | 'logout' | 'access_denied' | 'export' | 'write' | 'grant_change' | 'unmask'
export type AuditOutcome = 'success' | 'failure' | 'denied'

export interface AuditLogRow {
  id: number
  /** ISO time */
  at: string
  userId: number | null
  userName: string
  role: string
  roleName: string
  regionId: number | null
  ip: string
  userAgent: string
  requestId: string
  action: AuditAction
  actionName: string
  route: string
  method: string
  path: string
  target: string
  outcome: AuditOutcome
  outcomeName: string
  status: number | null
  /** whitelisted summary: route params, query keys, body keys, masked phone for logins */
  detail: Record<string, unknown>
}

/** 权限管理 (module 3): an account the current user manages. */
export interface ManagedAccount {
  id: number
  name: string
  /** masked */
  phone: string
  role: string
  roleName: string
  region: RegionRef
  status: 'active' | 'disabled' | 'deregistered'
  statusName: string
  features: string[]
  wechatBound: boolean
  /** may the current user change this account's features (账号赋权) */
  grantable: boolean
  createdAt: string | null
  lastLoginAt: string | null
}

/** The feature catalogue, grouped by module. */
export interface FeatureGroup {
  no: number
  module: string
  features: { code: string; label: string }[]
}

/** What the current user may choose when presetting an account (新增). */
export interface AccountOptions {
  roles: { code: string; name: string; regionLevel: 'city' | 'district' | 'street' | 'community'; defaultFeatures: string[] }[]
  /** regions the new account may belong to (inside the user's scope) */
  regions: RegionRef[]
  /** the catalogue limited to the user's own features */
  features: FeatureGroup[]
}

export type UserStatCategory = 'project_managers' | 'committee_directors' | 'communities' | 'streets'
export type UserStatMetric = 'units' | 'unopened' | 'accounts'

/** 用户统计: one role category. */
export interface UserStatsRow {
  category: UserStatCategory
  name: string
  units: number
  unopened: number
  accounts: number
}

/** One row behind a 用户统计 number: an estate, a region or an account. */
export interface UserStatsItem {
  kind: 'estate' | 'region' | 'account'
  id: number
  name: string
  /** community (estates), parent region (regions) or the account's region */
  regionName: string
  /** estates: 项目经理 or 业委会主任; accounts: masked phone */
  contact: string | null
  roleName: string | null
  statusName: string | null
}

export interface UserStatsListMeta extends PageMeta {
  category: UserStatCategory
  categoryName: string
  metric: UserStatMetric
  metricName: string
}

/** An SMS code was sent (PC login step 1, H5 identity binding). */
export interface CodeSent {
  sent: true
  /** seconds until another code may be requested */
  resendIn: number
  /** seconds the code stays valid */
  expiresIn: number
}

// ───────────────────────── workflow core · 待办事项 (module 4) ─────────────────────────

/** processes that put work in the inbox; each has a handling page in both apps */
export type WorkflowProcess = 'evaluation'

/** One entry of the immutable history of a workflow subject (审核信息 / 办理记录). */
export interface WorkflowHistoryEntry {
  id: number
  action: string
  /** 提交审核 / 审核通过 / 自动计分 … */
  actionName: string
  fromState: string | null
  fromStateName: string | null
  toState: string
  toStateName: string
  /** null = the system (a scheduled job); id is null for a person without an account (imported history) */
  actor: { id: number | null; name: string; role: string | null; roleName: string | null } | null
  remark: string | null
  data: Record<string, unknown>
  /** ISO time */
  at: string
}

export type TodoTab = 'pending' | 'done'

export interface TodoRow {
  id: number
  process: WorkflowProcess
  /** 街道社区评价 */
  processName: string
  /** id of the subject (e.g. the evaluation) — the handling / detail page opens it */
  subjectId: number
  /** the state it waits in, e.g. submitted */
  step: string
  /** 待审核 */
  stepName: string
  title: string
  summary: string | null
  regionName: string
  /** YYYY-MM-DD or null */
  dueOn: string | null
  /** working days left until dueOn (0 = due today, negative = overdue); null when there is no due date or the calendar has no data for that year */
  workingDaysLeft: number | null
  /** ISO time the work arrived */
  createdAt: string
  /** 已办 only */
  closedAt: string | null
  closedByName: string | null
  /** done / expired */
  outcome: string | null
  outcomeName: string | null
}

export interface TodoCounts {
  /** 待办 badge */
  pending: number
  done: number
  /** pending per process, e.g. { evaluation: 3 } */
  byProcess: Partial<Record<WorkflowProcess, number>>
}

export interface TodoQuery {
  tab?: TodoTab
  process?: WorkflowProcess
  q?: string
  page?: number
  per_page?: number
}

// ───────────────────────── 街道社区评价 (module 13) ─────────────────────────

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

// ───────────────────────── 节假日日历 (working days) ─────────────────────────

/** holiday = statutory day off (incl. weekend days inside a holiday); workday = make-up workday (调休) on a weekend */
export type CalendarDayKind = 'holiday' | 'workday'

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  kind: CalendarDayKind
  kindName: string
  /** 春节 / 国庆节 … */
  name: string
}

export interface CalendarYear {
  year: number
  /** the year's official arrangement has been entered: working-day arithmetic is allowed */
  published: boolean
  holidays: number
  workdays: number
  /** chinese-days / 手工录入 */
  source: string
  updatedAt: string
}
