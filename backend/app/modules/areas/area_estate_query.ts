import db from '@adonisjs/lucid/services/db'
import type { DataScope } from '#services/region_scope'
import { whereEstateIn } from '#services/region_scope'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'
import type { Box } from '#modules/areas/spatial'

export interface AreaEstateFilters {
  estate_id?: number
  /** part of the estate's name */
  q?: string
  estate_type?: string
  has_committee?: boolean
}

/**
 * The estates of `scope` (物业区域 list) by name and the 项目管理 filters; with `box`, only those whose
 * bounding box (or, without a boundary, whose point) meets it — the SQL prefilter of a map query.
 */
export function areaEstateQuery(scope: DataScope, filters: AreaEstateFilters, box?: Box) {
  const query = joinEstatePlace(db.from('estates as e'))
  whereEstateIn(query, 'e', scope)
  if (filters.estate_id) query.where('e.id', filters.estate_id)
  if (filters.q) query.whereILike('e.name', containing(filters.q))
  if (filters.estate_type) query.where('e.estate_type', filters.estate_type)
  if (filters.has_committee !== undefined) query.where('e.has_committee', filters.has_committee)
  if (box) {
    const [minLng, minLat, maxLng, maxLat] = box
    query.where((outer) =>
      outer
        .where((inner) =>
          inner.whereNotNull('e.min_lng').where('e.min_lng', '<=', maxLng).where('e.max_lng', '>=', minLng).where('e.min_lat', '<=', maxLat).where('e.max_lat', '>=', minLat))
        .orWhere((inner) => inner.whereNull('e.min_lng').whereBetween('e.lng', [minLng, maxLng]).whereBetween('e.lat', [minLat, maxLat]))
    )
  }
  return query
    .select(
      'e.id', 'e.name', 'e.estate_type', 'e.address', 'e.company_name', 'e.house_count', 'e.building_area', 'e.has_committee', 'e.lng', 'e.lat',
      ...estatePlaceNames()
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('e.name')
    .orderBy('e.id')
}
