import db from '@adonisjs/lucid/services/db'
import type { EstatePlaceRow } from '@szpm/core'

/**
 * The place of an estate (alias `e`) in a records list: its district, street and community joined as
 * `d`, `s` and `c`, and their names as the rows carry them ('' for a missing region, never NULL).
 */
export function joinEstatePlace<Q extends { leftJoin(table: string, first: string, second: string): Q }>(query: Q): Q {
  return query.leftJoin('regions as d', 'd.id', 'e.district_id').leftJoin('regions as s', 's.id', 'e.street_id').leftJoin('regions as c', 'c.id', 'e.community_id')
}

/** district_name, street_name, community_name of a query joined by joinEstatePlace */
export function estatePlaceNames() {
  return [db.raw("coalesce(d.name, '') as district_name"), db.raw("coalesce(s.name, '') as street_name"), db.raw("coalesce(c.name, '') as community_name")]
}

/** The place fields every records row starts with (PLACE_COLUMNS), from a query joined by joinEstatePlace. */
export function estatePlaceFields(row: Record<string, any>): EstatePlaceRow {
  return {
    districtName: String(row.district_name ?? ''),
    streetName: String(row.street_name ?? ''),
    communityName: String(row.community_name ?? ''),
    estateId: Number(row.estate_id),
    estateName: String(row.estate_name ?? ''),
  }
}
