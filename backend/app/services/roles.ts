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
import { FEATURE_CATALOGUE } from '@szpm/core'

export const ROLES = {
  city_admin: { name: '市住建局管理员', scope: 'city' },
  district_admin: { name: '区局负责人', scope: 'district' },
  street_head: { name: '街道办负责人', scope: 'street' },
  street_handler: { name: '街道办经办人', scope: 'street' },
  party_secretary: { name: '党支部书记', scope: 'street' },
  community_head: { name: '社区负责人', scope: 'community' },
  community_handler: { name: '社区经办人', scope: 'community' },
  // estate-side accounts: their scope is the estates bound to them in `user_estates`, not a region
  project_manager: { name: '项目经理', scope: 'estates' },
  committee_director: { name: '业委会主任', scope: 'estates' },
  owner: { name: '业主', scope: 'estates' },
} as const

export type RoleCode = keyof typeof ROLES

/**
 * The catalogue is the features every module declares (core/src/modules): `FEATURES[code]` is
 * `模块 · 动作`, in manual order.
 */
export const FEATURES: Readonly<Record<string, string>> = FEATURE_CATALOGUE

/** a feature code of the catalogue (`filings.view`); checked at boot for role defaults and routes */
export type FeatureCode = string

export const FEATURE_CODES = Object.keys(FEATURES) as FeatureCode[]

export function isFeatureCode(value: string): value is FeatureCode {
  return Object.hasOwn(FEATURES, value)
}

/**
 * Features only estate-side accounts hold (their own estates' page): never part of a government
 * role's defaults or grantable maximum.
 */
export const ESTATE_SIDE_FEATURES: readonly FeatureCode[] = ['estates.own', 'voting.vote']

const ALL = FEATURE_CODES.filter((code) => !ESTATE_SIDE_FEATURES.includes(code))
const byAction = (...actions: string[]) => ALL.filter((code) => actions.includes(code.split('.')[1]))
const without = (list: readonly FeatureCode[], ...drop: string[]) =>
  list.filter((code) => !drop.some((d) => (d.endsWith('.') ? code.startsWith(d) : code === d)))

/** what a street head holds: everything of a street office except the city's tools */
// courses (宣传培训) are kept by the city and district administrators
const STREET_HEAD = without(ALL, 'audit.view', 'personal_data.unmask', 'inspections.manage', 'disputes.manage', 'evaluations.manage', 'calendar.manage', 'training.manage',
  // 平安建设's assessment items are configured by the city administrator
  'safety.manage',
  // 信用信息's records are entered by the city and district bureaus; streets read
  'credit.manage',
  // 物业项目风险预警's settings are the city administrator's
  'risk.manage')

/**
 * Role defaults: preset roles hold exactly these; granted roles get them when a head creates the
 * account (the head may then add or remove features within ROLE_MAX).
 */
