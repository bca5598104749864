/*
| 用户统计 (module 3): per role category, 全部单位 (units in scope) / 未开设单位 (units without an
| account) / 账户总数 (accounts), each a list behind it.
|
|  - project_managers 物业项目负责人: units are managed estates (with a 项目经理); an estate is opened
|    when an active or disabled project_manager account is bound to it (`user_estates`); accounts are
|    those project_manager accounts bound to an estate in scope.
|  - committee_directors 业委会主任: units are estates with an owners' committee; the same with
|    committee_director accounts.
|  Estate-side accounts are real accounts (the demo generator presets them, see docs/accounts.md).
|  A foreign region is a 404 before any of this runs (findRegionInScope).
|  - communities 社区: units are communities; accounts are community_head / community_handler.
|  - streets 街道办: units are street offices; accounts are street_head / street_handler / party_secretary.
*/
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type Region from '#models/region'
import { ROLES, type RoleCode } from '#services/roles'
import { scopeUsers } from '#modules/users/account_service'
import { whereEstateIn } from '#services/region_scope'

export const STAT_CATEGORIES = {
  project_managers: '物业项目负责人',
  committee_directors: '业委会主任',
  communities: '社区',
  streets: '街道办',
} as const
export type StatCategory = keyof typeof STAT_CATEGORIES

export const STAT_METRICS = { units: '全部单位', unopened: '未开设单位', accounts: '账户总数' } as const
export type StatMetric = keyof typeof STAT_METRICS

const COMMUNITY_ROLES: RoleCode[] = ['community_head', 'community_handler']
const STREET_ROLES: RoleCode[] = ['street_head', 'street_handler', 'party_secretary']
const LIVE = ['active', 'disabled']

type Q = DatabaseQueryBuilderContract<any>

function scopeEstateRows(query: Q, root: Region) {
  return whereEstateIn(query, 'e', root)
}

function scopeRegions(query: Q, root: Region, level: 'street' | 'community') {
  query.where('r.level', level)
  if (root.level === 'district') query.where('r.district_id', root.id)
  if (root.level === 'street') query.where(level === 'street' ? 'r.id' : 'r.street_id', root.id)
  if (root.level === 'community') query.where('r.id', level === 'community' ? root.id : -1)
  return query
}

/** the estate-side role each estate category counts */
const ESTATE_CATEGORY_ROLE = { project_managers: 'project_manager', committee_directors: 'committee_director' } as const

/** a live account of `role` bound to estate `e` */
const estateAccount = (role: RoleCode) => (q: Q) =>
  q.from('user_estates as ue').join('users as eu', 'eu.id', 'ue.user_id')
    .whereColumn('ue.estate_id', 'e.id').where('ue.relation', role).where('eu.role', role).whereIn('eu.status', LIVE)
const roleAccount = (roles: RoleCode[], regionColumn: string) => (q: Q) =>
  q.from('users as ru').join('regions as rr', 'rr.id', 'ru.region_id').whereIn('ru.role', roles).whereIn('ru.status', LIVE)
    .where((w) => w.whereColumn('rr.id', 'r.id').orWhereColumn(regionColumn, 'r.id'))

/** The rows behind one number: estates, regions or accounts (unpaginated query). */
export function statQuery(root: Region, category: StatCategory, metric: StatMetric): { kind: 'estate' | 'region' | 'account'; query: Q } {
  if (category === 'project_managers' || category === 'committee_directors') {
    const role = ESTATE_CATEGORY_ROLE[category]
    // the units: managed estates / estates with an owners' committee, in scope
    const units = (q: Q) => {
      scopeEstateRows(q, root)
      if (category === 'committee_directors') q.where('e.has_committee', true)
      else q.whereNotNull('e.manager_name')
      return q
    }
    const estates = () =>
      units(db.from('estates as e'))
        .join('regions as c', 'c.id', 'e.community_id')
        .select('e.id', 'e.name', 'c.name as region_name', `e.${category === 'committee_directors' ? 'committee_director' : 'manager_name'} as contact_name`)
        .orderBy('e.id')
    if (metric === 'units') return { kind: 'estate', query: estates() }
    if (metric === 'unopened') return { kind: 'estate', query: estates().whereNotExists((q) => estateAccount(role)(q).select(db.raw('1'))) }
    // accounts: the live accounts of the role bound to a unit in scope (each once)
    const users = db.from('users').join('regions as ur', 'ur.id', 'users.region_id').where('users.role', role).whereIn('users.status', LIVE)
      .whereExists((q) =>
        units(q.from('user_estates as ue').join('estates as e', 'e.id', 'ue.estate_id'))
          .whereColumn('ue.user_id', 'users.id').where('ue.relation', role).select(db.raw('1'))
      )
      .select('users.*', 'ur.name as region_name', 'ur.level as region_level').orderBy('users.id')
    return { kind: 'account', query: users }
  }
  const level = category === 'communities' ? 'community' : 'street'
  const roles = category === 'communities' ? COMMUNITY_ROLES : STREET_ROLES
  const ancestor = category === 'communities' ? 'rr.id' : 'rr.street_id'
  if (metric === 'accounts') {
    const users = scopeUsers(db.from('users'), root).whereIn('users.role', roles).whereIn('users.status', LIVE)
      .select('users.*', 'ur.name as region_name', 'ur.level as region_level').orderBy('users.id')
    return { kind: 'account', query: users }
  }
  const regions = scopeRegions(db.from('regions as r'), root, level)
    .leftJoin('regions as p', 'p.id', 'r.parent_id')
    .select('r.id', 'r.name', 'p.name as region_name').orderBy('r.sort').orderBy('r.id')
  if (metric === 'unopened') regions.whereNotExists((q) => roleAccount(roles, ancestor)(q).select(db.raw('1')))
  return { kind: 'region', query: regions }
}

export interface StatRow {
  category: StatCategory
  name: string
  units: number
  unopened: number
  accounts: number
}

export async function userStats(root: Region): Promise<StatRow[]> {
  const rows: StatRow[] = []
  for (const category of Object.keys(STAT_CATEGORIES) as StatCategory[]) {
    const counts = { units: 0, unopened: 0, accounts: 0 }
    for (const metric of Object.keys(STAT_METRICS) as StatMetric[]) {
      const { query } = statQuery(root, category, metric)
      const [{ total }] = await db.from(query.clearOrder().as('t')).count('* as total')
      counts[metric] = Number(total)
    }
    rows.push({ category, name: STAT_CATEGORIES[category], ...counts })
  }
  return rows
}

export const roleName = (role: string) => ROLES[role as RoleCode]?.name ?? role
