import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { R, E, USERS, resetWorld } from '#tests/support/world'
import { drillIntoCommunity, exportedFileName, loginOnPc } from '#tests/support/browser'
import { syncWarehouse } from '#tests/support/warehouse'

const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)
/** the same origin as the page, another path */
const goto = (page: Page, path: string) => page.goto(new URL(path, page.url()).toString())

/**
 * A street clerk on PC: 备案情况 on the generic statistics page (declared metrics, key figures,
 * charts, 合计), drill street → community → estate, a number → the generic records list, the estate page.
 */
test.group('PC · 备案情况 drill-down', (group) => {
  group.setup(() => resetWorld())

  test('log in and drill from the street to the records behind a number', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')

    // home with the side menu of the declared modules (the quick-entry bar of undeclared modules is gone)
    for (const entry of ['projects', 'filings', 'filing-records', 'evaluations', 'todos']) {
      assert.isTrue(await page.locator(`[data-test="nav-${entry}"]`).isVisible(), `menu entry ${entry}`)
    }
    assert.equal(await page.getByText('更多', { exact: true }).count(), 0)
    assert.include(await page.locator('[data-test="user-region"]').innerText(), '园岭街道')

    // 备案情况 for the street: one row per community
    await goto(page, '/filings')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.include(await text(page, '.page-title'), '园岭街道')
    assert.equal(await cell(page, R.yl1, 'estates'), '2')
    assert.equal(await cell(page, R.yl1, 'contractRate'), '50.0%')
    assert.equal(await cell(page, R.yl2, 'contractNotFiled'), '2')
    assert.equal(await cell(page, R.yl2, 'assemblyRate'), '50.0%')

    // every declared metric is a column, its unit in the header
    const headers = await page.locator('[data-test="stats-table"] .el-table__header-wrapper th').allInnerTexts()
    for (const header of ['社区', '物业项目数（个）', '合同已备案（个）', '合同已过期（个）', '合同未备案（个）', '合同备案率', '业主大会已备案（个）', '业主大会未备案（个）', '业主大会备案率']) {
      assert.include(headers.map((h) => h.trim()), header)
    }
    // 合计: 4 estates, 1 contract filed (25.0%), 2 assemblies filed (50.0%)
    const footer = await page.locator('[data-test="stats-table"] .el-table__footer').innerText()
    assert.include(footer, '合计')
    assert.include(footer, '25.0%')
    // the key figures of the declaration, rounded once
    assert.equal(await text(page, '[data-test="total-estates"] .summary-value'), '4')
    assert.equal(await text(page, '[data-test="total-estates"] .summary-unit'), '个')
    assert.equal(await text(page, '[data-test="total-contractRate"] .summary-value'), '25.0%')
    assert.equal(await text(page, '[data-test="total-assemblyRate"] .summary-value'), '50.0%')
    // the declared charts: two donuts and a bar chart, shares in words for screen readers
    assert.isTrue(await page.locator('[data-test="chart-0"] canvas').first().isVisible(), 'contract donut')
    assert.include((await page.locator('[data-test="chart-0"]').getAttribute('aria-label')) ?? '', '合同已备案1个（25.0%）')
    assert.include((await page.locator('[data-test="chart-0"]').getAttribute('aria-label')) ?? '', '合同未备案2个（50.0%）')
    assert.include((await page.locator('[data-test="chart-1"]').getAttribute('aria-label')) ?? '', '业主大会已备案2个（50.0%）')
    assert.isTrue(await page.locator('[data-test="chart-2"] canvas').first().isVisible(), 'bar chart per community')
    assert.match(await text(page, '[data-test="fresh-at"]'), /数据更新时间：(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|—)/)

    // the statistics export (a street clerk holds filings.export)
    assert.match(await exportedFileName(page), /\.xlsx$/)

    // drill into 园岭一社区: its estates
    await drillIntoCommunity(page, R.yl1, E.e1)
    assert.include(await page.locator('[data-test="stats-table"]').innerText(), '锦华苑')
    assert.isTrue(await page.locator(`[data-test="crumb-${R.yuanling}"]`).isVisible())

    // click a number of an estate row: the records behind it (锦华苑's expired contract), by estate
    await page.locator(`[data-test="cell-${E.e2}-contractExpired"]`).click()
    await page.waitForURL((url) => url.pathname === '/filings/records')
    assert.equal(new URL(page.url()).searchParams.get('estate'), String(E.e2))
    assert.equal(new URL(page.url()).searchParams.get('contract_status'), 'expired')
    await page.locator(`.estate-row-${E.e2}`).first().waitFor()
    assert.equal(await text(page, '[data-test="list-title"]'), '备案记录')
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    const row = await page.locator(`.estate-row-${E.e2}`).first().innerText()
    for (const value of ['园岭街道', '园岭一社区', '锦华苑', '已过期', 'DOC-3', '2020-01-01', '2023-01-01', '未备案']) assert.include(row, value)
    assert.include(await text(page, '[data-test="scope-estate_id"]'), '物业项目：锦华苑')
    // the status filter shows what the number asked for
    await page.locator('.filter-form .el-select__selected-item', { hasText: '已过期' }).first().waitFor()

    // export of the records list is a real xlsx with the same filters
    assert.match(await exportedFileName(page), /\.xlsx$/)

    // the estate name opens the shared estate page on its 备案情况 tab, with the filings and history
    await page.locator(`[data-test="estate-${E.e2}"]`).first().click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e2}` && url.searchParams.get('tab') === 'filings')
    await page.locator('[data-test="filing-records"]').getByText('DOC-3').waitFor()
    assert.equal(await text(page, '[data-test="estate-title"]'), '锦华苑')
    assert.include(await text(page, '[data-test="estate-location"]'), '园岭一社区')
    // a street clerk holds all three features: all three tabs
    for (const tab of ['projects', 'filings', 'evaluations']) assert.isTrue(await page.locator(`[data-test="estate-tab-${tab}"]`).isVisible(), `tab ${tab}`)
    await page.locator('[data-test="estate-tab-projects"]').click()
    await page.waitForURL((url) => url.searchParams.get('tab') === 'projects')
    await page.locator('[data-test="estate-basics"]').waitFor()
    assert.include(await page.locator('[data-test="estate-basics"]').innerText(), '锦华苑')
    assert.equal(await text(page, '[data-test="detail-houseCount"]'), '200 套')
  })

  test('the records list filters by status and keyword, keeps the region, and pages', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await goto(page, '/filings')
    // 合同未备案 of 园岭二社区 → the two estates of the community without a live contract
    await page.locator(`[data-test="cell-${R.yl2}-contractNotFiled"]`).click()
    await page.waitForURL((url) => url.pathname === '/filings/records' && url.searchParams.get('region') === String(R.yl2))
    await page.locator(`.estate-row-${E.e6}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 2)
    // the region scope tag (waits for it: the tag renders with the filter card, not with the rows)
    await page.locator('[data-test="scope-region_id"]').waitFor({ state: 'visible' })

    // a keyword narrows to one; 重置 keeps the region and clears the filters
    await page.locator('[data-test="filter-q"]').fill('星河')
    await page.locator('[data-test="search"]').click()
    await page.waitForURL((url) => url.searchParams.get('q') === '星河')
    await page.locator(`.estate-row-${E.e3}`).first().waitFor({ state: 'detached' })
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    await page.locator('[data-test="reset"]').click()
    await page.waitForURL((url) => !url.searchParams.has('q') && !url.searchParams.has('contract_status'))
    assert.equal(new URL(page.url()).searchParams.get('region'), String(R.yl2))
    await page.locator(`.estate-row-${E.e3}`).first().waitFor()

    // closing the region tag widens the list to the user's street
    await page.locator('[data-test="scope-region_id"] .el-tag__close').click()
    await page.waitForURL((url) => !url.searchParams.has('region'))
    await page.locator(`.estate-row-${E.e1}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 4)
    assert.include(await text(page, '[data-test="pagination"]'), '共 4 条')

    // a declared select filter: 合同备案状态 已备案 → 翠园小区 only
    await page.locator('[data-test="filter-contract_status"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '已备案' }).first().click()
    await page.locator('[data-test="search"]').click()
    await page.waitForURL((url) => url.searchParams.get('contract_status') === 'filed')
    await page.locator(`.estate-row-${E.e2}`).first().waitFor({ state: 'detached' })
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    assert.include(await page.locator(`.estate-row-${E.e1}`).first().innerText(), 'DOC-1')

    // back to the statistics page of the module
    await page.locator('[data-test="overview-link"]').click()
    await page.waitForURL((url) => url.pathname === '/filings')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
  })

  test('a rate is rounded once: the same figure on the card, in the table, the 合计 row and the chart', async ({ visit, assert }) => {
    // a fourth live contract in the city: 4 of 6 estates (66.666…%)
    const now = new Date()
    await db.table('filings').insert({
      id: 50, estate_id: E.e3, kind: 'contract', status: 'filed', document_no: 'DOC-50', filed_on: '2025-06-01', expires_on: null,
      version: 1, created_by: USERS.handler.id, created_at: now, updated_at: now,
    })
    await syncWarehouse()
    try {
      const page = await loginOnPc(visit, 'city')
      await goto(page, '/filings')
      await page.locator(`[data-test="drill-${R.futian}"]`).waitFor()
      assert.equal(await text(page, '[data-test="total-contractRate"] .summary-value'), '66.7%')
      // 福田区: e1, e3, e4 of 5 estates = 60.0%; 罗湖区: e5 of 1 = 100.0%
      assert.equal(await cell(page, R.futian, 'contractRate'), '60.0%')
      assert.equal(await cell(page, R.luohu, 'contractRate'), '100.0%')
      assert.include(await page.locator('[data-test="stats-table"] .el-table__footer').innerText(), '66.7%')
      // the donut's share of 已备案 among filed / expired / not filed (4 / 1 / 1)
      assert.include((await page.locator('[data-test="chart-0"]').getAttribute('aria-label')) ?? '', '合同已备案4个（66.7%）')
      assert.include((await page.locator('[data-test="chart-0"]').getAttribute('aria-label')) ?? '', '合同已过期1个（16.7%）')
    } finally {
      await resetWorld()
    }
  })

  test('a district head starts at the streets and cannot open another district', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'futian')
    await goto(page, '/filings')
    await page.locator(`[data-test="drill-${R.yuanling}"]`).waitFor()
    assert.isTrue(await page.locator(`[data-test="drill-${R.nanyuan}"]`).isVisible())
    assert.equal(await page.locator(`[data-test="drill-${R.guiyuan}"]`).count(), 0)
    assert.include((await page.locator('[data-test="stats-table"] .el-table__header-wrapper').innerText()), '街道')

    await goto(page, `/filings?region=${R.guiyuan}`)
    await page.getByText('记录不存在').first().waitFor()
  })

  test('a wrong password shows the server message', async ({ visit, assert }) => {
    const page = await visit('/login')
    await page.locator('[data-test="login-phone"]').fill(USERS.handler.phone)
    await page.locator('[data-test="login-password"]').fill('wrong-password')
    await page.locator('[data-test="login-send-code"]').click()
    await page.locator('[data-test="login-error"]').waitFor()
    assert.include(await page.locator('[data-test="login-error"]').innerText(), '手机号或密码错误')
  })
})
