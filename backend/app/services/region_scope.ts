import Region from '#models/region'
import Estate from '#models/estate'
import type User from '#models/user'
import db from '@adonisjs/lucid/services/db'
import type { RegionRef } from '@szpm/core'
import { isEstateSideRole } from '#services/roles'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { Exception } from '@adonisjs/core/exceptions'

/**
 * Data scope, applied in one place. A government user sees only the subtree of their own region;
 * an estate-side user (项目经理, 业委会主任, 业主: roles.ts ESTATE_SIDE_ROLES) sees only the estates
 * bound to them in `user_estates` and never a region subtree. Anything outside the scope is answered
 * exactly like a missing record (404).
 */
export class NotFoundInScope extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
  constructor() {
    super('记录不存在', { status: 404, code: 'E_NOT_FOUND' })
  }
}

/** Column of `estates` (or of `regions`' ancestors) that pins a region's subtree. */
function ancestorColumn(level: Region['level']) {
  return { city: null, district: 'district_id', street: 'street_id', community: 'community_id' }[level]
}

/** The scope of an estate-side account: exactly these estates (its `user_estates` rows), nothing else. */
export class EstateSet {
  constructor(readonly estateIds: readonly number[]) {}
}

/** What a user's data scope is: a region subtree (government accounts) or a set of estates. */
export type DataScope = Region | EstateSet

/** The estates bound to an estate-side account (`user_estates`), ascending. */
export async function ownEstateIds(user: Pick<User, 'id'>): Promise<number[]> {
  const rows = await db.from('user_estates').where('user_id', user.id).orderBy('estate_id').select('estate_id')
  return rows.map((row) => Number(row.estate_id))
}

/**
 * The root of the user's region scope. An estate-side account has no region subtree: every
 * region-scoped path answers 404 for it (use `userScope` where estate-side users may read).
 */
export async function userRegion(user: User): Promise<Region> {
  if (isEstateSideRole(user.role)) throw new NotFoundInScope()
  return Region.findOrFail(user.regionId)
}

/**
 * The region an account sits in, for display only (profile, breadcrumbs): for an estate-side
 * account the community of its first estate. Never scope data by it.
 */
export async function homeRegion(user: User): Promise<Region> {
  return Region.findOrFail(user.regionId)
}

/** The user's data scope: their region subtree, or for an estate-side account their own estates. */
export async function userScope(user: User): Promise<DataScope> {
  if (isEstateSideRole(user.role)) return new EstateSet(await ownEstateIds(user))
  return Region.findOrFail(user.regionId)
}

/** Restricts an estates query to the scope (a region's subtree or an estate set). */
export function scopeEstates<Q extends ModelQueryBuilderContract<typeof Estate>>(query: Q, scope: DataScope): Q {
  return whereEstateIn(query, 'estates', scope)
}

/** Restricts any query that joins `estates` (as `alias`) to the scope (a region's subtree or an estate set). */
export function whereEstateIn<Q extends { where(column: string, value: number): unknown; whereIn(column: string, values: number[]): unknown }>(
  query: Q,
  alias: string,
  scope: DataScope
): Q {
  if (scope instanceof EstateSet) {
    // an empty set matches nothing (whereIn with [] is `false`)
    query.whereIn(`${alias}.id`, [...scope.estateIds])
    return query
  }
  const column = ancestorColumn(scope.level)
  if (column) query.where(`${alias}.${column}`, scope.id)
  return query
}

/** Is `target` inside `root`'s subtree (or the same region)? */
export function regionWithin(target: Region, root: Region): boolean {
  if (root.level === 'city') return true
  if (target.id === root.id) return true
  if (root.level === 'district') return target.districtId === root.id
  if (root.level === 'street') return target.streetId === root.id
  return false
}

/** Loads a region by id only if it lies inside the user's subtree; otherwise 404 (always for estate-side accounts). */
export async function findRegionInScope(user: User, regionId: number | undefined): Promise<Region> {
  const root = await userRegion(user)
  if (regionId === undefined || regionId === root.id) return root
  const target = await Region.find(regionId)
  if (!target || !regionWithin(target, root)) throw new NotFoundInScope()
  return target
}

/** Loads an estate only if it lies inside the user's scope (subtree or own estates); otherwise 404. */
export async function findEstateInScope(user: User, estateId: number): Promise<Estate> {
  const estate = await scopeEstates(Estate.query().where('estates.id', estateId), await userScope(user)).first()
  if (!estate) throw new NotFoundInScope()
  return estate
}

/** Path from the city down to `region` (for breadcrumbs), cut above the user's own region. */
export async function breadcrumb(region: Region, root: Region): Promise<RegionRef[]> {
  const chain: Region[] = []
  let cursor: Region | null = region
  while (cursor) {
    chain.unshift(cursor)
    if (cursor.id === root.id) break
    cursor = cursor.parentId ? await Region.find(cursor.parentId) : null
  }
  return chain.map((r) => ({ id: r.id, level: r.level, name: r.name }))
}

export function regionRef(region: Region): RegionRef {
  return { id: region.id, level: region.level, name: region.name }
}
