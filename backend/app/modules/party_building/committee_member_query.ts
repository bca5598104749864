import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import type { CommitteeRole } from '@szpm/core'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface CommitteeMemberFilters {
  estate_id?: number
  role?: CommitteeRole
  /** '1' party members, '0' the others */
  party_member?: '0' | '1'
  /** part of the member's or the estate's name */
  q?: string
}

/**
 * The records behind a 党建统计 number (穿透): the owners' committee members of the region's estates —
 * the rows the warehouse counts — with their estate's party organisations and 红色物业 marker, by
 * place, estate, role (主任 first) and name.
 */
export function committeeMemberQuery(region: Region, filters: CommitteeMemberFilters) {
  const query = joinEstatePlace(db.from('committee_members as m').join('estates as e', 'e.id', 'm.estate_id'))
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('m.estate_id', filters.estate_id)
  if (filters.role) query.where('m.role', filters.role)
  if (filters.party_member) query.where('m.is_party_member', filters.party_member === '1')
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('e.name', pattern).orWhereILike('m.name', pattern))
  }
  return query
    .select(
      'm.id', 'm.estate_id', 'e.name as estate_name', 'm.name', 'm.role', 'm.is_party_member',
      db.raw("coalesce((select string_agg(o.name, '、' order by o.id) from party_organizations o where o.estate_id = m.estate_id), '') as organization_name"),
      db.raw('exists (select 1 from red_property_projects r where r.estate_id = m.estate_id) as red_property'),
      ...estatePlaceNames()
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('m.estate_id')
    .orderByRaw("case m.role when 'director' then 0 when 'deputy' then 1 else 2 end")
    .orderBy('m.id')
}
