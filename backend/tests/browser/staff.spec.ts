import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { R, E, USERS, resetWorld } from '#tests/support/world'
import { drillIntoCommunity, loginOnH5, loginOnPc } from '#tests/support/browser'
import { syncWarehouse } from '#tests/support/warehouse'
import { PHONE as PHONE_OF, S, seedStaff } from '#tests/support/staff'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)

/**
 * 从业人员信息 (tests/support/staff.ts): a street head drills street → community → estate → the
 * practitioners behind a number (masked), and reminds (提醒更新) on PC; on H5 the same drill, and the
 * second reminder of the day says when the first went.
 */
test.group('从业人员信息 · PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedStaff()
    await syncWarehouse()
  })

  test('PC: figures per community, 提醒更新, drill to the estates and the certificate holders; H5: the same drill and the reminder refused', async ({ visit, browser, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await page.goto(new URL('/staff', page.url()).toString())
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'practitioners'), '4')
    assert.equal(await cell(page, R.yl1, 'companyStaff'), '1')
    assert.equal(await cell(page, R.yl1, 'expiredCertificates'), '1')
    assert.equal(await cell(page, R.yl2, 'estatesStale'), '1')
    assert.equal(await text(page, '[data-test="total-practitioners"] .summary-value'), '5')

    // 提醒更新: the project manager of 碧海花园 (stale) is reminded
    await page.locator('[data-test="staff-remind"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('.el-message', { hasText: '已提醒 1 位项目经理' }).waitFor()
    assert.deepEqual((await db.from('messages').where('reason', 'staff.remind')).map((m) => m.recipient_id), [USERS.manager.id])

    // community → its estates → the certificate holders of 翠园小区, masked
    await drillIntoCommunity(page, R.yl1, E.e1)
    assert.equal(await cell(page, E.e1, 'certificateHolders'), '2')
    await page.locator(`[data-test="cell-${E.e1}-certificateHolders"]`).click()
    await page.waitForURL((url) => url.pathname === '/staff/records' && url.searchParams.get('certified') === '1')
    await page.locator(`.estate-row-${E.e1}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 2)
    const rows = await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody').innerText()
    for (const value of ['翠园小区', '张经理', '李保安', '项目经理', '保安', '物业管理师证书']) assert.include(rows, value)
    assert.include(rows, `${PHONE_OF(S.lead1).slice(0, 3)}****${PHONE_OF(S.lead1).slice(7)}`)
    assert.notInclude(rows, PHONE_OF(S.lead1))

    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'head')
      await h5.goto(new URL('/m/staff', h5.url()).toString())
      await h5.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.equal((await h5.locator('[data-test="total-practitioners"] .summary__value').innerText()).trim(), '5')
      // the second reminder of the day sends nothing and says when the first went
      await h5.locator('[data-test="action-staff-remind"]').click()
      await h5.locator('.van-dialog__confirm').click()
      await h5.locator('.van-dialog__message', { hasText: '已提醒过' }).waitFor()
      assert.lengthOf(await db.from('messages').where('reason', 'staff.remind'), 1)
      await h5.locator('.van-dialog__confirm').click()
      await h5.locator(`[data-test="drill-${R.yl2}"] .van-cell__title > span`).click()
      await h5.waitForURL((url) => url.searchParams.get('region') === String(R.yl2))
      await h5.locator(`[data-test="drill-${E.e3}"]`).waitFor()
      assert.include(await h5.locator(`[data-test="drill-${E.e3}"]`).innerText(), '碧海花园')
      const overflow = await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
