import db from '@adonisjs/lucid/services/db'
import { STAFF_ESTATE_STATES, STAFF_STALE_DAYS, type StaffEstateRow, type StaffEstateState } from '@szpm/core'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import { estatePlaceFields, estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface StaffEstateFilters {
  estate_id?: number
  state?: StaffEstateState
  /** part of the estate's name */
  q?: string
}

const HAS_STAFF = 'EXISTS (SELECT 1 FROM practitioners p WHERE p.estate_id = e.id)'
/** confirmed more than STAFF_STALE_DAYS before `?` (YYYY-MM-DD, the platform's date), or never */
const STALE = `(sc.confirmed_at IS NULL OR (sc.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date < ?::date - ${STAFF_STALE_DAYS})`

/**
 * The estates behind 从业人员信息's estate counts (穿透 of 物业项目数, 未填报项目, 信息过期项目): every estate of
 * the region with its information state as of `asOf` — missing (no practitioner), stale (has some, last
 * 确认信息无误 more than STAFF_STALE_DAYS days before, or never) or current. The rule of the staff cube
 * (warehouse/src/cubes/staff.ts) and of 提醒更新 (staff_remind_service.ts).
 */
export function staffEstateQuery(region: Region, filters: StaffEstateFilters, asOf: string) {
  const query = joinEstatePlace(db.from('estates as e').leftJoin('estate_staff_confirmations as sc', 'sc.estate_id', 'e.id'))
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('e.id', filters.estate_id)
  if (filters.state === 'missing') query.whereRaw(`NOT ${HAS_STAFF}`)
  if (filters.state === 'stale') query.whereRaw(`${HAS_STAFF} AND ${STALE}`, [asOf])
  if (filters.state === 'current') query.whereRaw(`${HAS_STAFF} AND NOT ${STALE}`, [asOf])
  if (filters.q) query.whereILike('e.name', containing(filters.q))
  return query
    .select('e.id as estate_id', 'e.name as estate_name', ...estatePlaceNames())
    .select(
      db.raw(
        `(SELECT count(*)::int FROM practitioners p WHERE p.estate_id = e.id) AS practitioners,
         to_char((sc.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS confirmed_on,
         ${STALE} AS stale`,
        [asOf]
      )
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('e.id')
}

export function transformStaffEstate(row: Record<string, any>): StaffEstateRow {
  const practitioners = Number(row.practitioners)
  const state: StaffEstateState = practitioners === 0 ? 'missing' : row.stale ? 'stale' : 'current'
  return { ...estatePlaceFields(row), state, stateName: STAFF_ESTATE_STATES[state], practitioners, confirmedOn: row.confirmed_on ?? null }
}
