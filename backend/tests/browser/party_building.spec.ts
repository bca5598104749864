import { test } from '@japa/runner'
import type { Page } from 'playwright'
import clock from '#services/clock'
import { R, E, resetWorld } from '#tests/support/world'
import { drillIntoCommunity, loginOnH5, loginOnPc } from '#tests/support/browser'
import { OPINION, seedPartyBuilding } from '#tests/support/party_building'
import { syncWarehouse } from '#tests/support/warehouse'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)

/**
 * 党建园地: the party secretary of 园岭 drills 党建统计 street → community → estate → the party members
 * behind a number, and opens 民意征集 with its answers and 统计, on PC; on H5 the tile → 查看民意征集 →
 * a collection's answers. Fixture: tests/support/party_building.ts.
 */
test.group('党建园地 · PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedPartyBuilding()
    await syncWarehouse()
    clock.travelTo('2026-12-10T10:00:00+08:00')
    return () => clock.reset()
  })

  test('PC: 党建统计 per community, drill to the estates and the party members of one; 民意征集 list, details and 统计', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'party')
    await page.goto(new URL('/party-building', page.url()).toString())
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'committeeMembers'), '5')
    assert.equal(await cell(page, R.yl1, 'partyMembers'), '3')
    assert.equal(await cell(page, R.yl1, 'partyMemberShare'), '60.0%')
    assert.equal(await cell(page, R.yl2, 'organizations'), '2')
    assert.equal(await cell(page, R.yl1, 'opinionResponses'), '4')

    // community → its estates → the party members of 碧海花园
    await drillIntoCommunity(page, R.yl2, E.e3)
    assert.equal(await cell(page, E.e3, 'estatesWithOrganization'), '1')
    assert.equal(await cell(page, E.e6, 'partyMemberShare'), '0.0%')
    await page.locator(`[data-test="cell-${E.e3}-partyMembers"]`).click()
    await page.waitForURL((url) => url.pathname === '/party-building/members' && url.searchParams.get('party_member') === '1')
    await page.locator(`.estate-row-${E.e3}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    const row = await page.locator(`.estate-row-${E.e3}`).first().innerText()
    for (const value of ['碧海花园', '成员6', '主任', '碧海花园联合党支部']) assert.include(row, value)

    // 民意征集: the street's collections, one's answers, then 统计
    await page.goto(new URL('/party-building/opinions', page.url()).toString())
    await page.locator('[data-test="opinions-table"] .el-table__body-wrapper tbody tr').first().waitFor()
    const rows = await page.locator('[data-test="opinions-table"] .el-table__body-wrapper tbody tr').allInnerTexts()
    assert.lengthOf(rows, 2)
    assert.include(rows[0], '园岭街道停车管理民意征集')
    assert.include(rows[0], '征集中')
    assert.include(rows[1], '已结束')
    await page.locator('[data-test="opinion-open"]').nth(1).click()
    await page.waitForURL((url) => url.pathname === `/party-building/opinions/${OPINION.yuanlingLift}`)
    await page.locator('[data-test="opinion-question"]').first().waitFor()
    const question = await page.locator('[data-test="opinion-question"]').first().innerText()
    for (const value of ['是否支持加装电梯', '支持', '66.7%', '不支持']) assert.include(question, value)
    assert.include(await text(page, '[data-test="opinion-communities"]'), '园岭二社区')

    await page.goto(new URL('/party-building/opinions', page.url()).toString())
    await page.locator('.el-tabs__item', { hasText: '统计' }).click()
    await page.locator('[data-test="opinion-stats-drill"]').first().waitFor()
    assert.include(await text(page, '[data-test="opinion-stats-totals"]'), '征集 2 次，参与 7 人')
    await page.locator('[data-test="opinion-stats-drill"]').first().click()
    await page.locator('[data-test="opinion-stats-table"] .el-table__body-wrapper tbody tr', { hasText: '翠园小区' }).waitFor()
    assert.include(await text(page, '[data-test="opinion-stats-totals"]'), '参与 4 人')
  }).timeout(120_000)

  test('H5: the 党建园地 figures, 查看民意征集, a collection\'s answers, 统计 with a community\'s numbers; no horizontal overflow', async ({ browser, assert }) => {
    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'party')
      await h5.goto(new URL('/m/party-building', h5.url()).toString())
      await h5.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.equal((await h5.locator('[data-test="total-redProperties"] .summary__value').innerText()).trim(), '1')
      await h5.locator('[data-test="action-opinions"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/party-building/opinions')
      await h5.locator('[data-test="opinion-item"]').first().waitFor()
      assert.equal(await h5.locator('[data-test="opinion-item"]').count(), 2)
      await h5.locator('[data-test="opinion-item"]', { hasText: '加装电梯' }).click()
      await h5.waitForURL((url) => url.pathname === `/m/party-building/opinions/${OPINION.yuanlingLift}`)
      await h5.locator('[data-test="opinion-question"]').first().waitFor()
      assert.include(await h5.locator('[data-test="opinion-responses"]').innerText(), '共 6 人参与')
      assert.include(await h5.locator('[data-test="opinion-question"]').first().innerText(), '4 人 · 66.7%')
      // 统计: the street's collections and responses, then a community's (its estates)
      await h5.goBack()
      await h5.waitForURL((url) => url.pathname === '/m/party-building/opinions')
      await h5.locator('.van-tab', { hasText: '统计' }).click()
      await h5.locator('[data-test="opinion-stats"]').waitFor()
      // the group's title carries the scope and its totals
      const statsTitle = h5.locator('.van-tab__panel .van-cell-group__title').last()
      assert.include(await statsTitle.innerText(), '合计征集 2 次，参与 7 人')
      assert.include(await h5.locator('[data-test="opinion-stats"] .van-cell').first().innerText(), '4 人参与')
      await h5.locator('[data-test="opinion-stats"] .van-cell').first().click()
      await h5.locator('[data-test="opinion-stats"] .van-cell', { hasText: '翠园小区' }).waitFor()
      assert.include(await statsTitle.innerText(), '参与 4 人')
      const overflow = await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
