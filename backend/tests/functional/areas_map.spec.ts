import { test } from '@japa/runner'
import { E, R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { layOutWorld } from '#tests/support/area_geometry'
import db from '@adonisjs/lucid/services/db'
import { USERS } from '#tests/support/world'
import { routeByName } from '@szpm/core'

/**
 * 物业区域管理 (module 20) · the area list and its map query over the small world laid out by
 * tests/support/area_geometry.ts: e1|e2 side by side in 园岭一社区, e3 e6 in 园岭二社区, e4 in 南园 just
 * across the street boundary, e5 in 罗湖.
 */
const ids = (body: { data: { id: number }[] }) => body.data.map((row) => row.id).sort((a, b) => a - b)

/** a polygon from 园岭一社区 across the 园岭 / 南园 street boundary: meets e1, e2 and e4 */
const ACROSS = '114.003,22.503;114.027,22.503;114.027,22.507;114.003,22.507'

test.group('物业区域管理 · map query', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await layOutWorld()
    // a head grants 园岭一社区's handler the area list (not among its defaults)
    await db.table('user_features').insert({ user_id: USERS.community.id, feature: 'areas.view', granted_by: USERS.head.id, granted_at: new Date() })
  })

  test('a polygon across a street boundary returns only the estates in the user scope', async ({ client, assert }) => {
    const list = async (who: Parameters<typeof actor>[0]) => {
      const response = await client.visit('api.area_estates.index').qs({ polygon: ACROSS }).loginAs(await actor(who))
      response.assertStatus(200)
      return response.body()
    }
    assert.deepEqual(ids(await list('futian')), [E.e1, E.e2, E.e4])
    const handler = await list('handler')
    assert.deepEqual(ids(handler), [E.e1, E.e2])
    assert.equal(handler.meta.total, 2)
    assert.deepEqual(ids(await list('nanyuan')), [E.e4])
    // 罗湖's handler: the polygon lies wholly outside 桂园 → nothing, never another street's estates
    assert.deepEqual(ids(await list('guiyuan')), [])
    // a community's account: its community only
    assert.deepEqual(ids(await list('community')), [E.e1, E.e2])
    // the city admin sees them all, with their place
    const city = await list('city')
    assert.deepEqual(ids(city), [E.e1, E.e2, E.e4])
    assert.deepInclude(city.data, {
      id: E.e4, name: '南园大厦', type: '住宅', address: '深圳市测试路4号', districtName: '福田区', streetName: '南园街道', communityName: '南园一社区',
      companyName: '测试物业公司', houseCount: 400, buildingArea: 40000, hasCommittee: false, lng: 114.023, lat: 22.505,
    })
  })

  test('a rectangle selects the estates its area meets; bbox prefilter + exact test agree with an L-shaped polygon', async ({ client, assert }) => {
    const futian = await actor('futian')
    const box = await client.visit('api.area_estates.index').qs({ bbox: '114.0,22.5,114.02,22.52' }).loginAs(futian)
    box.assertStatus(200)
    assert.deepEqual(ids(box.body()), [E.e1, E.e2, E.e3, E.e6])
    // an L: the west column (x ≤ 114.0065) and the south row (y ≤ 22.507); e6's box lies inside the L's
    // bounding box (the SQL prefilter keeps it) but outside the L itself (the exact test drops it)
    const ell = '114.001,22.501;114.03,22.501;114.03,22.507;114.0065,22.507;114.0065,22.519;114.001,22.519'
    const shaped = await client.visit('api.area_estates.index').qs({ polygon: ell }).loginAs(futian)
    shaped.assertStatus(200)
    assert.deepEqual(ids(shaped.body()), [E.e1, E.e2, E.e3, E.e4])
    // the name filter narrows a map query
    const named = await client.visit('api.area_estates.index').qs({ polygon: ell, q: '碧海' }).loginAs(futian)
    assert.deepEqual(ids(named.body()), [E.e3])
  })

  test('a clicked point selects the estate whose boundary holds it; on an edge both neighbours count', async ({ client, assert }) => {
    const futian = await actor('futian')
    const at = async (point: string) => {
      const response = await client.visit('api.area_estates.index').qs({ point }).loginAs(futian)
      response.assertStatus(200)
      return ids(response.body())
    }
    assert.deepEqual(await at('114.005,22.505'), [E.e1])
    // on the edge e1 and e2 share
    assert.deepEqual(await at('114.006,22.505'), [E.e1, E.e2])
    // on e1's western edge, and on its corner
    assert.deepEqual(await at('114.004,22.505'), [E.e1])
    assert.deepEqual(await at('114.004,22.504'), [E.e1])
    // just outside
    assert.deepEqual(await at('114.0039,22.505'), [])
    // the edge e4 would share with 园岭 is no help to 园岭's handler
    const handler = await client.visit('api.area_estates.index').qs({ point: '114.023,22.505' }).loginAs(await actor('handler'))
    assert.deepEqual(ids(handler.body()), [])
  })

  test('a self-crossing polygon and other bad shapes are a 422 on the field, in Chinese', async ({ client, assert }) => {
    const futian = await actor('futian')
    const refused = async (qs: Record<string, string>) => {
      const response = await client.visit('api.area_estates.index').qs(qs).loginAs(futian)
      assert.equal(response.status(), 422, `${JSON.stringify(qs)} → ${response.status()} ${JSON.stringify(response.body()).slice(0, 300)}`)
      return response.body().errors[0] as { field: string; message: string }
    }
    // a bow tie: its edges cross
    assert.deepEqual(await refused({ polygon: '114.0,22.5;114.02,22.52;114.02,22.5;114.0,22.52' }), { field: 'polygon', message: '多边形的边不能自相交，请重新绘制', rule: 'geometry' } as any)
    assert.include(await refused({ polygon: '114.0,22.5;114.02,22.52' }), { field: 'polygon', message: '多边形至少需要 3 个不同的顶点' })
    assert.include(await refused({ polygon: '114.0,22.5;114.01,22.51;114.02,22.52' }), { field: 'polygon', message: '多边形的面积不能为零（顶点不能在一条直线上）' })
    assert.include(await refused({ polygon: '114.0,22.5;abc;114.02,22.52' }), { field: 'polygon', message: '多边形顶点的坐标格式不正确（应为“经度,纬度”）' })
    assert.include(await refused({ bbox: '114.02,22.5,114.0,22.52' }), { field: 'bbox', message: '矩形范围的最小经纬度须小于最大经纬度' })
    assert.include(await refused({ bbox: '114.0,22.5,114.02' }), { field: 'bbox' })
    assert.include(await refused({ point: '200,22.5' }), { field: 'point', message: '点选位置的坐标超出经纬度范围' })
    assert.include(await refused({ bbox: '114.0,22.5,114.02,22.52', point: '114.005,22.505' }), { field: 'point', message: '一次只能使用一种地图查询方式（矩形、多边形或点选）' })
    const many = Array.from({ length: 201 }, (_, i) => `${(114 + 0.01 * Math.cos((2 * Math.PI * i) / 201)).toFixed(6)},${(22.51 + 0.01 * Math.sin((2 * Math.PI * i) / 201)).toFixed(6)}`).join(';')
    assert.include(await refused({ polygon: many }), { field: 'polygon', message: '多边形最多 200 个顶点' })
  })

  test('a region outside the scope is a 404; the list without a map query pages by name and filters', async ({ client, assert }) => {
    const handler = await actor('handler')
    ;(await client.visit('api.area_estates.index').qs({ region_id: R.nanyuan }).loginAs(handler)).assertStatus(404)
    ;(await client.visit('api.area_map.index').qs({ region_id: R.guiyuan }).loginAs(handler)).assertStatus(404)
    const all = await client.visit('api.area_estates.index').qs({ per_page: 2 }).loginAs(handler)
    all.assertStatus(200)
    assert.equal(all.body().meta.total, 4)
    assert.lengthOf(all.body().data, 2)
    const named = await client.visit('api.area_estates.index').qs({ q: '锦华' }).loginAs(handler)
    assert.deepEqual(ids(named.body()), [E.e2])
    const committee = await client.visit('api.area_estates.index').qs({ has_committee: 'true', region_id: R.yl2 }).loginAs(handler)
    assert.deepEqual(ids(committee.body()), [E.e3])
    // a map query pages over the exact matches
    const paged = await client.visit('api.area_estates.index').qs({ bbox: '114.0,22.5,114.04,22.52', per_page: 1, page: 2 }).loginAs(handler)
    assert.equal(paged.body().meta.total, 4)
    assert.lengthOf(paged.body().data, 1)
  })

  test('the export carries the list with its map query', async ({ client, assert }) => {
    const response = await client.visit('api.area_estates.export').qs({ polygon: ACROSS }).loginAs(await actor('futian'))
    response.assertStatus(200)
    const { rows } = await readSheet(response.body())
    assert.deepEqual(rows[0], ['区', '街道', '社区', '物业项目ID', '物业项目', '类型', '地址', '物业服务企业', '房屋数（套）', '建筑面积（㎡）', '业主委员会', '经度（WGS-84）', '纬度（WGS-84）'])
    assert.deepEqual(rows.slice(1).map((row) => row[3]), [E.e1, E.e2, E.e4])
    assert.deepEqual(rows[1].slice(0, 5), ['福田区', '园岭街道', '园岭一社区', E.e1, '翠园小区'])
    const bad = await client.visit('api.area_estates.export').qs({ polygon: '114.0,22.5;114.02,22.52;114.02,22.5;114.0,22.52' }).loginAs(await actor('futian'))
    bad.assertStatus(422)
  })

  test('the map layers: the scope’s regions and estates with their boundaries, the offline layer by default', async ({ client, assert }) => {
    const response = await client.visit('api.area_map.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.regions.map((region: { id: number }) => region.id), [R.yuanling, R.yl1, R.yl2])
    assert.deepEqual(data.regions[0], { id: R.yuanling, name: '园岭街道', level: 'street', boundary: { type: 'Polygon', coordinates: [[[114, 22.5], [114.02, 22.5], [114.02, 22.52], [114, 22.52], [114, 22.5]]] } })
    assert.deepEqual(data.estates.map((estate: { id: number }) => estate.id), [E.e1, E.e2, E.e3, E.e6])
    assert.deepEqual(data.bounds, [114, 22.5, 114.02, 22.52])
    assert.deepEqual(meta, { tileUrl: null, tileAttribution: null, tileCrs: 'wgs84' })
    // a community's account: its community and its estates
    const own = await client.visit('api.area_map.index').loginAs(await actor('community'))
    assert.deepEqual(own.body().data.regions.map((region: { id: number }) => region.id), [R.yl1])
    assert.deepEqual(own.body().data.estates.map((estate: { id: number }) => estate.id), [E.e1, E.e2])
    // an estate without a boundary is still matched by its point
    await db.from('estates').where('id', E.e6).update({ boundary: null, min_lng: null, min_lat: null, max_lng: null, max_lat: null })
    const box = await client.visit('api.area_estates.index').qs({ bbox: '114.009,22.513,114.013,22.517' }).loginAs(await actor('handler'))
    assert.deepEqual(ids(box.body()), [E.e6])
  })

  test('hostile values in every filter of the three routes: a 4xx with a Chinese message or a 200, never a 5xx', async ({ client, assert }) => {
    const futian = await actor('futian')
    const values = ['', ' ', 'abc', '-1', '1e3', 'NaN', 'Infinity', 'x'.repeat(10_000), "' OR '1'='1", '%', '_', '\\', '😀', ',', ';', ',,,', '1,2,3,4,5',
      '114.0,22.5;114.0,22.5;114.0,22.5', '114.0,22.5;114.02,22.5;114.02,22.52;114.0,22.5;114.0,22.5', '-180,-90,180,90', '999,999', '1,2;3']
    for (const name of ['area_estates.index', 'area_estates.export', 'area_map.index']) {
      for (const key of routeByName(name)!.query ?? []) {
        for (const value of values) {
          const response = await client.visit(`api.${name}`).qs({ [key]: value }).loginAs(futian)
          assert.isBelow(response.status(), 500, `${name} ${key}=${value.slice(0, 40)}`)
          if (response.status() >= 400) assert.match(response.body().errors[0].message, /[\u4e00-\u9fa5]/, `${name} ${key}=${value.slice(0, 40)}`)
        }
      }
    }
  }).timeout(600_000)
})
