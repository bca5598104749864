/*
| 用户统计 (module 3): per role category, 全部单位 (units in scope) / 未开设单位 (units without an
| account) / 账户总数 (accounts), each a list behind it.
|
|  - project_managers 物业项目负责人: units are estates; an estate's manager has an account when an
|    active or disabled account carries `estates.manager_phone`.
|  - committee_directors 业委会主任: units are estates with an owners' committee; the director has an
|    account when an account of that name sits in the estate's community or street.
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

const managerAccount = (q: Q) =>
  q.from('users as mu').whereColumn('mu.phone', 'e.manager_phone').whereIn('mu.status', LIVE)
const directorAccount = (q: Q) =>
  q.from('users as du').whereColumn('du.name', 'e.committee_director').whereIn('du.status', LIVE)
    .where((w) => w.whereColumn('du.region_id', 'e.community_id').orWhereColumn('du.region_id', 'e.street_id'))
const roleAccount = (roles: RoleCode[], regionColumn: string) => (q: Q) =>
  q.from('users as ru').join('regions as rr', 'rr.id', 'ru.region_id').whereIn('ru.role', roles).whereIn('ru.status', LIVE)
    .where((w) => w.whereColumn('rr.id', 'r.id').orWhereColumn(regionColumn, 'r.id'))

/** The rows behind one number: estates, regions or accounts (unpaginated query). */
export function statQuery(root: Region, category: StatCategory, metric: StatMetric): { kind: 'estate' | 'region' | 'account'; query: Q } {
  if (category === 'project_managers' || category === 'committee_directors') {
    const estates = () => {
      const q = scopeEstateRows(db.from('estates as e'), root)
        .join('regions as c', 'c.id', 'e.community_id')
        .select('e.id', 'e.name', 'c.name as region_name', 'e.manager_name', 'e.committee_director')
        .orderBy('e.id')
      if (category === 'committee_directors') q.where('e.has_committee', true)
      return q
    }
    if (metric === 'units') return { kind: 'estate', query: estates() }
    if (metric === 'unopened') {
      return { kind: 'estate', query: estates().whereNotExists((q) => (category === 'project_managers' ? managerAccount(q) : directorAccount(q)).select(db.raw('1'))) }
    }
    // accounts: the accounts that match an estate in scope
    const users = db.from('users').join('regions as ur', 'ur.id', 'users.region_id').whereIn('users.status', LIVE)
      .whereExists((q) => {
        const sub = scopeEstateRows(q.from('estates as e'), root)
        if (category === 'project_managers') sub.whereColumn('e.manager_phone', 'users.phone')
        else sub.where('e.has_committee', true).whereColumn('e.committee_director', 'users.name')
          .where((w) => w.whereColumn('e.community_id', 'users.region_id').orWhereColumn('e.street_id', 'users.region_id'))
        return sub.select(db.raw('1'))
      })
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
