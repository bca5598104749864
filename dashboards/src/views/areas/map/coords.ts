import gcoord from 'gcoord'
import type { AreaMapConfig } from '@szpm/api'

export type LngLat = [number, number]

/**
 * Our coordinates are WGS-84 everywhere (database, API, the offline layer). Only when online tiles of a
 * Chinese provider are configured (`MAP_TILE_CRS=gcj02`) is what the map shows converted to GCJ-02,
 * and what the user draws converted back before it is sent.
 */
export function coordinateSystem(config: AreaMapConfig | null) {
  const gcj = config?.tileCrs === 'gcj02'
  return {
    toMap: ([lng, lat]: LngLat): LngLat => (gcj ? (gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as LngLat) : [lng, lat]),
    fromMap: ([lng, lat]: LngLat): LngLat => (gcj ? (gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as LngLat) : [lng, lat]),
  }
}

const fixed = (value: number) => String(+value.toFixed(6))

/** the list's map query parameters, from WGS-84 positions */
export const bboxParam = ([minLng, minLat]: LngLat, [maxLng, maxLat]: LngLat) => [minLng, minLat, maxLng, maxLat].map(fixed).join(',')
export const polygonParam = (ring: LngLat[]) => ring.map(([lng, lat]) => `${fixed(lng)},${fixed(lat)}`).join(';')
export const pointParam = ([lng, lat]: LngLat) => `${fixed(lng)},${fixed(lat)}`

/** the shape of a map query param, back as a ring (or a point), for drawing it; null when unreadable */
export function shapeOf(query: { bbox?: string; polygon?: string; point?: string }): { ring: LngLat[] } | { point: LngLat } | null {
  const numbers = (text: string) => text.split(',').map(Number)
  if (query.bbox) {
    const [a, b, c, d] = numbers(query.bbox)
    if ([a, b, c, d].some((n) => n === undefined || Number.isNaN(n))) return null
    return { ring: [[a!, b!], [c!, b!], [c!, d!], [a!, d!]] }
  }
  if (query.polygon) {
    const ring = query.polygon.split(';').map((part) => numbers(part) as LngLat)
    return ring.every((p) => p.length === 2 && !p.some(Number.isNaN)) ? { ring } : null
  }
  if (query.point) {
    const point = numbers(query.point) as LngLat
    return point.length === 2 && !point.some(Number.isNaN) ? { point } : null
  }
  return null
}
