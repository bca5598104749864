import Region from '#models/region'
import Estate from '#models/estate'
import type User from '#models/user'
import type { RegionRef } from '@szpm/core'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { Exception } from '@adonisjs/core/exceptions'

/**
 * Data scope, applied in one place. A user sees only the subtree of their own region; anything
 * outside it is answered exactly like a missing record (404).
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

export async function userRegion(user: User): Promise<Region> {
  return Region.findOrFail(user.regionId)
}

/** Restricts an estates query to the user's subtree. */
export function scopeEstates<Q extends ModelQueryBuilderContract<typeof Estate>>(query: Q, region: Region): Q {
  return whereEstateIn(query, 'estates', region)
}

/** Restricts any query that joins `estates` (as `alias`) to the subtree of `region`. */
export function whereEstateIn<Q extends { where(column: string, value: number): unknown }>(query: Q, alias: string, region: Region): Q {
  const column = ancestorColumn(region.level)
  if (column) query.where(`${alias}.${column}`, region.id)
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

/** Loads a region by id only if it lies inside the user's subtree; otherwise 404. */
export async function findRegionInScope(user: User, regionId: number | undefined): Promise<Region> {
  const root = await userRegion(user)
  if (regionId === undefined || regionId === root.id) return root
  const target = await Region.find(regionId)
  if (!target || !regionWithin(target, root)) throw new NotFoundInScope()
  return target
}

/** Loads an estate only if it lies inside the user's subtree; otherwise 404. */
export async function findEstateInScope(user: User, estateId: number): Promise<Estate> {
  const root = await userRegion(user)
  const estate = await scopeEstates(Estate.query().where('estates.id', estateId), root).first()
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
