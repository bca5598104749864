/**
 * 物业区域管理's map query, on the server: the shape a user drew or clicked (WGS-84) is parsed and
 * checked here (bad or self-crossing → 422 on its field, in Chinese), the estates are prefiltered by
 * bounding box in SQL (area_estate_query.ts) and then tested exactly with turf.
 *
 * Decided: a shape's edge counts as inside. A clicked point on an estate's boundary line selects that
 * estate (two estates sharing that edge are both selected); a rectangle or polygon that only touches an
 * estate's boundary selects it. An estate without a boundary is matched by its point.
 */
import { errors as vineErrors } from '@vinejs/vine'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { booleanIntersects } from '@turf/boolean-intersects'
import { kinks } from '@turf/kinks'
import { point as turfPoint, polygon as turfPolygon } from '@turf/helpers'
import { AREA_POLYGON_MAX_POINTS, type PolygonGeometry } from '@szpm/core'

export type Position = [lng: number, lat: number]
export type Box = [minLng: number, minLat: number, maxLng: number, maxLat: number]

/** one map query: a rectangle and a polygon are both a polygon here; a point is a click */
export type MapShape = { kind: 'polygon'; field: 'bbox' | 'polygon'; ring: Position[]; box: Box } | { kind: 'point'; field: 'point'; position: Position; box: Box }

function refuse(field: string, message: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'geometry' }])
}

const NUMBER = /^\s*-?\d{1,3}(\.\d{1,12})?\s*$/

function position(text: string, field: string, what: string): Position {
  const parts = text.split(',')
  if (parts.length !== 2 || !parts.every((part) => NUMBER.test(part))) refuse(field, `${what}的坐标格式不正确（应为“经度,纬度”）`)
  const [lng, lat] = parts.map(Number)
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) refuse(field, `${what}的坐标超出经纬度范围`)
  return [lng, lat]
}

function boxOf(ring: Position[]): Box {
  const lngs = ring.map((p) => p[0])
  const lats = ring.map((p) => p[1])
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)]
}

/** twice the signed area of a ring (shoelace), taken relative to its first vertex so rounding stays tiny */
function doubleArea(ring: Position[]) {
  const [x0, y0] = ring[0]
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0)
  return sum
}

/**
 * The map query of a list request: at most one of `bbox` (`minLng,minLat,maxLng,maxLat`), `polygon`
 * (`lng,lat;lng,lat;…`) and `point` (`lng,lat`); undefined when none is given.
 */
export function parseMapShape(input: { bbox?: string; polygon?: string; point?: string }): MapShape | undefined {
  const given = (['bbox', 'polygon', 'point'] as const).filter((field) => input[field] !== undefined && input[field] !== '')
  if (given.length > 1) refuse(given[1], '一次只能使用一种地图查询方式（矩形、多边形或点选）')
  if (given.length === 0) return undefined
  const field = given[0]
  if (field === 'point') {
    const at = position(input.point!, 'point', '点选位置')
    return { kind: 'point', field, position: at, box: [at[0], at[1], at[0], at[1]] }
  }
  if (field === 'bbox') {
    const parts = input.bbox!.split(',')
    if (parts.length !== 4 || !parts.every((part) => NUMBER.test(part))) refuse('bbox', '矩形范围格式不正确（应为“最小经度,最小纬度,最大经度,最大纬度”）')
    const [minLng, minLat, maxLng, maxLat] = parts.map(Number)
    position(`${minLng},${minLat}`, 'bbox', '矩形范围')
    position(`${maxLng},${maxLat}`, 'bbox', '矩形范围')
    if (!(minLng < maxLng && minLat < maxLat)) refuse('bbox', '矩形范围的最小经纬度须小于最大经纬度')
    const ring: Position[] = [[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]
    return { kind: 'polygon', field, ring, box: [minLng, minLat, maxLng, maxLat] }
  }
  const vertices = input.polygon!.split(';').filter((part) => part.trim() !== '').map((part) => position(part, 'polygon', '多边形顶点'))
  if (vertices.length > 1 && vertices[0][0] === vertices.at(-1)![0] && vertices[0][1] === vertices.at(-1)![1]) vertices.pop()
  if (vertices.length < 3) refuse('polygon', '多边形至少需要 3 个不同的顶点')
  if (vertices.length > AREA_POLYGON_MAX_POINTS) refuse('polygon', `多边形最多 ${AREA_POLYGON_MAX_POINTS} 个顶点`)
  const ring: Position[] = [...vertices, vertices[0]]
  // self-crossing first: a bow tie's two halves cancel out to a zero signed area
  if (kinks(turfPolygon([ring])).features.length > 0) refuse('polygon', '多边形的边不能自相交，请重新绘制')
  if (Math.abs(doubleArea(ring)) < 1e-14) refuse('polygon', '多边形的面积不能为零（顶点不能在一条直线上）')
  return { kind: 'polygon', field, ring, box: boxOf(ring) }
}

/** Does an estate (its boundary, else its point) match the shape? Edges count as inside. */
export function estateMatches(shape: MapShape, estate: { boundary: PolygonGeometry | null; lng: number | null; lat: number | null }): boolean {
  if (shape.kind === 'point') {
    return estate.boundary !== null && booleanPointInPolygon(turfPoint(shape.position), estate.boundary, { ignoreBoundary: false })
  }
  const area = turfPolygon([shape.ring])
  if (estate.boundary) return booleanIntersects(area, estate.boundary)
  if (estate.lng === null || estate.lat === null) return false
  return booleanPointInPolygon(turfPoint([estate.lng, estate.lat]), area, { ignoreBoundary: false })
}
