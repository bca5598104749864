import { test } from '@japa/runner'
import { loginOnH5 } from '#tests/support/browser'
import { E, resetWorld } from '#tests/support/world'
import { layOutWorld } from '#tests/support/area_geometry'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/**
 * 物业区域管理 on the H5 (read-only): 园岭's handler opens 物业区域 from the home tile, sees the street's
 * estates, searches by name, opens one: the estate page's 物业区域信息 tab (place, point, 房屋信息,
 * 设施设备信息 暂无).
 */
test.group('H5 · 物业区域', (group) => {
  group.setup(async () => {
    await resetWorld()
    await layOutWorld()
  })

  test('the tile opens the list; search by name; a tap opens the estate’s 物业区域信息', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'handler')
      await page.locator('[data-test="entry-areas"]').click()
      await page.waitForURL((url) => url.pathname === '/m/areas')
      for (const id of [E.e1, E.e2, E.e3, E.e6]) await page.locator(`[data-test="area-${id}"]`).waitFor()
      assert.equal(await page.locator('[data-test^="area-"]', { hasText: '南园大厦' }).count(), 0)
      assert.include(await page.locator('[data-test="areas-total"]').innerText(), '共 4 个项目')

      await page.locator('[data-test="areas-search"] input').fill('碧海')
      await page.locator('[data-test="areas-search"] input').press('Enter')
      await page.waitForURL((url) => url.searchParams.get('q') === '碧海')
      await page.locator(`[data-test="area-${E.e1}"]`).waitFor({ state: 'detached' })
      assert.include(await page.locator(`[data-test="area-${E.e3}"]`).innerText(), '园岭二社区')

      await page.locator(`[data-test="area-${E.e3}"]`).click()
      await page.waitForURL((url) => url.pathname === `/m/estates/${E.e3}` && url.searchParams.get('tab') === 'areas')
      await page.locator('[data-test="estate-area-info"]').waitFor()
      await page.locator('[data-test="estate-area-point"]', { hasText: '114.005' }).waitFor()
      assert.include(await page.locator('[data-test="estate-area-point"]').innerText(), '22.515')
      assert.include(await page.locator('[data-test="estate-area-houses"]').innerText(), '300 套')
      await page.locator('[data-test="estate-area-equipment"]', { hasText: '暂无设施设备信息' }).waitFor()
    } finally {
      await context.close()
    }
  }).timeout(120_000)
})
