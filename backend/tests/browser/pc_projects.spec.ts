import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { R, E, resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'

const cell = async (page: Page, id: number, key: string) =>
  (await page.locator(`[data-test="cell-${id}-${key}"]`).innerText()).trim()

/** A street clerk on PC: 项目统计模块 → street → community → estates, a number → the filtered estate list, export. */
test.group('PC · 项目管理 drill-down', (group) => {
  group.setup(() => resetWorld())

  test('open 项目统计模块 from home and drill to the estates behind a number', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    assert.isTrue(await page.locator('[data-test="entry-projects"]').isVisible(), 'home card 项目管理')

    // the quick entry opens 项目管理 for the user's street: one row per community
    await page.locator('[data-test="quick-project-stats"]').click()
    await page.waitForURL((url) => url.pathname === '/projects')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.include(await page.locator('.page-title').first().innerText(), '园岭街道')

    // 园岭一社区 = e1 + e2, 园岭二社区 = e3 + e6 (house_count 100·id, household_count 90·id, area 10000·id)
    assert.equal(await cell(page, R.yl1, 'estates'), '2')
    assert.equal(await cell(page, R.yl1, 'residentialEstates'), '2')
    assert.equal(await cell(page, R.yl1, 'commercialEstates'), '0')
    assert.equal(await cell(page, R.yl1, 'houses'), '300')
    assert.equal(await cell(page, R.yl1, 'households'), '270')
    assert.equal(await cell(page, R.yl1, 'buildingArea'), '30,000')
    assert.equal(await cell(page, R.yl1, 'companies'), '1')
    assert.equal(await cell(page, R.yl1, 'withCommittee'), '1')
    assert.equal(await cell(page, R.yl1, 'withoutCommittee'), '1')
    assert.equal(await cell(page, R.yl2, 'estates'), '2')
    assert.equal(await cell(page, R.yl2, 'houses'), '900')
    assert.equal(await cell(page, R.yl2, 'households'), '810')
    assert.equal(await cell(page, R.yl2, 'withCommittee'), '1')

    // totals: cards and the 合计 row
    assert.equal((await page.locator('[data-test="total-estates"] .summary-value').innerText()).trim(), '4')
    assert.equal((await page.locator('[data-test="total-houses"] .summary-value').innerText()).trim(), '1,200')
    assert.include(await page.locator('[data-test="total-buildingArea"]').innerText(), '12.00 万㎡')
    assert.equal((await page.locator('[data-test="total-committee"] .summary-value').innerText()).trim(), '2 / 2')
    const footer = await page.locator('[data-test="stats-table"] .el-table__footer').innerText()
    assert.include(footer, '合计')
    assert.include(footer, '1,080')
    assert.include(footer, '120,000')
    assert.isTrue(await page.locator('[data-test="type-chart"] canvas').first().isVisible(), 'stacked type chart')

    // the street table exports as xlsx
    const [statsDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export"]').click()])
    assert.match(statsDownload.suggestedFilename(), /\.xlsx$/)

    // drill into 园岭一社区: its estates, named after the estate detail page
    await page.locator(`[data-test="drill-${R.yl1}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await page.locator(`[data-test="estate-${E.e1}"]`).waitFor()
    assert.include(await page.locator('[data-test="stats-table"]').innerText(), '锦华苑')
    assert.equal(await cell(page, E.e2, 'houses'), '200')
    assert.equal(await cell(page, E.e2, 'withCommittee'), '0')
    assert.isTrue(await page.locator(`[data-test="crumb-${R.yuanling}"]`).isVisible())

    // back to the street by the breadcrumb; a number opens the estate list with its filter
    await page.locator(`[data-test="crumb-${R.yuanling}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yuanling))
    await page.locator(`[data-test="cell-${R.yl2}-withCommittee"]`).click()
    await page.waitForURL((url) => url.pathname === '/projects/estates' && url.searchParams.get('has_committee') === 'true')
    assert.equal(new URL(page.url()).searchParams.get('region'), String(R.yl2))
    await page.locator(`.estate-row-${E.e3}`).waitFor()
    assert.equal(await page.locator('[data-test="estates-table"] .el-table__body-wrapper tbody tr').count(), 1)
    const row = await page.locator(`.estate-row-${E.e3}`).first().innerText()
    for (const text of ['碧海花园', '住宅', '园岭二社区', '园岭街道', '30,000', '300', '270', '测试物业公司', '经理3', '已成立']) {
      assert.include(row, text, `estate row shows ${text}`)
    }

    // the table body scrolls within a fixed height
    assert.notEqual(await page.locator('[data-test="estates-table"]').evaluate((el) => (el as HTMLElement).style.maxHeight), '')

    // 重置 keeps the region: both estates of 园岭二社区; a keyword narrows to one
    await page.locator('[data-test="reset"]').click()
    await page.waitForURL((url) => !url.searchParams.has('has_committee'))
    await page.locator(`.estate-row-${E.e6}`).waitFor()
    assert.equal(await page.locator('[data-test="estates-table"] .el-table__body-wrapper tbody tr').count(), 2)
    await page.locator('[data-test="filter-q"]').fill('星河')
    await page.locator('[data-test="search"]').click()
    await page.waitForURL((url) => url.searchParams.get('q') === '星河')
    await page.locator(`.estate-row-${E.e3}`).waitFor({ state: 'detached' })
    assert.equal(await page.locator('[data-test="estates-table"] .el-table__body-wrapper tbody tr').count(), 1)
    assert.include(await page.locator(`.estate-row-${E.e6}`).first().innerText(), '未成立')

    // export of the estate list with the same filters
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export"]').click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)

    // the estate name opens the existing estate page
    await page.locator(`[data-test="estate-${E.e6}"]`).first().click()
    await page.waitForURL((url) => url.pathname === `/filings/estates/${E.e6}`)
    await page.locator('[data-test="estate-basics"]').waitFor()
    assert.include(await page.locator('[data-test="estate-basics"]').innerText(), '星河雅居')
  })

  test('a party secretary sees 项目管理 without the export button', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'party')
    await page.locator('[data-test="entry-projects"]').click()
    await page.waitForURL((url) => url.pathname === '/projects')
    await page.locator(`[data-test="drill-${R.yl2}"]`).waitFor()
    assert.equal(await page.locator('[data-test="export"]').count(), 0)
    await page.locator('[data-test="estate-list"]').click()
    await page.waitForURL((url) => url.pathname === '/projects/estates')
    await page.locator(`.estate-row-${E.e6}`).waitFor()
    assert.equal(await page.locator('[data-test="estates-table"] .el-table__body-wrapper tbody tr').count(), 4)
    assert.equal(await page.locator('[data-test="export"]').count(), 0)
  })
})
