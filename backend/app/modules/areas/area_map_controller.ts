import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { AreaMapConfig, AreaMapLayers, PolygonGeometry } from '@szpm/core'
import env from '#start/env'
import Region from '#models/region'
import { findRegionInScope, userScope, whereEstateIn, type DataScope } from '#services/region_scope'
import { areaMapValidator } from '#modules/areas/area_validator'

/** how the PC map draws its base: the offline layer unless online tiles are configured (docs/areas.md) */
export function mapConfig(): AreaMapConfig {
  const tileUrl = env.get('MAP_TILE_URL') || null
  return { tileUrl, tileAttribution: tileUrl ? (env.get('MAP_TILE_ATTRIBUTION') ?? null) : null, tileCrs: tileUrl ? (env.get('MAP_TILE_CRS') ?? 'wgs84') : 'wgs84' }
}

/** the regions drawn for a scope: the region itself and every region below it */
function regionsOf(scope: DataScope) {
  const query = db.from('regions').whereNotNull('boundary').whereIn('level', ['district', 'street', 'community'])
  if (!(scope instanceof Region)) return query.whereRaw('false')
  if (scope.level === 'district') query.where((q) => q.where('id', scope.id).orWhere('district_id', scope.id))
  if (scope.level === 'street') query.where((q) => q.where('id', scope.id).orWhere('street_id', scope.id))
  if (scope.level === 'community') query.where('id', scope.id)
  return query.select('id', 'name', 'level', 'boundary').orderByRaw(`CASE level WHEN 'district' THEN 0 WHEN 'street' THEN 1 ELSE 2 END`).orderBy('id')
}

/** 物业区域's map layers (`area_map.index`): region boundaries and estates of the scope, WGS-84. */
export default class AreaMapController {
  async index({ request, auth }: HttpContext) {
    const { region_id } = await request.validateUsing(areaMapValidator, { data: request.qs() })
    const user = auth.getUserOrFail()
    const scope = region_id === undefined ? await userScope(user) : await findRegionInScope(user, region_id)
    const regions = (await regionsOf(scope)) as { id: number; name: string; level: 'district' | 'street' | 'community'; boundary: PolygonGeometry }[]
    const estateQuery = db.from('estates as e').whereNotNull('e.lng').whereNotNull('e.lat').select('e.id', 'e.name', 'e.lng', 'e.lat', 'e.boundary').orderBy('e.id')
    whereEstateIn(estateQuery, 'e', scope)
    const estates = ((await estateQuery) as { id: number; name: string; lng: number; lat: number; boundary: PolygonGeometry | null }[]).map((row) => ({
      id: Number(row.id), name: row.name, lng: Number(row.lng), lat: Number(row.lat), boundary: row.boundary,
    }))
    // the extent of everything drawn (a loop: a city's ~30,000 vertices are too many for Math.min(...))
    let bounds: AreaMapLayers['bounds'] = null
    const extend = ([lng, lat]: [number, number]) => {
      bounds = bounds ? [Math.min(bounds[0], lng), Math.min(bounds[1], lat), Math.max(bounds[2], lng), Math.max(bounds[3], lat)] : [lng, lat, lng, lat]
    }
    for (const region of regions) region.boundary.coordinates[0]!.forEach(extend)
    for (const estate of estates) (estate.boundary ? estate.boundary.coordinates[0]! : [[estate.lng, estate.lat] as [number, number]]).forEach(extend)
    const data: AreaMapLayers = { regions: regions.map((r) => ({ id: Number(r.id), name: r.name, level: r.level, boundary: r.boundary })), estates, bounds }
    return { data, meta: mapConfig() }
  }
}
