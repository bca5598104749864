import { test } from '@japa/runner'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { E, resetWorld } from '#tests/support/world'
import { resetWeather, weatherStub } from '#tests/support/weather'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** 小区气象公告栏 in the WeChat H5 at a phone viewport, on a typhoon day replayed by the QWeather stub. */
test.group('H5 · 小区气象公告栏', (group) => {
  group.setup(() => resetWorld())
  group.each.setup(async () => {
    await resetWeather()
    return () => resetWeather()
  })

  test('search an estate, 确定选择, see the red typhoon signal, current weather and 7 days', async ({ browser, assert }) => {
    weatherStub().setScenario('typhoon', { stage: 4 })
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await loginOnH5(page, 'head')

    await page.locator('[data-test="entry-weather"]').click()
    await page.waitForURL((url) => url.pathname === '/m/weather')
    // the street's four estates, then narrowed by keyword
    await page.locator(`[data-test="weather-option-${E.e1}"]`).waitFor()
    assert.equal(await page.locator('[data-test^="weather-option-"]').count(), 4)
    assert.isTrue(await page.locator('[data-test="weather-confirm"]').isDisabled())
    await page.locator('[data-test="weather-q"] input').fill('碧海')
    await page.locator('[data-test="weather-search"]').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-test^="weather-option-"]').length === 1)
    await page.locator(`[data-test="weather-option-${E.e3}"]`).click()
    await page.locator('[data-test="weather-confirm"]').click()

    await page.waitForURL((url) => url.searchParams.get('estate') === String(E.e3))
    await page.locator('[data-test="weather-board"]').waitFor()
    assert.equal((await page.locator('[data-test="weather-estate"]').innerText()).trim(), '碧海花园')
    // the red typhoon signal first, with its official name and our icon, then the orange rainstorm
    const typhoon = page.locator('[data-test="weather-warning-typhoon"]')
    assert.include(await typhoon.innerText(), '台风红色预警信号')
    assert.include(await typhoon.innerText(), '深圳市气象台')
    assert.equal(await typhoon.locator('svg rect').first().getAttribute('fill'), '#d9001b')
    assert.include(await page.locator('[data-test="weather-warning-rainstorm"]').innerText(), '暴雨橙色预警信号')
    const order = await page.locator('[data-test^="weather-warning-"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-test')))
    assert.deepEqual(order, ['weather-warning-typhoon', 'weather-warning-rainstorm'])
    // current weather and the 7-day forecast
    assert.match(await page.locator('[data-test="weather-now-temp"]').innerText(), /^-?\d+℃$/)
    assert.include(await page.locator('[data-test="weather-now"]').innerText(), '暴雨')
    assert.equal(await page.locator('[data-test="weather-day"]').count(), 7)
    // nothing overflows the 375 px screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.isAtMost(overflow, 0)

    // 更换小区 returns to the list
    await page.locator('[data-test="weather-change"]').click()
    await page.locator('[data-test="weather-confirm"]').waitFor()
    await context.close()
  })

  test('PC: 选择小区 by keyword, 确定选择, the board with the orange typhoon signal; the legend of the eleven signals', async ({ visit, assert }) => {
    weatherStub().setScenario('typhoon', { stage: 3 })
    const page = await loginOnPc(visit, 'head')
    await page.locator('[data-test="nav-weather"]').click()
    await page.waitForURL((url) => url.pathname === '/weather')
    assert.equal(await page.locator('[data-test="weather-legend"] .legend-item').count(), 11)
    await page.locator('[data-test="weather-q"]').fill('翠园')
    await page.locator('[data-test="weather-search"]').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-test="weather-options"] .el-table__body tr').length === 1)
    await page.locator('[data-test="weather-options"] .el-table__body tr').first().click()
    await page.locator('[data-test="weather-confirm"]').click()
    await page.waitForURL((url) => url.searchParams.get('estate') === String(E.e1))
    await page.locator('[data-test="weather-board"]').waitFor()
    assert.include(await page.locator('[data-test="weather-estate"]').innerText(), '翠园小区')
    assert.include(await page.locator('[data-test="weather-warning-typhoon"]').innerText(), '台风橙色预警信号')
    assert.include(await page.locator('[data-test="weather-warning-rainstorm"]').innerText(), '暴雨黄色预警信号')
    assert.equal(await page.locator('[data-test="weather-forecast"] .el-table__body tr').count(), 7)
    // a reload keeps the chosen estate
    await page.reload()
    await page.locator('[data-test="weather-warning-typhoon"]').waitFor()
  })
})
