import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'
import type { ParkingSpaceKind, ParkingSpaceStatus } from '@szpm/core'

export interface ParkingSpaceFilters {
  estate_id?: number
  kind?: ParkingSpaceKind
  status?: ParkingSpaceStatus
  /** part of the estate's name or of the space's number */
  q?: string
}

/**
 * The records behind a 车位信息统计情况 number (穿透): the parking spaces of the region's estates — the
 * rows the warehouse counts — with the same region and kind filters, by place, estate and number.
 */
export function parkingSpaceQuery(region: Region, filters: ParkingSpaceFilters) {
  const query = joinEstatePlace(db.from('parking_spaces as p').join('estates as e', 'e.id', 'p.estate_id'))
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('p.estate_id', filters.estate_id)
  if (filters.kind) query.where('p.kind', filters.kind)
  if (filters.status) query.where('p.status', filters.status)
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('e.name', pattern).orWhereILike('p.code', pattern))
  }
  return query
    .select(
      'p.id', 'p.estate_id', 'e.name as estate_name', 'p.code', 'p.kind', 'p.location', 'p.status', 'p.version',
      ...estatePlaceNames()
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('p.estate_id')
    .orderBy('p.code')
    .orderBy('p.id')
}
