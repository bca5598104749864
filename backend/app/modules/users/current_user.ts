import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import type { CurrentUser, OwnEstate } from '@szpm/core'
import { isEstateSideRole } from '#services/roles'
import { breadcrumb, homeRegion } from '#services/region_scope'
import { transformCurrentUser } from '#modules/users/user_transformer'

/** An estate-side account's own estates (`user_estates`), ascending id; none for government accounts. */
export async function ownEstates(user: User): Promise<OwnEstate[]> {
  if (!isEstateSideRole(user.role)) return []
  const rows = await db.from('user_estates as ue').join('estates as e', 'e.id', 'ue.estate_id')
    .where('ue.user_id', user.id).orderBy('e.id').select('e.id', 'e.name', 'ue.relation')
  return rows.map((row) => ({ id: Number(row.id), name: row.name, relation: row.relation }))
}

/**
 * The signed-in user's profile (GET /me, after binding, after 修改个人信息): the region the account
 * sits in (display only) and, for an estate-side account, the estates that are its whole scope.
 */
export async function currentUserProfile(user: User): Promise<CurrentUser> {
  const region = await homeRegion(user)
  return transformCurrentUser(user, region, await breadcrumb(region, region), await ownEstates(user))
}
