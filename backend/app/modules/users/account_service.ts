/*
| 权限管理 (module 3): the accounts a user manages, presetting new ones (新增), feature grants
| (账号赋权) and 用户统计. Scope rules: a user sees accounts of lower rank inside their own region
| (anything else is a 404, like a missing record); grants and new accounts are limited to the roles
| the user may create (CREATABLE_ROLES) and to features the granter holds.
*/
import { randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { Exception } from '@adonisjs/core/exceptions'
import User from '#models/user'
import { LEVEL_NAMES } from '@szpm/core'
import type Region from '#models/region'
import {
  CREATABLE_ROLES,
  ROLE_RANK,
  ROLE_REGION_LEVEL,
  ROLES,
  FEATURES,
  featuresOf,
  isFeatureCode,
  isGrantedRole,
  maxFeaturesOf,
  userFeatures,
  type FeatureCode,
  type RoleCode,
} from '#services/roles'
import { NotFoundInScope, findRegionInScope, userRegion } from '#services/region_scope'
import otpServiceFactory, { otpService } from '#services/otp_service'
import { containing } from '#services/like_pattern'

export const STATUS_NAMES = { active: '正常', disabled: '已停用', deregistered: '已注销' } as const

/** A 422 with a field, answered like a VineJS error. */
export class FieldError extends Exception {
  static status = 422
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message, { status: 422, code: 'E_FIELD' })
  }
}

/** Loads the user's grants if the model came without them (the User afterFind hook loads them). */
export async function loadGrantedFeatures(user: User) {
  if (user.grantedFeatures !== undefined) return
  const rows = await db.from('user_features').where('user_id', user.id).select('feature')
  user.grantedFeatures = rows.map((row: { feature: string }) => row.feature)
}

export async function featuresOfUser(user: User): Promise<FeatureCode[]> {
  await loadGrantedFeatures(user)
  return userFeatures(user)
}

/** Restricts a `users` query (joined to its region as `ur`) to the subtree of `root`. */
export function scopeUsers(query: DatabaseQueryBuilderContract<any>, root: Region) {
  query.join('regions as ur', 'ur.id', 'users.region_id')
  if (root.level === 'district') query.where((q) => q.where('ur.id', root.id).orWhere('ur.district_id', root.id))
  if (root.level === 'street') query.where((q) => q.where('ur.id', root.id).orWhere('ur.street_id', root.id))
  if (root.level === 'community') query.where('ur.id', root.id)
  return query
}

/** Roles a user may see in 权限管理: every role of lower rank. */
export function visibleRoles(role: RoleCode): RoleCode[] {
  return (Object.keys(ROLES) as RoleCode[]).filter((r) => ROLE_RANK[r] > ROLE_RANK[role])
}

export interface AccountFilters {
  role?: string
  status?: string
  q?: string
}

/** The accounts `me` manages inside `root` (a region in their scope). */
export function managedAccountsQuery(me: User, root: Region, filters: AccountFilters = {}) {
  const query = scopeUsers(db.from('users'), root)
    .whereIn('users.role', visibleRoles(me.role))
    .select('users.*', 'ur.name as region_name', 'ur.level as region_level')
  if (filters.role) query.where('users.role', filters.role)
  if (filters.status) query.where('users.status', filters.status)
  if (filters.q) {
    const like = containing(filters.q)
    query.where((q) => q.whereILike('users.name', like).orWhere('users.phone', 'like', like))
  }
  return query.orderBy('users.id', 'asc')
}

/** An account `me` may see; 404 otherwise. With `forChange`, only roles `me` may create (else 404). */
export async function findManagedAccount(me: User, id: number, options: { forChange?: boolean } = {}): Promise<User> {
  const root = await userRegion(me)
  const row = await managedAccountsQuery(me, root).where('users.id', id).first()
  if (!row) throw new NotFoundInScope()
  if (options.forChange && !CREATABLE_ROLES[me.role].includes(row.role)) throw new NotFoundInScope()
  return User.findOrFail(id)
}

/** Features of several accounts at once: role defaults or grants. */
export async function featuresOfRows(rows: { id: number; role: RoleCode }[]): Promise<Map<number, FeatureCode[]>> {
  const granted = rows.filter((row) => isGrantedRole(row.role)).map((row) => row.id)
  const grants = granted.length
    ? await db.from('user_features').whereIn('user_id', granted).select('user_id', 'feature')
    : []
  const byUser = new Map<number, string[]>()
  for (const grant of grants) byUser.set(grant.user_id, [...(byUser.get(grant.user_id) ?? []), grant.feature])
  return new Map(rows.map((row) => [row.id, userFeatures({ role: row.role, grantedFeatures: byUser.get(row.id) ?? [] })]))
}

