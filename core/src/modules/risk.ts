import { defineModule } from './types.ts'

/**
 * 物业项目风险预警 (issue 21 part 1): one score per estate per day (0–100) from declared, weighted
 * signals read from the other modules' records; levels 红 / 橙 / 黄 / 绿 by thresholds the city
 * administrator sets (`risk.manage`, audited). docs/risk.md.
 */
export const risk = defineModule({
  no: 0,
  name: '物业项目风险预警',
  slug: 'risk',
  status: 'live',
  group: 'statistics',
  features: { 'risk.view': '查看', 'risk.export': '导出', 'risk.manage': '预警设置' },
  routes: [
    { name: 'risk_settings.show', method: 'GET', path: 'risk/settings', access: 'risk.manage', label: '风险预警设置' },
    { name: 'risk_settings.update', method: 'PUT', path: 'risk/settings', access: 'risk.manage', label: '修改风险预警设置' },
  ],
})

/** risk levels, most severe first */
export const RISK_LEVELS = { red: '红', orange: '橙', yellow: '黄', green: '绿' } as const
export type RiskLevel = keyof typeof RISK_LEVELS

/** the signals' keys, in display order */
export const RISK_SIGNAL_KEYS = [
  'contract_filing', 'assembly_filing', 'common_fund_overdue', 'open_disputes', 'evaluation_score', 'credit_grade', 'staff_stale', 'inspections_unrectified',
] as const
export type RiskSignalKey = (typeof RISK_SIGNAL_KEYS)[number]

/** the input each signal reads for one estate; `null` = the input is absent (no source yet, or no record) */
export interface RiskInputs {
  /** 物业服务合同备案 as of today (effective status): filed / expired / missing (未备案) */
  contract_filing: { status: 'filed' | 'expired' | 'missing'; filingId: number | null } | null
  /** 业主大会备案 */
  assembly_filing: { filed: boolean; filingId: number | null } | null
  /** 公共收益账户 逾期未开户 (common_funds rules) */
  common_fund_overdue: { overdue: boolean } | null
  /** open disputes and the age (days since 受理) of the oldest */
  open_disputes: { open: number; oldestAgeDays: number | null; oldestId: number | null } | null
  /** the last finished 街道社区评价 score (0–100) */
  evaluation_score: { score: number; evaluationId: number } | null
  /** the managing 物业企业's credit score and grade (信用信息) */
  credit_grade: { score: number; grade: 'A' | 'B' | 'C' | 'D'; subjectId: number | null } | null
  /** days since the staff information was last confirmed (null days = never filled in) */
  staff_stale: { days: number | null } | null
  /** 安全检查 problems not rectified: absent until that module exists (docs/risk.md) */
  inspections_unrectified: { count: number } | null
}

/** a signal's setting (one row of `risk_signal_settings`) */
export interface RiskSignalSetting {
  weight: number
  threshold: number
  enabled: boolean
}

/** the levels' lower bounds (score ≥ red → 红, ≥ orange → 橙, ≥ yellow → 黄, else 绿) */
export interface RiskLevelThresholds {
  red: number
  orange: number
  yellow: number
}

export interface RiskSettings {
  signals: Record<RiskSignalKey, RiskSignalSetting>
  levels: RiskLevelThresholds
}

export interface RiskSignalDeclaration<K extends RiskSignalKey = RiskSignalKey> {
  readonly key: K
  readonly label: string
  /** what the threshold means, for the settings form */
  readonly thresholdLabel: string
  readonly thresholdUnit: string
  readonly defaults: RiskSignalSetting
  /** the points (0 … weight) of the signal for its input under its setting; an absent input scores 0 */
  readonly points: (input: NonNullable<RiskInputs[K]>, setting: RiskSignalSetting) => number
  /** one line saying why, for the estate tab */
  readonly describe: (input: NonNullable<RiskInputs[K]>) => string
}

const signal = <K extends RiskSignalKey>(declaration: RiskSignalDeclaration<K>) => declaration

/**
 * The declared signals. Each is a pure function of its input and its setting (weight, threshold):
 * weights sum to 100 by default, so a score is the share of risk an estate carries.
 */
