import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import type { SafetyStatus } from '@szpm/core'

export interface SafetyAssessmentFilters {
  year: number
  status?: SafetyStatus
  /** part of the community's name or of the item's title */
  q?: string
}

/**
 * The records behind a 平安建设 number (穿透) and a community's 本年度考核内容: the assessments of the
 * region's communities for one year — the rows the warehouse counts — with their item, status, score
 * and who last changed them, by street, community and the item's order.
 */
export function safetyAssessmentQuery(region: Region, filters: SafetyAssessmentFilters) {
  const query = assessmentRows().where('i.year', filters.year)
  if (region.level === 'community') query.where('a.community_id', region.id)
  else if (region.level !== 'city') query.where(`c.${region.level}_id`, region.id)
  if (filters.status) query.where('a.status', filters.status)
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('c.name', pattern).orWhereILike('i.title', pattern))
  }
  return query
    .orderBy('c.district_id')
    .orderBy('c.street_id')
    .orderBy('c.sort')
    .orderBy('a.community_id')
    .orderBy('i.sort_order')
    .orderBy('i.id')
}

/** every assessment with its item, place and last editor (the columns transformSafetyAssessment reads) */
export function assessmentRows() {
  return db
    .from('safety_assessments as a')
    .join('safety_items as i', 'i.id', 'a.item_id')
    .join('regions as c', 'c.id', 'a.community_id')
    .leftJoin('regions as s', 's.id', 'c.street_id')
    .leftJoin('regions as d', 'd.id', 'c.district_id')
    .leftJoin('users as u', 'u.id', 'a.updated_by')
    .select(
      'a.id', 'a.item_id', 'a.community_id', 'a.status', 'a.score', 'a.remark', 'a.version', 'a.updated_at', 'a.updated_by',
      'i.year', 'i.title as item_title', 'i.description as item_description', 'i.max_score', 'i.sort_order',
      'c.name as community_name', 's.name as street_name', 'd.name as district_name', 'u.name as updated_by_name'
    )
}
