import { test } from '@japa/runner'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { boxPolygon, estateHalfSize, layoutRegions, pointInCell, splitBox, type Box } from '#database/generators/boundaries'
import { DISTRICT_CENTRES, SCATTER } from '#database/generators/estates'
import { GENERATORS, runGenerators } from '#database/generators/index'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'

const area = ([a, b, c, d]: Box) => (c - a) * (d - b)
const inside = (inner: Box, outer: Box) => inner[0] >= outer[0] - 1e-9 && inner[1] >= outer[1] - 1e-9 && inner[2] <= outer[2] + 1e-9 && inner[3] <= outer[3] + 1e-9
const overlap = (p: Box, q: Box) => Math.max(0, Math.min(p[2], q[2]) - Math.max(p[0], q[0])) * Math.max(0, Math.min(p[3], q[3]) - Math.max(p[1], q[1]))

/** 物业区域管理's generated boundaries (database/generators/boundaries.ts): nested cells that tile their parent. */
test.group('Generated area boundaries', () => {
  test('splitBox tiles its box exactly: n cells, inside it, no overlaps, areas adding up', ({ assert }) => {
    const box: Box = [114.0, 22.5, 114.06, 22.55]
    for (const n of [1, 2, 3, 5, 7, 10, 11]) {
      const cells = splitBox(box, n)
      assert.lengthOf(cells, n)
      for (const cell of cells) assert.isTrue(inside(cell, box), `${n}: ${cell}`)
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) assert.isBelow(overlap(cells[i]!, cells[j]!), 1e-12, `${n}: cells ${i}, ${j}`)
      assert.closeTo(cells.reduce((sum, cell) => sum + area(cell), 0), area(box), 1e-9)
    }
    assert.deepEqual(splitBox(box, 0), [])
  })

  test('districts are their scatter box; streets tile the district, communities the street; estates sit inside their community', ({ assert }) => {
    const state = {
      districts: [{ id: 2, name: '福田区', code: null }],
      streets: [3, 4, 5].map((id) => ({ id, name: `街道${id}`, districtId: 2, districtName: '福田区' })),
      communities: [10, 11, 12, 13, 14].map((id) => ({ id, name: `社区${id}`, streetId: id < 13 ? 3 : 4, districtId: 2, districtName: '福田区' })),
    }
    const boxes = layoutRegions(state)
    const [lng, lat] = DISTRICT_CENTRES['福田区']!
    assert.deepEqual(boxes.get(2), [+(lng - SCATTER[0]).toFixed(6), +(lat - SCATTER[1]).toFixed(6), +(lng + SCATTER[0]).toFixed(6), +(lat + SCATTER[1]).toFixed(6)])
    for (const street of [3, 4, 5]) assert.isTrue(inside(boxes.get(street)!, boxes.get(2)!))
    for (const community of state.communities) assert.isTrue(inside(boxes.get(community.id)!, boxes.get(community.streetId)!))
    for (const [u, v] of [[0, 0], [1, 1], [0.5, 0.3]] as const) {
      const cell = boxes.get(10)!
      const [x, y] = pointInCell(cell, u, v)
      const [w, h] = estateHalfSize(cell)
      assert.isTrue(inside([x - w, y - h, x + w, y + h], cell), 'the estate square stays in its community')
      assert.isTrue(booleanPointInPolygon([x, y], boxPolygon(cell) as any))
    }
  })

  test('the generator writes them: every estate point and square inside its community, every community inside its street', async ({ assert }) => {
    const upToBoundaries = GENERATORS.slice(0, GENERATORS.findIndex((generator) => generator.name === 'boundaries') + 1)
    const scale = { communitiesPerStreet: [2, 4] as [number, number], estatesPerCommunity: [2, 5] as [number, number], housesPerEstate: [1, 2] as [number, number], streets: ['园岭街道', '南园街道', '粤海街道'] }
    try {
      const rows = await withClient(async (client) => {
        await runGenerators(upToBoundaries, { client, scale, seed: 7, fresh: true })
        return {
          outside: (await client.query(`
            SELECT e.id FROM estates e JOIN regions c ON c.id = e.community_id
             WHERE e.boundary IS NULL OR c.boundary IS NULL
                OR e.min_lng < c.min_lng OR e.max_lng > c.max_lng OR e.min_lat < c.min_lat OR e.max_lat > c.max_lat
                OR e.lng NOT BETWEEN e.min_lng AND e.max_lng OR e.lat NOT BETWEEN e.min_lat AND e.max_lat`)).rows,
          communities: (await client.query(`
            SELECT c.id FROM regions c JOIN regions s ON s.id = c.parent_id
             WHERE c.level = 'community' AND (c.min_lng < s.min_lng OR c.max_lng > s.max_lng OR c.min_lat < s.min_lat OR c.max_lat > s.max_lat)`)).rows,
          counts: (await client.query(`SELECT (SELECT count(*)::int FROM estates) AS estates, (SELECT count(*)::int FROM regions WHERE boundary IS NULL AND level <> 'city') AS unbounded`)).rows[0],
        }
      })
      assert.isAbove(rows.counts.estates, 0)
      assert.equal(rows.counts.unbounded, 0)
      assert.deepEqual(rows.outside, [])
      assert.deepEqual(rows.communities, [])
    } finally {
      await resetWorld()
    }
  }).timeout(120_000)
})
