import type User from '#models/user'
import type Region from '#models/region'
import { ROLES, featuresOf } from '#services/roles'
import type { CurrentUser, RegionRef } from '../../client/types.ts'

export function maskPhone(phone: string) {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

export function transformCurrentUser(user: User, region: Region, path: RegionRef[]): CurrentUser {
  return {
    id: user.id,
    name: user.name,
    phone: maskPhone(user.phone),
    role: user.role,
    roleName: ROLES[user.role].name,
    region: { id: region.id, level: region.level, name: region.name, path },
    features: featuresOf(user.role),
  }
}
