import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'

export interface EstateListFilters {
  /** one estate (the estate page's tab, a records export named after the estate) */
  estate_id?: number
  q?: string
  estate_type?: string
  has_committee?: boolean
}

/** The estates of a region with their basic information (项目管理's scrolling list), from PostgreSQL. */
export function estateListQuery(region: Region, filters: EstateListFilters) {
  const query = db
    .from('estates as e')
    .join('regions as c', 'c.id', 'e.community_id')
    .join('regions as s', 's.id', 'e.street_id')
    .join('regions as d', 'd.id', 'e.district_id')
    .select('e.*', 'c.name as community_name', 's.name as street_name', 'd.name as district_name')
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('e.id', filters.estate_id)
  if (filters.q) query.whereILike('e.name', containing(filters.q))
  if (filters.estate_type) query.where('e.estate_type', filters.estate_type)
  if (filters.has_committee !== undefined) query.where('e.has_committee', filters.has_committee)
  return query.orderBy('e.district_id').orderBy('e.street_id').orderBy('e.community_id').orderBy('e.name').orderBy('e.id')
}
