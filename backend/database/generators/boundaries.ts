import { DISTRICT_CENTRES, SCATTER } from './estates.ts'
import type { DataGenerator, GeneratedState } from './types.ts'

/** A box in WGS-84 degrees: [minLng, minLat, maxLng, maxLat]. */
export type Box = [number, number, number, number]

const FALLBACK_CENTRE: [number, number] = [114.06, 22.55]

/**
 * Splits a box into `count` cells that tile it: a grid of ⌈√count⌉ columns, the last row's cells
 * wider so every cell is used and neighbours share their edges exactly.
 */
export function splitBox([minLng, minLat, maxLng, maxLat]: Box, count: number): Box[] {
  if (count <= 0) return []
  const columns = Math.ceil(Math.sqrt(count))
  const rows = Math.ceil(count / columns)
  const height = (maxLat - minLat) / rows
  const cells: Box[] = []
  for (let row = 0; row < rows; row++) {
    const inRow = row === rows - 1 ? count - columns * (rows - 1) : columns
    const width = (maxLng - minLng) / inRow
    // rows from the north down, columns from the west
    const top = maxLat - row * height
    for (let column = 0; column < inRow; column++) {
      const bottom = row === rows - 1 ? minLat : top - height
      cells.push([minLng + column * width, bottom, column === inRow - 1 ? maxLng : minLng + (column + 1) * width, top])
    }
  }
  return cells.map(([a, b, c, d]) => [round(a), round(b), round(c), round(d)])
}

const round = (value: number) => +value.toFixed(6)

/**
 * The generated (演示) boundaries: each district the box its estates scatter in (DISTRICT_CENTRES ±
 * SCATTER), its streets a grid over it, each street's communities a grid over the street. Plain data
 * from the region lists, so the estates generator places each estate inside its community's cell.
 */
export function layoutRegions(state: Pick<GeneratedState, 'districts' | 'streets' | 'communities'>): Map<number, Box> {
  const boxes = new Map<number, Box>()
  for (const district of state.districts) {
    const [lng, lat] = DISTRICT_CENTRES[district.name] ?? FALLBACK_CENTRE
    const box: Box = [round(lng - SCATTER[0]), round(lat - SCATTER[1]), round(lng + SCATTER[0]), round(lat + SCATTER[1])]
    boxes.set(district.id, box)
    const streets = state.streets.filter((street) => street.districtId === district.id)
    splitBox(box, streets.length).forEach((cell, i) => boxes.set(streets[i].id, cell))
  }
  const byStreet = new Map<number, number[]>()
  for (const community of state.communities) byStreet.set(community.streetId, [...(byStreet.get(community.streetId) ?? []), community.id])
  for (const [streetId, communities] of byStreet) {
    const street = boxes.get(streetId)
    if (street) splitBox(street, communities.length).forEach((cell, i) => boxes.set(communities[i], cell))
  }
  return boxes
}

/** A point at (u, v) ∈ [0, 1]² of a cell, kept `margin` of the cell's size away from its edges. */
export function pointInCell([minLng, minLat, maxLng, maxLat]: Box, u: number, v: number, margin = 0.2): [number, number] {
  const w = maxLng - minLng
  const h = maxLat - minLat
  return [round(minLng + w * (margin + u * (1 - 2 * margin))), round(minLat + h * (margin + v * (1 - 2 * margin)))]
}

/** the half-size of a generated estate's square boundary, no larger than a fifth of its community's cell */
export function estateHalfSize([minLng, minLat, maxLng, maxLat]: Box): [number, number] {
  return [round(Math.min(0.0006, (maxLng - minLng) * 0.2)), round(Math.min(0.0005, (maxLat - minLat) * 0.2))]
}

export function boxPolygon([minLng, minLat, maxLng, maxLat]: Box) {
  return { type: 'Polygon', coordinates: [[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]] }
}

/**
 * 物业区域管理's map layer: writes the regions' and the estates' boundaries (GeoJSON, WGS-84) and
 * bounding boxes. The estates generator has already put every estate's point inside its community.
 */
export const boundaries: DataGenerator = {
  name: 'boundaries',
  description: 'generated boundaries of districts, streets, communities and estates (物业区域管理 map)',
  tables: [],
  async run(ctx) {
    const { client, state } = ctx
    const boxes = layoutRegions(state)
    const regionIds = [...boxes.keys()]
    const bar = ctx.progress.start('boundaries', regionIds.length + 1, 'regions')
    for (let i = 0; i < regionIds.length; i += 2000) {
      const ids = regionIds.slice(i, i + 2000)
      const cells = ids.map((id) => boxes.get(id)!)
      await client.query(
        `UPDATE regions r SET min_lng = v.a, min_lat = v.b, max_lng = v.c, max_lat = v.d,
           boundary = jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
             jsonb_build_array(v.a, v.b), jsonb_build_array(v.c, v.b), jsonb_build_array(v.c, v.d), jsonb_build_array(v.a, v.d), jsonb_build_array(v.a, v.b))))
         FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::float8[]) AS v(id, a, b, c, d) WHERE r.id = v.id`,
        [ids, cells.map((c) => c[0]), cells.map((c) => c[1]), cells.map((c) => c[2]), cells.map((c) => c[3])]
      )
      bar.increment(ids.length)
    }
    // each estate a small square around its point, inside its community's cell
    const sizes = new Map<number, [number, number]>()
    for (const community of state.communities) {
      const cell = boxes.get(community.id)
      if (cell) sizes.set(community.id, estateHalfSize(cell))
    }
    const communityIds = [...sizes.keys()]
    const result = await client.query(
      `UPDATE estates e SET min_lng = e.lng - v.w, max_lng = e.lng + v.w, min_lat = e.lat - v.h, max_lat = e.lat + v.h
         FROM unnest($1::int[], $2::float8[], $3::float8[]) AS v(id, w, h) WHERE e.community_id = v.id AND e.lng IS NOT NULL`,
      [communityIds, communityIds.map((id) => sizes.get(id)![0]), communityIds.map((id) => sizes.get(id)![1])]
    )
    await client.query(
      `UPDATE estates SET boundary = jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
         jsonb_build_array(min_lng, min_lat), jsonb_build_array(max_lng, min_lat), jsonb_build_array(max_lng, max_lat),
         jsonb_build_array(min_lng, max_lat), jsonb_build_array(min_lng, min_lat)))) WHERE min_lng IS NOT NULL`
    )
    bar.increment()
    bar.stop()
    return { regions: regionIds.length, estates: result.rowCount ?? 0 }
  },
}
