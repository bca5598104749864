/** Wire types of 权限管理 (module 3): managed accounts, the feature catalogue, 用户统计. */
import type { PageMeta, RegionRef } from './common.ts'

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

export interface AccountListQuery {
  region_id?: number
  role?: string
  status?: string
  q?: string
  page?: number
  per_page?: number
}

export interface NewAccountInput {
  name: string
  phone: string
  role: string
  region_id?: number
  features?: string[]
  /** 初始密码; generated (and answered once in meta.initialPassword) when absent */
  password?: string
}
