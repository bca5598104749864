import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { R, E, resetWorld } from '#tests/support/world'
import { drillIntoCommunity, loginOnH5, loginOnPc } from '#tests/support/browser'
import { insertDisputes } from '#tests/support/disputes'
import { syncWarehouse } from '#tests/support/warehouse'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)

/** 园岭一社区: e1 处理中 物业费 ×2 + 已办结 车位占用, e2 待确认办结 服务质量; 园岭二社区: e3 待处理 相邻关系; 南园: e4 已办结 其他. */
async function seed() {
  await insertDisputes([
    { estate: E.e1, type: 'property_fee', state: 'handling' },
    { estate: E.e1, type: 'property_fee', state: 'handling' },
    { estate: E.e1, type: 'parking_occupation', state: 'closed', reportedOn: '2026-10-01', closedAt: '2026-10-05T02:00:00Z' },
    { estate: E.e2, type: 'service_quality', state: 'closing' },
    { estate: E.e3, type: 'neighbour', state: 'transferred' },
    { estate: E.e4, type: 'other', state: 'closed', reportedOn: '2026-10-01', closedAt: '2026-10-03T02:00:00Z' },
  ])
  await syncWarehouse()
}

/** 纠纷化解统计: the district bureau drills 街道 → 社区 → 物业项目 → the disputes behind a number, on PC and H5. */
test.group('纠纷化解统计 · PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seed()
  })

  test('PC: menu entry, figures per street, drill to the estates and the ledger rows of a state; H5: the same drill and 穿透', async ({ visit, browser, assert }) => {
    const page = await loginOnPc(visit, 'futian')
    await page.locator('.el-menu-item', { hasText: '纠纷化解统计' }).first().click()
    await page.waitForURL((url) => url.pathname === '/disputes/stats')
    await page.locator(`[data-test="drill-${R.yuanling}"]`).waitFor()
    assert.equal(await cell(page, R.yuanling, 'disputes'), '5')
    assert.equal(await cell(page, R.nanyuan, 'closedDisputes'), '1')
    assert.equal(await cell(page, R.yuanling, 'handlingDisputes'), '2')

    await page.locator(`[data-test="drill-${R.yuanling}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yuanling))
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'disputes'), '4')
    assert.equal(await cell(page, R.yl1, 'closeRate'), '25.0%')
    await drillIntoCommunity(page, R.yl1, E.e1)
    assert.equal(await cell(page, E.e1, 'propertyFeeDisputes'), '2')
    assert.equal(await cell(page, E.e1, 'parkingDisputes'), '1')
    // 穿透: 处理中 of 翠园小区 opens its two rows of the ledger
    await page.locator(`[data-test="cell-${E.e1}-handlingDisputes"]`).click()
    await page.waitForURL((url) => url.pathname === '/disputes/records' && url.searchParams.get('state') === 'handling')
    await page.locator(`.estate-row-${E.e1}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 2)
    const row = await page.locator(`.estate-row-${E.e1}`).first().innerText()
    for (const value of ['翠园小区', '物业费纠纷', '处理中']) assert.include(row, value)

    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'futian')
      await h5.goto(new URL('/m/disputes/stats', h5.url()).toString())
      await h5.locator(`[data-test="drill-${R.yuanling}"]`).waitFor()
      assert.include(await h5.locator(`[data-test="drill-${R.yuanling}"]`).innerText(), '纠纷总数 5')
      await h5.locator(`[data-test="drill-${R.yuanling}"] .van-cell__title > span`).click()
      await h5.waitForURL((url) => url.searchParams.get('region') === String(R.yuanling))
      await h5.locator(`[data-test="drill-${R.yl2}"]`).waitFor()
      // 穿透 of 园岭二社区's 待处理: one row, 碧海花园
      await h5.locator(`[data-test="cell-${R.yl2}-transferredDisputes"]`).click()
      await h5.waitForURL((url) => url.pathname === '/m/disputes/records' && url.searchParams.get('state') === 'transferred')
      await h5.locator('[data-test^="record-row-"]').first().waitFor()
      assert.equal(await h5.locator('[data-test^="record-row-"]').count(), 1)
      assert.include(await h5.locator('[data-test^="record-row-"]').first().innerText(), '碧海花园')
      const overflow = await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
