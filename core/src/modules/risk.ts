import { PLACE_COLUMNS } from './place_columns.ts'
import { defineModule, type StatisticsDeclaration } from './types.ts'

/** the metric keys of 风险预警统计 (warehouse/src/cubes/risk.ts defines exactly these) */
export type RiskMetric = 'scoredEstates' | 'redEstates' | 'orangeEstates' | 'yellowEstates' | 'greenEstates' | 'meanScore'

const levelMetric = (level: 'red' | 'orange' | 'yellow' | 'green', label: string) =>
  ({ label, unit: '个', format: 'count', aggregation: 'count', records: { level } }) as const

/**
 * 风险预警统计 per region (区 → 街道 → 社区 → 物业项目): each estate's latest daily score
 * (`estate_risk_daily`, one row per estate per day), estates by level and the mean score, with 穿透 to
 * the estates of a level (PostgreSQL `estate_risk_scores` of the latest run).
 */
export const riskStatistics: StatisticsDeclaration<RiskMetric> = {
  cube: 'risk',
  facts: [{ table: 'estate_risk_daily', topic: 'estate_risk' }],
  title: '物业项目风险预警统计',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'risk-estates',
  records: {
    list: 'risk_estates.index',
    export: 'risk_estates.export',
    title: '风险预警物业项目',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'day', label: '评分日期', format: 'date', width: 110 },
      { key: 'score', label: '风险分', format: 'score', width: 90 },
      { key: 'level', label: '预警等级', format: 'status', nameKey: 'levelName', width: 90 },
      { key: 'reasons', label: '主要风险', width: 360 },
    ],
    filters: [
      { key: 'q', label: '物业项目名称', kind: 'keyword' },
      { key: 'level', label: '预警等级', kind: 'select', options: [
        { value: 'red', label: '红' }, { value: 'orange', label: '橙' }, { value: 'yellow', label: '黄' }, { value: 'green', label: '绿' },
      ] },
    ],
  },
  metrics: {
    scoredEstates: { label: '已评分物业项目', unit: '个', format: 'count', aggregation: 'count', records: {} },
    redEstates: levelMetric('red', '红色预警'),
    orangeEstates: levelMetric('orange', '橙色预警'),
    yellowEstates: levelMetric('yellow', '黄色预警'),
    greenEstates: levelMetric('green', '绿色'),
    meanScore: { label: '平均风险分', unit: '分', format: 'score', aggregation: 'average' },
  },
  keyFigures: ['redEstates', 'orangeEstates', 'yellowEstates', 'meanScore'],
  charts: [
    { title: '预警等级分布', kind: 'donut', metrics: ['redEstates', 'orangeEstates', 'yellowEstates', 'greenEstates'] },
    { title: '各区域预警等级', kind: 'bar', stack: true, metrics: ['redEstates', 'orangeEstates', 'yellowEstates', 'greenEstates'] },
  ],
}

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
    { name: 'risk_stats.index', method: 'GET', path: 'stats/risk', access: 'risk.view', label: '物业项目风险预警统计', scoped: true, query: ['region_id'] },
    { name: 'risk_stats.export', method: 'GET', path: 'stats/risk/export', access: 'risk.export', label: '导出物业项目风险预警统计', scoped: true, query: ['region_id'] },
    { name: 'risk_estates.index', method: 'GET', path: 'risk/estates', access: 'risk.view', label: '风险预警物业项目列表', scoped: true, query: ['region_id', 'estate_id', 'level', 'q', 'page', 'per_page'] },
    { name: 'risk_estates.export', method: 'GET', path: 'risk/estates/export', access: 'risk.export', label: '导出风险预警物业项目', scoped: true, query: ['region_id', 'estate_id', 'level', 'q'] },
    { name: 'risk_settings.show', method: 'GET', path: 'risk/settings', access: 'risk.manage', label: '风险预警设置' },
    { name: 'risk_settings.update', method: 'PUT', path: 'risk/settings', access: 'risk.manage', label: '修改风险预警设置' },
  ],
  // a newly red estate's to-do for its street's handlers opens 风险预警物业项目 (the reminder opens the estate page)
  processes: [{ name: 'risk', label: '物业项目风险预警', todoPage: 'risk-estates' }],
  pages: [
    { name: 'risk', path: '/risk', title: '物业项目风险预警', feature: 'risk.view', apps: ['pc', 'h5'], menu: true },
    { name: 'risk-estates', path: '/risk/estates', title: '风险预警物业项目', feature: 'risk.view', apps: ['pc', 'h5'], menu: true },
    { name: 'risk-settings', path: '/risk/settings', title: '风险预警设置', feature: 'risk.manage', apps: ['pc'], menu: true },
  ],
  tile: { label: '风险预警', icon: 'warning-o', page: 'risk' },
  estateTab: { label: '风险预警', feature: 'risk.view' },
  statistics: riskStatistics,
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

/** a row of 风险预警物业项目 (the estates of the latest run; 穿透 and the estate tab) */
export interface RiskEstateRow {
  estateId: number
  estateName: string
  districtName: string
  streetName: string
  communityName: string
  day: string
  score: number
  level: RiskLevel
  levelName: string
  /** the signals that scored, with their points (e.g. 合同未备案（20分）) */
  reasons: string
  signals: (RiskSignalResult & { input: unknown })[]
}
