import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { R, E, USERS, resetWorld } from '#tests/support/world'
import { drillIntoCommunity, loginOnH5, loginOnPc } from '#tests/support/browser'
import { syncWarehouse } from '#tests/support/warehouse'
import { insertDisputes } from '#tests/support/disputes'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)

/** e1 (园岭一社区): 3 产权 + 2 充电, filled in; e6 (园岭二社区): 2 租赁, filled in; e2, e3 never filled in (e3 has 项目经理 `manager`). */
async function seedParking() {
  const space = (estateId: number, kind: string, code: string) => ({ estate_id: estateId, kind, code, location: '地下一层A区', status: 'in_use' })
  await db.table('parking_spaces').multiInsert([
    space(E.e1, 'owned', 'B1-001'), space(E.e1, 'owned', 'B1-002'), space(E.e1, 'owned', 'B1-003'), space(E.e1, 'charging', 'C-001'), space(E.e1, 'charging', 'C-002'),
    space(E.e6, 'rented', 'R-001'), space(E.e6, 'rented', 'R-002'),
  ])
  await db.table('estate_parking_profiles').multiInsert([E.e1, E.e6].map((estateId) => ({ estate_id: estateId, filled_at: new Date() })))
  await insertDisputes([{ estate: E.e1, type: 'parking_fee', reportedOn: '2026-05-01' }])
  await syncWarehouse()
}

/** 车位信息: a street head drills street → community → estate → the spaces behind a number, and reminds (提醒更新), on PC and H5. */
test.group('车位信息 · PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedParking()
  })

  test('PC: figures per community with shares, 提醒更新 once a day, drill to the estates and the spaces of a kind; H5: the same drill and the reminder', async ({ visit, browser, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await page.goto(new URL('/parking', page.url()).toString())
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'spaces'), '5')
    assert.equal(await cell(page, R.yl1, 'ownedSpaces'), '3')
    assert.equal(await cell(page, R.yl1, 'ownedShare'), '60.0%')
    assert.equal(await cell(page, R.yl1, 'estatesWithoutInfo'), '1')
    assert.equal(await cell(page, R.yl2, 'rentedShare'), '100.0%')
    assert.equal(await cell(page, R.yl1, 'feeDisputes'), '1')
    assert.equal(await text(page, '[data-test="total-spaces"] .summary-value'), '7')
    // the 合计 row opens the records of the whole region too: the street's estates that never filled in
    const sum = page.locator('[data-test="sum-estatesWithoutInfo"]')
    assert.equal(await sum.innerText(), '2')
    const href = new URL((await sum.getAttribute('href'))!, page.url())
    assert.equal(href.pathname, '/parking/estates')
    assert.equal(href.searchParams.get('state'), 'never')

    // 提醒更新: the project manager of 碧海花园 (never filled in) is reminded
    await page.locator('[data-test="parking-remind"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('.el-message', { hasText: '已提醒 1 位项目经理' }).waitFor()
    const sent = await db.from('messages').where('reason', 'parking.remind')
    assert.deepEqual(sent.map((m) => m.recipient_id), [USERS.manager.id])

    // community → its estates → the 租赁车位 of 星河雅居
    await drillIntoCommunity(page, R.yl2, E.e6)
    assert.equal(await cell(page, E.e6, 'rentedSpaces'), '2')
    assert.equal(await cell(page, E.e3, 'estatesWithoutInfo'), '1')
    await page.locator(`[data-test="cell-${E.e6}-rentedSpaces"]`).click()
    await page.waitForURL((url) => url.pathname === '/parking/spaces' && url.searchParams.get('kind') === 'rented')
    await page.locator(`.estate-row-${E.e6}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 2)
    const row = await page.locator(`.estate-row-${E.e6}`).first().innerText()
    for (const value of ['星河雅居', 'R-001', '租赁车位', '地下一层A区', '使用中']) assert.include(row, value)

    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'head')
      await h5.goto(new URL('/m/parking', h5.url()).toString())
      await h5.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.equal((await h5.locator('[data-test="total-spaces"] .summary__value').innerText()).trim(), '7')
      assert.include(await h5.locator(`[data-test="drill-${R.yl1}"]`).innerText(), '未填报车位信息 1')
      // the second reminder of the day sends nothing and says when the first went
      await h5.locator('[data-test="action-parking-remind"]').click()
      await h5.locator('.van-dialog__confirm').click()
      await h5.locator('.van-dialog__message', { hasText: '已提醒过' }).waitFor()
      assert.lengthOf(await db.from('messages').where('reason', 'parking.remind'), 1)
      await h5.locator('.van-dialog__confirm').click()
      await h5.locator(`[data-test="drill-${R.yl2}"] .van-cell__title > span`).click()
      await h5.waitForURL((url) => url.searchParams.get('region') === String(R.yl2))
      await h5.locator(`[data-test="drill-${E.e6}"]`).waitFor()
      assert.include(await h5.locator(`[data-test="drill-${E.e6}"]`).innerText(), '星河雅居')
      const overflow = await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
