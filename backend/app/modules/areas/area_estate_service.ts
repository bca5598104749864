import type { PolygonGeometry } from '@szpm/core'
import type { DataScope } from '#services/region_scope'
import { areaEstateQuery, type AreaEstateFilters } from '#modules/areas/area_estate_query'
import { estateMatches, type MapShape } from '#modules/areas/spatial'

/**
 * The ids of the estates a map query selects, in list order: the SQL bounding-box prefilter, then the
 * exact test (spatial.ts) on each candidate's boundary.
 */
export async function matchingEstateIds(scope: DataScope, filters: AreaEstateFilters, shape: MapShape): Promise<number[]> {
  const candidates = (await areaEstateQuery(scope, filters, shape.box).clearSelect().select('e.id', 'e.boundary', 'e.lng', 'e.lat')) as {
    id: number; boundary: PolygonGeometry | null; lng: number | null; lat: number | null
  }[]
  return candidates
    .filter((row) => estateMatches(shape, { boundary: row.boundary, lng: row.lng === null ? null : Number(row.lng), lat: row.lat === null ? null : Number(row.lat) }))
    .map((row) => Number(row.id))
}

/** One page of the area list: SQL paging without a map query, else paging over the matching ids. */
export async function areaEstatePage(scope: DataScope, filters: AreaEstateFilters, shape: MapShape | undefined, page: number, perPage: number) {
  if (!shape) {
    const query = areaEstateQuery(scope, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(perPage).offset((page - 1) * perPage)
    return { rows, total: Number(total) }
  }
  const ids = await matchingEstateIds(scope, filters, shape)
  const pageIds = ids.slice((page - 1) * perPage, page * perPage)
  const rows = pageIds.length ? await areaEstateQuery(scope, filters).whereIn('e.id', pageIds) : []
  return { rows, total: ids.length }
}

/** Every row of the list (an export), 2,000 at a time. */
export async function* allAreaEstates(scope: DataScope, filters: AreaEstateFilters, shape: MapShape | undefined) {
  const ids = shape ? await matchingEstateIds(scope, filters, shape) : null
  for (let offset = 0; ; offset += 2000) {
    const query = areaEstateQuery(scope, filters)
    const rows: Record<string, any>[] = ids ? (ids.length > offset ? await query.whereIn('e.id', ids.slice(offset, offset + 2000)) : []) : await query.limit(2000).offset(offset)
    yield* rows
    if (rows.length < 2000) return
  }
}
