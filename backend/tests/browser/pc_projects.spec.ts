import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { R, E, USERS, resetWorld } from '#tests/support/world'
import { drillIntoCommunity, exportedFileName, loginOnPc } from '#tests/support/browser'

const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)
const goto = (page: Page, path: string) => page.goto(new URL(path, page.url()).toString())
const rows = (page: Page) => page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr')

/** A street clerk on PC: 项目管理 (side menu) → street → community → estates, a number → the filtered estate list, export. */
test.group('PC · 项目管理 drill-down', (group) => {
  group.each.setup(() => resetWorld())

  test('open 项目管理 from the side menu and drill to the estates behind a number', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.locator('[data-test="figures-projects"]').waitFor()

    // the side menu opens 项目管理 for the user's street: one row per community
    await page.locator('[data-test="nav-projects"]').click()
    await page.waitForURL((url) => url.pathname === '/projects')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.include(await text(page, '.page-title'), '园岭街道')

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
    // amounts are not lists of records: no 穿透 link on them
    assert.equal(await page.locator(`a[data-test="cell-${R.yl1}-houses"]`).count(), 0)
    assert.equal(await page.locator(`a[data-test="cell-${R.yl1}-residentialEstates"]`).count(), 1)
    const headers = (await page.locator('[data-test="stats-table"] .el-table__header-wrapper th').allInnerTexts()).map((h) => h.trim())
    for (const header of ['房屋数（套）', '户数（户）', '建筑面积（㎡）', '物业服务企业（家）']) assert.include(headers, header)

    // totals: the declared key figures and the 合计 row
    assert.equal(await text(page, '[data-test="total-estates"] .summary-value'), '4')
    assert.equal(await text(page, '[data-test="total-households"] .summary-value'), '1,080')
    assert.equal(await text(page, '[data-test="total-households"] .summary-unit'), '户')
    assert.include(await page.locator('[data-test="total-buildingArea"]').innerText(), '12.00 万㎡')
    assert.equal(await page.locator('[data-test^="total-"]').count(), 3)
    const footer = await page.locator('[data-test="stats-table"] .el-table__footer').innerText()
    assert.include(footer, '合计')
    assert.include(footer, '1,080')
    assert.include(footer, '1,200')
    assert.include(footer, '120,000')
    // type donut, committee donut, stacked bar of types per community
    assert.include((await page.locator('[data-test="chart-0"]').getAttribute('aria-label')) ?? '', '住宅4个（100.0%）')
    assert.include((await page.locator('[data-test="chart-1"]').getAttribute('aria-label')) ?? '', '已成立业委会2个（50.0%）')
    assert.isTrue(await page.locator('[data-test="chart-2"] canvas').first().isVisible(), 'stacked type chart')

    // the street table exports as xlsx
    assert.match(await exportedFileName(page), /\.xlsx$/)

    // drill into 园岭一社区: its estates, named after the estate page
    await drillIntoCommunity(page, R.yl1, E.e1)
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
    await page.locator(`.estate-row-${E.e3}`).first().waitFor()
    assert.equal(await text(page, '[data-test="list-title"]'), '物业项目列表')
    assert.equal(await rows(page).count(), 1)
    const row = await page.locator(`.estate-row-${E.e3}`).first().innerText()
    for (const value of ['碧海花园', '住宅', '园岭二社区', '园岭街道', '30,000', '300', '270', '测试物业公司', '经理3', '已成立']) {
      assert.include(row, value, `estate row shows ${value}`)
    }

    // the table body scrolls within a fixed height
    assert.notEqual(await page.locator('[data-test="records-table"]').evaluate((el) => (el as HTMLElement).style.maxHeight), '')

    // 重置 keeps the region: both estates of 园岭二社区; a keyword narrows to one
    await page.locator('[data-test="reset"]').click()
    await page.waitForURL((url) => !url.searchParams.has('has_committee'))
    await page.locator(`.estate-row-${E.e6}`).first().waitFor()
    assert.equal(await rows(page).count(), 2)
    await page.locator('[data-test="filter-q"]').fill('星河')
    await page.locator('[data-test="search"]').click()
    await page.waitForURL((url) => url.searchParams.get('q') === '星河')
    await page.locator(`.estate-row-${E.e3}`).first().waitFor({ state: 'detached' })
    assert.equal(await rows(page).count(), 1)
    assert.include(await page.locator(`.estate-row-${E.e6}`).first().innerText(), '未成立')

    // export of the estate list with the same filters
    assert.match(await exportedFileName(page), /\.xlsx$/)

    // the estate name opens the shared estate page on its 基本信息 tab
    await page.locator(`[data-test="estate-${E.e6}"]`).first().click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e6}` && url.searchParams.get('tab') === 'projects')
    await page.locator('[data-test="estate-basics"]').waitFor()
    assert.include(await page.locator('[data-test="estate-basics"]').innerText(), '星河雅居')
    assert.equal(await text(page, '[data-test="detail-householdCount"]'), '540 户')
    assert.equal(await text(page, '[data-test="detail-committee"]'), '未成立')
  })

  test('a party secretary sees 项目管理 without the export button', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'party')
    await page.locator('[data-test="nav-projects"]').click()
    await page.waitForURL((url) => url.pathname === '/projects')
    await page.locator(`[data-test="drill-${R.yl2}"]`).waitFor()
    assert.equal(await page.locator('[data-test="export"]').count(), 0)
    await page.locator('[data-test="records-link"]').click()
    await page.waitForURL((url) => url.pathname === '/projects/estates')
    await page.locator(`.estate-row-${E.e6}`).first().waitFor()
    assert.equal(await rows(page).count(), 4)
    assert.equal(await page.locator('[data-test="export"]').count(), 0)
  })

  test('a user holding only projects.view opens the estate page from 项目管理 and sees only its tab', async ({ visit, assert }) => {
    // 园岭书记 keeps 项目管理 · 查看 and nothing else
    await db.from('user_features').where('user_id', USERS.party.id).whereNot('feature', 'projects.view').delete()
    const page = await loginOnPc(visit, 'party')
    await goto(page, `/projects?region=${R.yl1}`)
    await page.locator(`[data-test="estate-${E.e1}"]`).click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e1}`)
    await page.locator('[data-test="estate-basics"]').waitFor()
    assert.equal(await text(page, '[data-test="estate-title"]'), '翠园小区')
    assert.isTrue(await page.locator('[data-test="estate-tab-projects"]').isVisible())
    assert.equal(await page.locator('[data-test="estate-tab-filings"]').count(), 0)
    assert.equal(await page.locator('[data-test="estate-tab-evaluations"]').count(), 0)
    // a tab the user may not see is not opened by its URL either
    await goto(page, `/estates/${E.e1}?tab=filings`)
    await page.locator('[data-test="estate-basics"]').waitFor()
    assert.equal(await page.locator('[data-test="filing-records"]').count(), 0)
    // an estate of another street is not found
    await goto(page, `/estates/${E.e5}`)
    await page.getByText('未找到该物业项目').waitFor()
    assert.equal(await page.locator('[data-test="estate-header"]').count(), 0)
  })
})