export const RISK_SIGNALS: { readonly [K in RiskSignalKey]: RiskSignalDeclaration<K> } = {
  contract_filing: signal({
    key: 'contract_filing', label: '物业服务合同备案过期或未备案', thresholdLabel: '（不适用）', thresholdUnit: '',
    defaults: { weight: 20, threshold: 0, enabled: true },
    points: (input, { weight }) => (input.status === 'filed' ? 0 : weight),
    describe: (input) => ({ filed: '合同已备案', expired: '合同备案已过期', missing: '合同未备案' })[input.status],
  }),
  assembly_filing: signal({
    key: 'assembly_filing', label: '业主大会未备案', thresholdLabel: '（不适用）', thresholdUnit: '',
    defaults: { weight: 10, threshold: 0, enabled: true },
    points: (input, { weight }) => (input.filed ? 0 : weight),
    describe: (input) => (input.filed ? '业主大会已备案' : '业主大会未备案'),
  }),
  common_fund_overdue: signal({
    key: 'common_fund_overdue', label: '公共收益账户逾期未开户', thresholdLabel: '（不适用）', thresholdUnit: '',
    defaults: { weight: 15, threshold: 0, enabled: true },
    points: (input, { weight }) => (input.overdue ? weight : 0),
    describe: (input) => (input.overdue ? '公共收益账户逾期未开户' : '公共收益账户无逾期'),
  }),
  open_disputes: signal({
    key: 'open_disputes', label: '未办结纠纷', thresholdLabel: '最早未办结纠纷超过（天）记满分', thresholdUnit: '天',
    defaults: { weight: 15, threshold: 30, enabled: true },
    // any open dispute: half the weight; the oldest older than the threshold: the whole weight
    points: (input, { weight, threshold }) =>
      input.open <= 0 ? 0 : (input.oldestAgeDays ?? 0) > threshold ? weight : Math.round((weight / 2) * 10) / 10,
    describe: (input) => (input.open <= 0 ? '无未办结纠纷' : `未办结纠纷 ${input.open} 件，最早已 ${input.oldestAgeDays ?? 0} 天`),
  }),
  evaluation_score: signal({
    key: 'evaluation_score', label: '最近一次街道社区评价得分偏低', thresholdLabel: '得分低于', thresholdUnit: '分',
    defaults: { weight: 10, threshold: 60, enabled: true },
    points: (input, { weight, threshold }) => (input.score < threshold ? weight : 0),
    describe: (input) => `最近一次评价得分 ${input.score}`,
  }),
  credit_grade: signal({
    key: 'credit_grade', label: '物业企业信用等级偏低', thresholdLabel: '信用分低于', thresholdUnit: '分',
    defaults: { weight: 10, threshold: 70, enabled: true },
    points: (input, { weight, threshold }) => (input.score < threshold ? weight : 0),
    describe: (input) => `物业企业信用分 ${input.score}（${input.grade} 级）`,
  }),
  staff_stale: signal({
    key: 'staff_stale', label: '从业人员信息过期或未填报', thresholdLabel: '超过（天）未确认', thresholdUnit: '天',
    defaults: { weight: 10, threshold: 180, enabled: true },
    points: (input, { weight, threshold }) => (input.days === null || input.days > threshold ? weight : 0),
    describe: (input) => (input.days === null ? '从业人员信息未填报' : `从业人员信息 ${input.days} 天前确认`),
  }),
  inspections_unrectified: signal({
    key: 'inspections_unrectified', label: '安全检查问题未整改', thresholdLabel: '未整改问题达到（个）', thresholdUnit: '个',
    defaults: { weight: 10, threshold: 1, enabled: true },
    points: (input, { weight, threshold }) => (input.count >= Math.max(1, threshold) ? weight : 0),
    describe: (input) => `未整改问题 ${input.count} 个`,
  }),
}

export const RISK_DEFAULT_SETTINGS: RiskSettings = {
  signals: Object.fromEntries(RISK_SIGNAL_KEYS.map((key) => [key, { ...RISK_SIGNALS[key].defaults }])) as Record<RiskSignalKey, RiskSignalSetting>,
  levels: { red: 60, orange: 40, yellow: 20 },
}

export interface RiskSignalResult {
  key: RiskSignalKey
  label: string
  /** false when the input is absent (no source) */
  present: boolean
  enabled: boolean
  points: number
  description: string
}

export interface RiskScore {
  score: number
  level: RiskLevel
  signals: RiskSignalResult[]
}

export function riskLevelOf(score: number, levels: RiskLevelThresholds): RiskLevel {
  if (score >= levels.red) return 'red'
  if (score >= levels.orange) return 'orange'
  if (score >= levels.yellow) return 'yellow'
  return 'green'
}

/** the score of one estate: Σ enabled signals' points, capped to 0–100, and its level */
export function riskScore(inputs: RiskInputs, settings: RiskSettings = RISK_DEFAULT_SETTINGS): RiskScore {
  const signals = RISK_SIGNAL_KEYS.map((key): RiskSignalResult => {
    const declaration = RISK_SIGNALS[key] as RiskSignalDeclaration
    const setting = settings.signals[key]
    const input = inputs[key] as never
    const present = input !== null && input !== undefined
    const points = present && setting.enabled ? Math.max(0, Math.min(setting.weight, declaration.points(input, setting))) : 0
    return { key, label: declaration.label, present, enabled: setting.enabled, points, description: present ? declaration.describe(input) : '无数据' }
  })
  const total = signals.reduce((sum, signal) => sum + signal.points, 0)
  const score = Math.round(Math.max(0, Math.min(100, total)) * 10) / 10
  return { score, level: riskLevelOf(score, settings.levels), signals }
}

/** the wire shape of 风险预警设置 (GET / PUT risk/settings) */
export interface RiskSettingsView {
  signals: { key: RiskSignalKey; label: string; thresholdLabel: string; thresholdUnit: string; weight: number; threshold: number; enabled: boolean }[]
  levels: RiskLevelThresholds
}
