import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { R, E } from '#tests/support/world'
import { drillIntoCommunity, exportedFileName, loginOnH5, loginOnPc } from '#tests/support/browser'
import { onCommonFundsDay, resetCommonFundsWorld } from '#tests/support/common_funds'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)
const goto = (page: Page, path: string) => page.goto(new URL(path, page.url()).toString())

/**
 * 共有资金情况 (tests/support/common_funds.ts, as of 2026-12-07): a street head on PC drills from the
 * street to 碧海花园's 行政处罚, opens the estate and 翠园小区's 账户流水, then 共享银行统计; on the H5
 * the same drill to the records and the estate's account.
 */
test.group('共有资金情况 · drill path on PC and H5', (group) => {
  group.setup(resetCommonFundsWorld)
  group.each.setup(onCommonFundsDay)

  test('PC: statistics → community → a number → records → estate → 账户流水; 共享银行统计', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await goto(page, '/common-funds')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'shouldOpen'), '1')
    assert.equal(await cell(page, R.yl1, 'openRate'), '100.00')
    assert.equal(await cell(page, R.yl2, 'openRate'), '0.00')
    assert.equal(await cell(page, R.yl2, 'penalties'), '1')
    assert.equal(await text(page, '[data-test="total-coManagedAccounts"] .summary-value'), '2')
    const footer = await page.locator('[data-test="stats-table"] .el-table__footer').innerText()
    assert.include(footer, '合计')
    assert.include(footer, '50.00')
    // the grouped headers (statistics.columnGroups) over their metrics' short labels
    const header = page.locator('[data-test="stats-table"] .el-table__header-wrapper')
    assert.deepEqual([...new Set(await header.locator('.column-group').allInnerTexts())].map((label) => label.trim()), ['应开共有资金账户数', '共有资金账户数'])
    const headerText = await header.innerText()
    for (const label of ['总数（个）', '已开数（个）', '未开数（个）', '开户率（%）', '基本账户（个）', '共管账户（个）', '异常账户数（个）']) assert.include(headerText, label)
    assert.match(await exportedFileName(page), /\.xlsx$/)

    await drillIntoCommunity(page, R.yl2, E.e3)
    await page.locator(`[data-test="cell-${E.e3}-penalties"]`).click()
    await page.waitForURL((url) => url.pathname === '/common-funds/records' && url.searchParams.get('enforcement') === 'penalty')
    await page.locator(`.estate-row-${E.e3}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    const row = await page.locator(`.estate-row-${E.e3}`).first().innerText()
    for (const value of ['碧海花园', '2025-10-20', '责改字〔2025〕00003号', '2025-12-01', '深罚字〔2025〕00003号']) assert.include(row, value)

    await page.locator(`[data-test="estate-${E.e3}"]`).first().click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e3}` && url.searchParams.get('tab') === 'common_funds')
    await page.getByText('该物业项目尚未开立共有资金账户').waitFor()

    // 翠园小区's account and its 账户流水
    await goto(page, `/estates/${E.e1}?tab=common_funds`)
    await page.locator('[data-test="fund-transactions"]').getByText('公共收益存入').waitFor()
    const ledger = await page.locator('[data-test="fund-ledger"]').innerText()
    for (const value of ['招商银行深圳分行', '6222 **** **** 1234', '12000.50', '2026-11-03', '借', '500.00']) assert.include(ledger, value)
    assert.match(await exportedFileName(page, '[data-test="ledger-export"]'), /^账户流水-翠园小区\.xlsx$/)

    // 共享银行统计 from the side menu
    await page.locator('[data-test="nav-common-fund-banks"]').click()
    await page.waitForURL((url) => url.pathname === '/common-funds/banks')
    await page.locator('[data-test="banks-table"]').getByText('招商银行深圳分行').first().waitFor()
    assert.include(await text(page, '[data-test="banks-scope"]'), '2026-01 至 2026-12')
    assert.include(await page.locator('[data-test="banks-table"]').innerText(), '12300.50')
  })

  test('H5: 物业服务 → 共有资金 → community → records → the estate\'s account', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await loginOnH5(page, 'head')
    await page.waitForURL((url) => url.pathname === '/m/')
    await page.locator('[data-test="entry-common-funds"]').click()
    await page.waitForURL((url) => url.pathname === '/m/common-funds')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.include(await page.locator('[data-test="statistics-totals"]').innerText(), '4')

    await page.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await page.locator(`[data-test="drill-${E.e2}"]`).waitFor()
    await page.locator(`[data-test="cell-${E.e2}-abnormalAccounts"]`).click()
    await page.waitForURL((url) => url.pathname === '/m/common-funds/records')
    assert.equal(new URL(page.url()).searchParams.get('abnormal'), '1')
    await page.locator(`[data-test="record-row-${E.e2}"]`).waitFor()
    assert.equal(await page.locator('[data-test^="record-row-"]').count(), 1)
    assert.include(await page.locator(`[data-test="record-row-${E.e2}"]`).innerText(), '锦华苑')

    await page.locator(`[data-test="record-row-${E.e2}"]`).click()
    await page.waitForURL((url) => url.pathname === `/m/estates/${E.e2}` && url.searchParams.get('tab') === 'common_funds')
    await page.locator('[data-test="fund-transactions"]').getByText('停车场收益').waitFor()
    const tab = await page.locator('[data-test="estate-common-funds"]').innerText()
    for (const value of ['共管账户', '中国建设银行深圳分行', '500.00', '余额与流水不符']) assert.include(tab, value)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.isAtMost(overflow, 0)

    // 共享银行统计 from the cell under the figures, for the region on screen
    await goto(page, '/m/common-funds')
    await page.locator('[data-test="action-banks"]').click()
    await page.waitForURL((url) => url.pathname === '/m/common-funds/banks')
    await page.locator('[data-test="common-fund-banks"]').getByText('招商银行深圳分行').waitFor()
    assert.include(await page.locator('[data-test="common-fund-banks"]').innerText(), '12300.50 元')
    await context.close()
  })
})
