import type User from '#models/user'
import type Region from '#models/region'
import { ROLES, userFeatures, isGrantedRole, type RoleCode } from '#services/roles'
import { maskPhone } from '#services/masking'
import type { CurrentUser, ManagedAccount, OwnEstate, RegionRef, UserStatsItem } from '@szpm/core'

/** The user's own profile: the phone stays masked (it is their own number; no need to unmask and audit). */

export function transformCurrentUser(user: User, region: Region, path: RegionRef[], estates: OwnEstate[] = []): CurrentUser {
  return {
    id: user.id,
    name: user.name,
    phone: maskPhone(user.phone),
    role: user.role,
    roleName: ROLES[user.role].name,
    region: { id: region.id, level: region.level, name: region.name, path },
    features: userFeatures(user),
    estates,
  }
}

const STATUS_NAMES: Record<string, string> = { active: '正常', disabled: '已停用', deregistered: '已注销' }

function iso(value: unknown): string | null {
  if (!value) return null
  return new Date(value as string).toISOString()
}

/** 权限管理: an account row (users.* + region_name / region_level) with its effective features. */
export function transformAccount(row: Record<string, any>, features: string[], grantable: boolean): ManagedAccount {
  return {
    id: row.id,
    name: row.name,
    phone: maskPhone(row.phone),
    role: row.role,
    roleName: ROLES[row.role as RoleCode]?.name ?? row.role,
    region: { id: row.region_id, level: row.region_level, name: row.region_name },
    status: row.status,
    statusName: STATUS_NAMES[row.status] ?? row.status,
    features,
    wechatBound: Boolean(row.wechat_openid),
    grantable: grantable && isGrantedRole(row.role),
    createdAt: iso(row.created_at),
    lastLoginAt: iso(row.last_login_at),
  }
}

/** 用户统计: one row behind a number. */
export function transformStatItem(kind: UserStatsItem['kind'], row: Record<string, any>): UserStatsItem {
  if (kind === 'account') {
    return {
      kind, id: row.id, name: row.name, regionName: row.region_name, contact: maskPhone(row.phone),
      roleName: ROLES[row.role as RoleCode]?.name ?? row.role, statusName: STATUS_NAMES[row.status] ?? row.status,
    }
  }
  if (kind === 'estate') {
    return {
      kind, id: row.id, name: row.name, regionName: row.region_name,
      contact: row.contact_name ?? null, roleName: null, statusName: null,
    }
  }
  return { kind, id: row.id, name: row.name, regionName: row.region_name ?? '', contact: null, roleName: null, statusName: null }
}
