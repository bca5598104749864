import db from '@adonisjs/lucid/services/db'
import { E, R } from '#tests/support/world'

type Box = [number, number, number, number]

/**
 * The small world laid out on the map (WGS-84), for 物业区域管理's map query:
 *
 *   lat 22.52 ┌──────── 园岭街道 ────────┬──── 南园街道 ────┬──── 桂园街道 ────┐
 *             │ 园岭二社区: e3     e6    │                  │                  │
 *   lat 22.51 ├──────────────────────────┤ 南园一社区:  e4  │ 桂园一社区: e5   │
 *             │ 园岭一社区: e1|e2        │                  │                  │
 *   lat 22.50 └──────────────────────────┴──────────────────┴──────────────────┘
 *           114.00                    114.02             114.04             114.06
 *
 * e1 and e2 share their edge at lng 114.006; e4 lies just east of the 园岭 / 南园 street boundary.
 */
export const REGION_BOXES: Record<number, Box> = {
  [R.futian]: [114.0, 22.5, 114.04, 22.52],
  [R.luohu]: [114.04, 22.5, 114.06, 22.52],
  [R.yuanling]: [114.0, 22.5, 114.02, 22.52],
  [R.nanyuan]: [114.02, 22.5, 114.04, 22.52],
  [R.guiyuan]: [114.04, 22.5, 114.06, 22.52],
  [R.yl1]: [114.0, 22.5, 114.02, 22.51],
  [R.yl2]: [114.0, 22.51, 114.02, 22.52],
  [R.ny1]: [114.02, 22.5, 114.04, 22.52],
  [R.gy1]: [114.04, 22.5, 114.06, 22.52],
}

export const ESTATE_BOXES: Record<number, Box> = {
  [E.e1]: [114.004, 22.504, 114.006, 22.506],
  [E.e2]: [114.006, 22.504, 114.008, 22.506],
  [E.e3]: [114.004, 22.514, 114.006, 22.516],
  [E.e6]: [114.01, 22.514, 114.012, 22.516],
  [E.e4]: [114.022, 22.504, 114.024, 22.506],
  [E.e5]: [114.044, 22.504, 114.046, 22.506],
}

const polygon = ([a, b, c, d]: Box) => JSON.stringify({ type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] })

/** Writes the boundaries above onto the world (after resetWorld). */
export async function layOutWorld() {
  for (const [id, box] of Object.entries(REGION_BOXES)) {
    await db.from('regions').where('id', Number(id)).update({ boundary: polygon(box), min_lng: box[0], min_lat: box[1], max_lng: box[2], max_lat: box[3] })
  }
  for (const [id, box] of Object.entries(ESTATE_BOXES)) {
    await db.from('estates').where('id', Number(id)).update({
      boundary: polygon(box), min_lng: box[0], min_lat: box[1], max_lng: box[2], max_lat: box[3], lng: +((box[0] + box[2]) / 2).toFixed(6), lat: +((box[1] + box[3]) / 2).toFixed(6),
    })
  }
}
