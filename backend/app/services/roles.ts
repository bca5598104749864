/**
 * Roles (product spec §1) and the feature catalogue (功能权限) of every module of §3.
 *
 * Two gates decide what a user may do: the data scope (region_scope.ts) and the features. A feature
 * is `<module>.<action>` (view / handle / export / remind / manage …). Preset roles (city_admin,
 * district_admin, street_head) hold their role's defaults; the accounts a street head creates
 * (handlers, party secretaries, community staff) hold exactly what was granted to them
 * (`user_features`), which is never more than the granter's own features nor the role's maximum.
 */
import type User from '#models/user'

export const ROLES = {
  city_admin: { name: '市住建局管理员', scope: 'city' },
  district_admin: { name: '区局负责人', scope: 'district' },
  street_head: { name: '街道办负责人', scope: 'street' },
  street_handler: { name: '街道办经办人', scope: 'street' },
  party_secretary: { name: '党支部书记', scope: 'street' },
  community_head: { name: '社区负责人', scope: 'community' },
  community_handler: { name: '社区经办人', scope: 'community' },
} as const

export type RoleCode = keyof typeof ROLES

/**
 * The catalogue, grouped by module (numbers follow the manual; 0 = platform-wide). Labels are the
 * action only; `FEATURES[code]` is `模块 · 动作`.
 */
export const FEATURE_MODULES = [
  { no: 1, name: '微信端身份认证', features: { 'identity.view': '查看绑定情况' } },
  { no: 2, name: 'PC 登录', features: { 'sessions.view': '查看登录记录' } },
  { no: 3, name: '权限管理', features: { 'users.view': '账号查询与用户统计', 'users.manage': '新增账号与账号赋权' } },
  { no: 4, name: '待办事项', features: { 'todos.view': '查看', 'todos.handle': '办理' } },
  { no: 5, name: '项目管理', features: { 'projects.view': '查看', 'projects.export': '导出' } },
  { no: 6, name: '备案情况', features: { 'filings.view': '查看', 'filings.export': '导出', 'filings.manage': '登记与变更' } },
  { no: 7, name: '信用信息', features: { 'credit.view': '查看', 'credit.export': '导出', 'credit.manage': '录入与维护' } },
  { no: 8, name: '业主决策情况', features: { 'decisions.view': '查看', 'decisions.export': '导出' } },
  { no: 9, name: '从业人员信息', features: { 'staff.view': '查看', 'staff.export': '导出', 'staff.remind': '提醒更新' } },
  { no: 10, name: '车位信息', features: { 'parking.view': '查看', 'parking.export': '导出', 'parking.remind': '提醒更新' } },
  { no: 11, name: '宣传培训', features: { 'training.view': '查看', 'training.export': '导出', 'training.manage': '课程维护' } },
  { no: 12, name: '平安建设', features: { 'safety.view': '查看', 'safety.export': '导出', 'safety.handle': '考核办理' } },
  { no: 13, name: '街道社区评价', features: { 'evaluations.view': '查看', 'evaluations.handle': '评分与审核', 'evaluations.export': '导出', 'evaluations.manage': '评分模板管理' } },
  { no: 14, name: '小区气象公告栏', features: { 'weather.view': '查看' } },
  { no: 15, name: '安全检查', features: { 'inspections.view': '查看统计', 'inspections.export': '导出', 'inspections.remind': '催办', 'inspections.manage': '发布任务' } },
  { no: 16, name: '信息公开', features: { 'disclosures.view': '查询', 'disclosures.manage': '发布、作废与删除' } },
  { no: 17, name: '电子投票', features: { 'voting.view': '查看', 'voting.manage': '会议与议题管理' } },
  { no: 18, name: '共有资金情况', features: { 'common_funds.view': '查看', 'common_funds.export': '导出' } },
  { no: 19, name: '通知发布', features: { 'notices.view': '查看', 'notices.manage': '发布', 'notices.remind': '催办' } },
  { no: 20, name: '物业区域管理', features: { 'areas.view': '查看', 'areas.export': '导出', 'areas.manage': '设施设备维护与导入' } },
  { no: 21, name: '招标投标管理', features: { 'tenders.view': '查看与统计', 'tenders.handle': '初审', 'tenders.approve': '终审', 'tenders.export': '导出' } },
  { no: 22, name: '纠纷化解台账', features: { 'disputes.view': '查看', 'disputes.handle': '处理与申请办结', 'disputes.export': '导出', 'disputes.manage': '录入与转办' } },
  { no: 23, name: '居代业管理', features: { 'proxy_governance.view': '查看', 'proxy_governance.handle': '发起与办理' } },
  { no: 24, name: '党建园地', features: { 'party_building.view': '查看', 'party_building.export': '导出' } },
  { no: 0, name: '审计日志', features: { 'audit.view': '查询' } },
  { no: 0, name: '个人信息', features: { 'personal_data.unmask': '查看完整号码（留痕）' } },
  { no: 0, name: '节假日日历', features: { 'calendar.manage': '查看与维护' } },
] as const

type FeaturesOfModule<M> = M extends { features: infer F } ? keyof F & string : never
export type FeatureCode = FeaturesOfModule<(typeof FEATURE_MODULES)[number]>

/** every feature code → `模块 · 动作` */
export const FEATURES = Object.fromEntries(
  FEATURE_MODULES.flatMap((module) =>
    Object.entries(module.features).map(([code, action]) => [code, `${module.name} · ${action}`])
  )
) as Record<FeatureCode, string>