const ROLE_FEATURES: Record<RoleCode, FeatureCode[]> = {
  // filings are registered by the street office that holds the contract, not by the bureaus above it
  // notices are published and urged by the street that sends them (通知发布), not by the bureaus above it
  // 平安建设's assessments are handled by the communities and streets; the city configures the items
  city_admin: without(ALL, 'personal_data.unmask', 'tenders.handle', 'tenders.approve', 'evaluations.handle', 'filings.manage', 'notices.manage', 'notices.remind', 'safety.handle'),
  district_admin: without(ALL, 'audit.view', 'personal_data.unmask', 'tenders.handle', 'tenders.approve', 'evaluations.handle', 'filings.manage', 'evaluations.manage', 'calendar.manage',
    'notices.manage', 'notices.remind', 'safety.handle', 'safety.manage',
    'risk.manage'),
  street_head: STREET_HEAD,
  street_handler: ['todos.view', 'todos.handle', 'filings.view', 'filings.export', 'filings.manage', 'projects.view', 'projects.export',
    'evaluations.view', 'evaluations.handle', 'evaluations.export', 'notices.view', 'notices.manage', 'notices.remind', 'notices.export',
    'staff.view', 'staff.export', 'staff.remind',
    // the record-grain statistics a street reads and urges (not manage: courses and enforcement are kept above / by the head)
    'parking.view', 'parking.export', 'parking.remind', 'common_funds.view', 'common_funds.export', 'training.view', 'training.export', 'safety.view', 'safety.handle', 'safety.export',
    // 纠纷化解台账: the street handles the disputes the bureaus transfer to it
    'disputes.view', 'disputes.handle', 'disputes.export',
    // 物业区域管理: the street keeps its estates' 设施设备 (and imports them)
    'areas.view', 'areas.export', 'areas.manage',
    // 招标文件备案: the handler does 初审 (终审 is the head's)
    'tenders.view', 'tenders.handle', 'tenders.export',
    // 信息公开 and 居代业 are published and handled by the street office
    'disclosures.view', 'disclosures.manage', 'proxy_governance.view', 'proxy_governance.handle',
    // what the street reads of its estates: owners' decisions and meetings, credit, weather (its users get the warnings)
    'decisions.view', 'decisions.export', 'voting.view', 'credit.view', 'credit.export', 'weather.view',
    // 安全检查: the street reads, exports and urges the bureaus' tasks (publishing is the city's and districts')
    'inspections.view', 'inspections.export', 'inspections.remind',
    // 物业项目风险预警: the street reads its estates' risk (the settings are the city's)
    'risk.view', 'risk.export'],
  // 党支部书记: party building (党建园地) is their own module
  party_secretary: ['todos.view', 'filings.view', 'projects.view', 'evaluations.view', 'party_building.view', 'party_building.export'],
  community_head: ['todos.view', 'todos.handle', 'filings.view', 'filings.export', 'projects.view', 'projects.export',
    'evaluations.view', 'evaluations.handle', 'evaluations.export', 'safety.view', 'safety.handle', 'safety.export',
    'staff.view', 'staff.export', 'parking.view', 'parking.export', 'common_funds.view', 'common_funds.export', 'training.view', 'training.export', 'areas.view', 'areas.export', 'disclosures.view', 'proxy_governance.view', 'weather.view'],
  community_handler: ['todos.view', 'todos.handle', 'filings.view', 'projects.view', 'evaluations.view', 'evaluations.handle', 'safety.view', 'safety.handle',
    'staff.view', 'parking.view', 'common_funds.view', 'training.view', 'disclosures.view', 'proxy_governance.view', 'weather.view'],
  // estate-side roles hold no region feature: their inbox (to-dos of their own estates), their own estates'
  // page and the weather board of their estates (the weather notices they receive link to it)
  project_manager: ['estates.own', 'todos.view', 'weather.view'],
  committee_director: ['estates.own', 'todos.view', 'weather.view'],
  // an owner votes for the houses the register names them on (电子投票)
  owner: ['voting.vote'],
}

/** role → default features, for the boot check of start/routes.ts */
export const ROLE_DEFAULTS: Readonly<Record<RoleCode, readonly FeatureCode[]>> = ROLE_FEATURES

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
  project_manager: ROLE_FEATURES.project_manager,
  committee_director: ROLE_FEATURES.committee_director,
  owner: ['voting.vote'],
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
  project_manager: [],
  committee_director: [],
  owner: [],
}

/** Estate-side roles: scoped to the estates of `user_estates`; `users.region_id` is the community of their first estate. */
export const ESTATE_SIDE_ROLES = ['project_manager', 'committee_director', 'owner'] as const satisfies readonly RoleCode[]
export type EstateSideRole = (typeof ESTATE_SIDE_ROLES)[number]

export function isEstateSideRole(role: RoleCode): role is EstateSideRole {
  return (ESTATE_SIDE_ROLES as readonly RoleCode[]).includes(role)
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
  project_manager: 'community',
  committee_director: 'community',
  owner: 'community',
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
  project_manager: 5,
  committee_director: 5,
  owner: 6,
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
