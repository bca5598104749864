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
