import db from '@adonisjs/lucid/services/db'
import type { EquipmentCategory, EquipmentStatus } from '@szpm/core'
import type { DataScope } from '#services/region_scope'
import { whereEstateIn } from '#services/region_scope'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface EquipmentFilters {
  estate_id?: number
  category?: EquipmentCategory
  status?: EquipmentStatus
  /** part of the estate's name, the equipment's number or its name */
  q?: string
}

/**
 * 设施设备 of the estates in `scope` (a region's subtree, or an estate-side account's estates), by
 * place, estate and number: the list, its export and the estate page's tab.
 */
export function equipmentQuery(scope: DataScope, filters: EquipmentFilters) {
  const query = joinEstatePlace(db.from('equipment as q').join('estates as e', 'e.id', 'q.estate_id'))
  whereEstateIn(query, 'e', scope)
  if (filters.estate_id) query.where('q.estate_id', filters.estate_id)
  if (filters.category) query.where('q.category', filters.category)
  if (filters.status) query.where('q.status', filters.status)
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('e.name', pattern).orWhereILike('q.code', pattern).orWhereILike('q.name', pattern))
  }
  return query
    .select(
      'q.id', 'q.estate_id', 'e.name as estate_name', 'q.code', 'q.name', 'q.category', 'q.location', 'q.quantity',
      db.raw(`to_char(q.commissioned_on, 'YYYY-MM-DD') as commissioned_on`), 'q.status', 'q.version',
      ...estatePlaceNames()
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('q.estate_id')
    .orderBy('q.code')
    .orderBy('q.id')
}