/** Checks a requested feature set against the granter's own features and the role's maximum. */
export function checkGrantable(granter: FeatureCode[], role: RoleCode, requested: string[]): FeatureCode[] {
  const unknown = requested.filter((code) => !isFeatureCode(code))
  if (unknown.length) throw new FieldError('features', `未知的功能权限：${unknown.join('、')}`)
  const codes = [...new Set(requested)] as FeatureCode[]
  const notOwn = codes.filter((code) => !granter.includes(code))
  if (notOwn.length) throw new FieldError('features', `不能授予您自己没有的功能权限：${notOwn.map((c) => FEATURES[c]).join('、')}`)
  const max = maxFeaturesOf(role)
  const beyond = codes.filter((code) => !max.includes(code))
  if (beyond.length) throw new FieldError('features', `${ROLES[role].name}不能拥有以下功能权限：${beyond.map((c) => FEATURES[c]).join('、')}`)
  return codes
}

function randomPassword() {
  const pick = (set: string, n: number) => Array.from({ length: n }, () => set[randomInt(set.length)]).join('')
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}${pick('abcdefghijkmnpqrstuvwxyz', 4)}${pick('23456789', 3)}@`
}

export interface NewAccount {
  name: string
  phone: string
  role: RoleCode
  region_id?: number
  features?: string[]
  password?: string
}

/** 新增: presets an account. Returns it and the initial password when one was generated. */
export async function createAccount(me: User, input: NewAccount) {
  const region = await findRegionInScope(me, input.region_id)
  if (!CREATABLE_ROLES[me.role].includes(input.role)) throw new FieldError('role', '您不能新增该角色的账号')
  const level = ROLE_REGION_LEVEL[input.role]
  if (region.level !== level) throw new FieldError('region_id', `${ROLES[input.role].name}账号须选择所属${LEVEL_NAMES[level]}`)
  const own = await featuresOfUser(me)
  let features: FeatureCode[] = []
  if (isGrantedRole(input.role)) {
    features = input.features === undefined
      ? featuresOf(input.role).filter((code) => own.includes(code))
      : checkGrantable(own, input.role, input.features)
  }
  if (await db.from('users').where('phone', input.phone).first()) throw new FieldError('phone', '该手机号已有账号')
  const password = input.password ?? randomPassword()
  const user = await db.transaction(async (trx) => {
    const created = await User.create(
      { name: input.name, phone: input.phone, password, role: input.role, regionId: region.id, status: 'active', createdBy: me.id, failedLogins: 0 },
      { client: trx }
    )
    if (features.length) {
      const now = new Date()
      await trx.table('user_features').multiInsert(features.map((feature) => ({ user_id: created.id, feature, granted_by: me.id, granted_at: now })))
    }
    return created
  })
  user.grantedFeatures = features
  return { user, initialPassword: input.password ? null : password }
}

/** 账号赋权: replaces the account's grants. Returns what was added and removed. */
export async function setAccountFeatures(me: User, target: User, requested: string[]) {
  if (!isGrantedRole(target.role)) throw new FieldError('features', `${ROLES[target.role].name}的功能权限由角色决定，不能单独赋权`)
  const own = await featuresOfUser(me)
  const next = checkGrantable(own, target.role, requested)
  await loadGrantedFeatures(target)
  const current = new Set(target.grantedFeatures ?? [])
  const added = next.filter((code) => !current.has(code))
  const removed = [...current].filter((code) => !next.includes(code as FeatureCode))
  await db.transaction(async (trx) => {
    if (removed.length) await trx.from('user_features').where('user_id', target.id).whereIn('feature', removed).delete()
    if (added.length) {
      const now = new Date()
      await trx.table('user_features').multiInsert(added.map((feature) => ({ user_id: target.id, feature, granted_by: me.id, granted_at: now })))
    }
  })
  target.grantedFeatures = next
  return { added, removed }
}

/** The OTP service the phone change uses; tests may point it at their own SMS stub. */
export const phoneOtp = {
  override: null as InstanceType<typeof otpServiceFactory> | null,
  get() {
    return this.override ?? otpService()
  },
}

/** Clears the WeChat binding of `user`. False when none was bound. */
export async function unbindWechat(user: User): Promise<boolean> {
  if (!user.wechatOpenid) return false
  user.wechatOpenid = null
  user.wechatBoundAt = null
  await user.save()
  return true
}

export function nowIso(value: DateTime | Date | string | null | undefined): string | null {
  if (!value) return null
  if (value instanceof DateTime) return value.toISO()
  return new Date(value).toISOString()
}