export const FEATURE_CODES = Object.keys(FEATURES) as FeatureCode[]

export function isFeatureCode(value: string): value is FeatureCode {
  return Object.hasOwn(FEATURES, value)
}

const ALL = FEATURE_CODES
const byAction = (...actions: string[]) => ALL.filter((code) => actions.includes(code.split('.')[1]))
const without = (list: readonly FeatureCode[], ...drop: string[]) =>
  list.filter((code) => !drop.some((d) => (d.endsWith('.') ? code.startsWith(d) : code === d)))

/** what a street head holds: everything of a street office except the city's tools */
const STREET_HEAD = without(ALL, 'audit.view', 'personal_data.unmask', 'inspections.manage', 'disputes.manage', 'evaluations.manage', 'calendar.manage')

/**
 * Role defaults: preset roles hold exactly these; granted roles get them when a head creates the
 * account (the head may then add or remove features within ROLE_MAX).
 */
const ROLE_FEATURES: Record<RoleCode, FeatureCode[]> = {
  // filings are registered by the street office that holds the contract, not by the bureaus above it
  city_admin: without(ALL, 'personal_data.unmask', 'tenders.handle', 'tenders.approve', 'evaluations.handle', 'filings.manage'),
  district_admin: without(ALL, 'audit.view', 'personal_data.unmask', 'tenders.handle', 'tenders.approve', 'evaluations.handle', 'filings.manage', 'evaluations.manage', 'calendar.manage'),
  street_head: STREET_HEAD,
  street_handler: ['todos.view', 'todos.handle', 'filings.view', 'filings.export', 'filings.manage', 'projects.view', 'projects.export',
    'evaluations.view', 'evaluations.handle', 'evaluations.export'],
  party_secretary: ['todos.view', 'filings.view', 'projects.view', 'evaluations.view'],
  community_head: ['todos.view', 'todos.handle', 'filings.view', 'filings.export', 'projects.view', 'projects.export',
    'evaluations.view', 'evaluations.handle', 'evaluations.export'],
  community_handler: ['todos.view', 'todos.handle', 'filings.view', 'projects.view', 'evaluations.view', 'evaluations.handle'],
}

/** What an account of a granted role may hold at most (a head may grant within this). */
const GRANTED_MAX = without(STREET_HEAD, 'users.', 'tenders.approve')
const ROLE_MAX: Record<RoleCode, FeatureCode[]> = {
  city_admin: ROLE_FEATURES.city_admin,
  district_admin: ROLE_FEATURES.district_admin,
  street_head: ROLE_FEATURES.street_head,
  street_handler: GRANTED_MAX,
  party_secretary: [...byAction('view').filter((code) => GRANTED_MAX.includes(code)), 'party_building.export'],
  community_head: GRANTED_MAX,
  community_handler: GRANTED_MAX,
}

/** Roles whose features are granted per account (the rest hold their role defaults). */
export const GRANTED_ROLES: readonly RoleCode[] = ['street_handler', 'party_secretary', 'community_head', 'community_handler']

export function isGrantedRole(role: RoleCode) {
  return GRANTED_ROLES.includes(role)
}

/** Role defaults: what a preset role holds and what a newly created account of the role gets. */
export function featuresOf(role: RoleCode): FeatureCode[] {
  return ROLE_FEATURES[role] ?? []
}

/** The most an account of `role` may hold. */
export function maxFeaturesOf(role: RoleCode): FeatureCode[] {
  return ROLE_MAX[role] ?? []
}

/**
 * Who presets whom (spec §1): city admin → district heads, district admin → street heads, street
 * head → handlers, party secretaries and community staff.
 */
export const CREATABLE_ROLES: Record<RoleCode, RoleCode[]> = {
  city_admin: ['district_admin'],
  district_admin: ['street_head'],
  street_head: ['street_handler', 'party_secretary', 'community_head', 'community_handler'],
  street_handler: [],
  party_secretary: [],
  community_head: [],
  community_handler: [],
}

/** Region level an account of `role` sits at. */
export const ROLE_REGION_LEVEL: Record<RoleCode, 'city' | 'district' | 'street' | 'community'> = {
  city_admin: 'city',
  district_admin: 'district',
  street_head: 'street',
  street_handler: 'street',
  party_secretary: 'street',
  community_head: 'community',
  community_handler: 'community',
}

/** Rank in the hierarchy: a user sees the accounts of lower rank inside their region. */
export const ROLE_RANK: Record<RoleCode, number> = {
  city_admin: 0,
  district_admin: 1,
  street_head: 2,
  street_handler: 3,
  party_secretary: 3,
  community_head: 3,
  community_handler: 4,
}

/**
 * A user's effective features: the role defaults for preset roles, the granted set (loaded with
 * the user, see User's afterFind hook) for granted roles.
 */
export function userFeatures(user: Pick<User, 'role' | 'grantedFeatures'>): FeatureCode[] {
  if (!isGrantedRole(user.role)) return featuresOf(user.role)
  // not loaded (e.g. a model built in memory): fall back to the role's defaults
  if (user.grantedFeatures === undefined) return featuresOf(user.role)
  const granted = new Set(user.grantedFeatures)
  // catalogue order; unknown codes (a feature dropped from the catalogue) are ignored
  return FEATURE_CODES.filter((code) => granted.has(code))
}
