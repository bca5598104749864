import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { loginOnPc } from '#tests/support/browser'
import { E, resetWorld } from '#tests/support/world'
import { layOutWorld } from '#tests/support/area_geometry'

/** the screen position of a WGS-84 point on the map, from the extent the map element shows (data-view) */
async function screenPoint(page: Page, lng: number, lat: number) {
  const map = page.locator('[data-test="area-map"]')
  const [west, south, east, north] = (await map.getAttribute('data-view'))!.split(',').map(Number)
  const box = (await map.boundingBox())!
  // Web Mercator's y over a few hundredths of a degree: linear to well under a pixel
  return { x: box.x + ((lng - west) / (east - west)) * box.width, y: box.y + ((north - lat) / (north - south)) * box.height }
}

const rowNames = async (page: Page) => (await page.locator('[data-test="area-table"] .el-table__body-wrapper tbody tr').allInnerTexts()).map((text) => text.split('\t')[0]!.trim())

/**
 * 物业区域管理 · 物业区域 on PC: 园岭's handler sees the street's estates on the offline map and in the
 * list, draws a rectangle around 园岭一社区's two estates (the server filters the list to them),
 * clicks a point on 碧海花园, then opens its 详情 on the estate page's 物业区域信息 tab.
 */
test.group('物业区域 · PC map query', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await layOutWorld()
  })

  test('draw a rectangle → the list is filtered; click a point → its estate; 详情 opens the estate page', async ({ visit, assert }) => {
    const pc = await loginOnPc(visit, 'handler')
    await pc.goto(new URL('/areas', pc.url()).toString())
    await pc.locator(`[data-test="area-estate-${E.e6}"]`).waitFor()
    assert.deepEqual((await rowNames(pc)).sort(), ['星河雅居', '碧海花园', '翠园小区', '锦华苑'].sort())
    // the offline layer has fitted the street's boundary
    await pc.waitForFunction(() => document.querySelector('[data-test="area-map"]')?.getAttribute('data-view'))

    // 画矩形: two corners around e1 and e2 (114.004–114.008, 22.504–22.506)
    await pc.locator('[data-test="area-mode-rectangle"]').click()
    const from = await screenPoint(pc, 114.003, 22.5075)
    const to = await screenPoint(pc, 114.009, 22.5025)
    const answered = pc.waitForResponse((response) => response.url().includes('/api/v1/areas/estates?') && response.url().includes('bbox='))
    await pc.mouse.click(from.x, from.y)
    await pc.mouse.move(to.x, to.y, { steps: 8 })
    await pc.mouse.click(to.x, to.y)
    assert.equal((await answered).status(), 200)
    await pc.locator(`[data-test="area-estate-${E.e6}"]`).waitFor({ state: 'detached' })
    await pc.locator('[data-test="area-shape-tag"]').waitFor()
    assert.deepEqual((await rowNames(pc)).sort(), ['翠园小区', '锦华苑'].sort())
    const bbox = new URL(pc.url()).searchParams.get('bbox')!.split(',').map(Number)
    assert.closeTo(bbox[0]!, 114.003, 0.0005)
    assert.closeTo(bbox[3]!, 22.5075, 0.0005)
    // the export carries the same query
    assert.include(await pc.locator('[data-test="area-export"]').getAttribute('href'), 'bbox=')

    // 点选 on 碧海花园 (e3: 114.004–114.006, 22.514–22.516)
    await pc.locator('[data-test="area-mode-point"]').click()
    const on = await screenPoint(pc, 114.005, 22.515)
    await pc.mouse.click(on.x, on.y)
    await pc.locator(`[data-test="area-estate-${E.e3}"]`).waitFor()
    await pc.locator(`[data-test="area-estate-${E.e1}"]`).waitFor({ state: 'detached' })
    assert.deepEqual(await rowNames(pc), ['碧海花园'])
    assert.isNull(new URL(pc.url()).searchParams.get('bbox'))

    // 清除地图范围: the whole street again
    await pc.locator('[data-test="area-clear-shape"]').click()
    await pc.locator(`[data-test="area-estate-${E.e6}"]`).waitFor()

    // 详情 → the shared estate page, on 物业区域信息
    await pc.locator(`[data-test="area-detail-${E.e3}"]`).click()
    await pc.waitForURL((url) => url.pathname === `/estates/${E.e3}` || url.pathname.endsWith(`/${E.e3}`))
    await pc.locator('[data-test="estate-area-info"]').waitFor()
    const info = await pc.locator('[data-test="estate-area-info"]').innerText()
    for (const text of ['碧海花园', '园岭二社区', '114.005', '22.515']) assert.include(info, text)
    await pc.locator('[data-test="estate-houses"]').waitFor()
    assert.include(await pc.locator('[data-test="estate-houses"]').innerText(), '300')
    await pc.locator('[data-test="estate-equipment"]').waitFor()
    assert.include(await pc.locator('[data-test="estate-equipment"]').innerText(), '暂无设施设备信息')
  }).timeout(180_000)
})
