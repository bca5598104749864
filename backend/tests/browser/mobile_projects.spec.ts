import { test } from '@japa/runner'
import { loginOnH5 } from '#tests/support/browser'
import { R, E, resetWorld } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** 项目管理 in the WeChat H5 at a phone viewport: drill-down and the infinite estate list. */
test.group('H5 · 项目管理', (group) => {
  group.setup(() => resetWorld())

  test('log in, open 物业服务 → 项目管理, drill and scroll the estate list', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await loginOnH5(page, 'handler')

    await page.waitForURL((url) => url.pathname === '/m/')
    await page.locator('[data-test="entry-projects"]').click()
    await page.waitForURL((url) => url.pathname === '/m/projects')

    // the street: totals and one row per community
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal((await page.locator('[data-test="total-estates"] .summary__value').innerText()).trim(), '4')
    assert.equal((await page.locator('[data-test="total-households"] .summary__value').innerText()).trim(), '1,080')
    for (const text of ['物业项目数 2', '房屋数 300', '户数 270']) assert.include(await page.locator(`[data-test="drill-${R.yl1}"]`).innerText(), text)
    for (const text of ['物业项目数 2', '房屋数 900', '户数 810']) assert.include(await page.locator(`[data-test="drill-${R.yl2}"]`).innerText(), text)

    // drill into 园岭一社区: its estates
    await page.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await page.locator(`[data-test="drill-${E.e2}"]`).waitFor()
    assert.include(await page.locator(`[data-test="drill-${E.e2}"]`).innerText(), '锦华苑')
    for (const text of ['房屋数 200', '户数 180']) assert.include(await page.locator(`[data-test="drill-${E.e2}"]`).innerText(), text)

    // back to the street by the breadcrumb, then its estate list
    await page.locator(`[data-test="crumb-${R.yuanling}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yuanling))
    await page.locator('[data-test="records-link"]').click()
    await page.waitForURL((url) => url.pathname === '/m/projects/estates')
    assert.equal(new URL(page.url()).searchParams.get('region'), String(R.yuanling))

    // the infinite list: the street's 4 estates, then 没有更多了
    for (const id of [E.e1, E.e2, E.e3, E.e6]) await page.locator(`[data-test="record-row-${id}"]`).waitFor()
    assert.equal(await page.locator('[data-test^="record-row-"]').count(), 4)
    assert.include(await page.locator('[data-test="records-total"]').innerText(), '共 4 个项目')
    await page.getByText('没有更多了').waitFor()
    const row = await page.locator(`[data-test="record-row-${E.e6}"]`).innerText()
    for (const text of ['星河雅居', '住宅', '园岭二社区', '房屋数 600', '户数 540', '业委会 未成立']) {
      assert.include(row, text, `estate row shows ${text}`)
    }

    // 业委会 dropdown: 已成立 keeps the odd ids
    await page.locator('.van-dropdown-menu__item').nth(1).click()
    await page.locator('.van-dropdown-item__option', { hasText: '已成立' }).click()
    await page.waitForURL((url) => url.searchParams.get('has_committee') === 'true')
    await page.locator(`[data-test="record-row-${E.e2}"]`).waitFor({ state: 'detached' })
    await page.locator(`[data-test="record-row-${E.e3}"]`).waitFor()
    assert.equal(await page.locator('[data-test^="record-row-"]').count(), 2)

    // search by name
    await page.locator('[data-test="records-search"] input').fill('碧海')
    await page.locator('[data-test="records-search"] input').press('Enter')
    await page.waitForURL((url) => url.searchParams.get('q') === '碧海')
    await page.locator(`[data-test="record-row-${E.e1}"]`).waitFor({ state: 'detached' })
    assert.equal(await page.locator('[data-test^="record-row-"]').count(), 1)

    // the page fits the phone: no horizontal scrolling
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.isAtMost(overflow, 0)

    // a row opens the one estate page on its 基本信息 tab
    await page.locator(`[data-test="record-row-${E.e3}"]`).click()
    await page.waitForURL((url) => url.pathname === `/m/estates/${E.e3}` && url.searchParams.get('tab') === 'projects')
    await page.locator('[data-test="estate-info"]').waitFor()
    assert.include(await page.locator('[data-test="estate-info"]').innerText(), '碧海花园')
    await context.close()
  })
})
