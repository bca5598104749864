import db from '@adonisjs/lucid/services/db'

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
