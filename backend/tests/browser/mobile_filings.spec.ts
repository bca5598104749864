import { test } from '@japa/runner'
import { loginOnH5 } from '#tests/support/browser'
import { R, E, resetWorld } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** The same drill-down in the WeChat H5 at a phone viewport. */
test.group('H5 · 备案情况 drill-down', (group) => {
  group.setup(() => resetWorld())

  test('log in, open 物业服务 → 备案情况 and drill to the records', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await loginOnH5(page, 'handler')

    await page.waitForURL((url) => url.pathname === '/m/')
    await page.locator('[data-test="entry-filings"]').click()
    await page.waitForURL((url) => url.pathname === '/m/filings')
    await page.locator(`[data-test="drill-${R.yl2}"]`).waitFor()
    assert.include(await page.locator('[data-test="statistics-totals"]').innerText(), '4')
    // the declared charts: the contract donut's legend shares the street's 4 estates out
    await page.locator('[data-test="statistics-charts"]').waitFor()
    assert.include(await page.locator('[data-test="legend-contractFiled"]').innerText(), '合同已备案')

    await page.locator(`[data-test="drill-${R.yl2}"] .van-cell__title > span`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl2))
    await page.locator(`[data-test="drill-${E.e6}"]`).waitFor()

    await page.locator(`[data-test="cell-${E.e6}-contractNotFiled"]`).click()
    await page.waitForURL((url) => url.pathname === '/m/filings/records')
    assert.equal(new URL(page.url()).searchParams.get('contract_status'), 'not_filed')
    await page.locator(`[data-test="record-row-${E.e6}"]`).waitFor()
    assert.equal(await page.locator('[data-test^="record-row-"]').count(), 1)
    assert.include(await page.locator(`[data-test="record-row-${E.e6}"]`).innerText(), '星河雅居')
    assert.include(await page.locator(`[data-test="record-row-${E.e6}"]`).innerText(), '未备案')

    // the one estate page, on its 备案情况 tab
    await page.locator(`[data-test="record-row-${E.e6}"]`).click()
    await page.waitForURL((url) => url.pathname === `/m/estates/${E.e6}` && url.searchParams.get('tab') === 'filings')
    await page.locator('[data-test="estate-head"]').waitFor()
    assert.include(await page.locator('[data-test="estate-head"]').innerText(), '星河雅居')
    await page.locator('[data-test="estate-filings"]').waitFor()
    // the page fits the phone: no horizontal scrolling
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.isAtMost(overflow, 0)
    await context.close()
  })
})
