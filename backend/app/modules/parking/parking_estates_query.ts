import db from '@adonisjs/lucid/services/db'
import { PARKING_ESTATE_STATES, type ParkingEstateRow, type ParkingEstateState } from '@szpm/core'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import { estatePlaceFields, estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface ParkingEstateFilters {
  estate_id?: number
  state?: ParkingEstateState
  /** part of the estate's name */
  q?: string
}

/**
 * The estates behind 车位信息's estate counts (穿透 of 物业项目数 and 未填报车位信息): every estate of the
 * region, filled (an `estate_parking_profiles` row: its project manager filled the parking information in
 * at least once) or never — the rule of the parking cube's `estatesWithoutInfo` and of 提醒更新.
 */
export function parkingEstateQuery(region: Region, filters: ParkingEstateFilters) {
  const query = joinEstatePlace(db.from('estates as e').leftJoin('estate_parking_profiles as pp', 'pp.estate_id', 'e.id'))
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('e.id', filters.estate_id)
  if (filters.state === 'filled') query.whereNotNull('pp.estate_id')
  if (filters.state === 'never') query.whereNull('pp.estate_id')
  if (filters.q) query.whereILike('e.name', containing(filters.q))
  return query
    .select('e.id as estate_id', 'e.name as estate_name', ...estatePlaceNames())
    .select(
      db.raw(
        `to_char((pp.filled_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS filled_on,
         (SELECT count(*)::int FROM parking_spaces s WHERE s.estate_id = e.id) AS spaces`
      )
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('e.id')
}

export function transformParkingEstate(row: Record<string, any>): ParkingEstateRow {
  const state: ParkingEstateState = row.filled_on ? 'filled' : 'never'
  return { ...estatePlaceFields(row), state, stateName: PARKING_ESTATE_STATES[state], filledOn: row.filled_on ?? null, spaces: Number(row.spaces) }
}
