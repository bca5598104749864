import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { drain } from '#tests/support/warehouse'
import NoticeService from '#modules/notices/notice_service'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, extraHTTPHeaders: { 'x-stub-openid': 'o_stub_h5_notice_stats' } }

/**
 * 查看全部统计 of a notice on PC and H5: 园岭 publishes to all its estates (项目经理 of e1 and e3,
 * 业委会主任 of e1), the 项目经理 reads it, the warehouse is fed; the street clerk drills
 * street → community → estate → recipients with their read time.
 */
test.group('查看全部统计 · PC and H5', (group) => {
  group.each.setup(() => resetWorld())

  test('PC: cards, chart, drill table to the estate, recipients with read time; H5: the same drill', async ({ visit, browser, assert }) => {
    const service = new NoticeService()
    const id = await service.publish(await actor('handler'), { title: '关于冬季消防检查的通知', body: '<p>请自查</p>', audience: 'both', estate_scope: 'all' })
    await service.received(await actor('manager'), id)
    await drain()
    const managerReceipt = await db.from('notice_receipts').where({ notice_id: id, estate_id: E.e1, user_id: USERS.manager.id }).firstOrFail()
    const directorReceipt = await db.from('notice_receipts').where({ notice_id: id, estate_id: E.e1, user_id: USERS.director.id }).firstOrFail()

    const pc = await loginOnPc(visit, 'handler')
    await pc.goto(new URL(`/notices/${id}/stats`, pc.url()).toString())
    await pc.locator(`[data-test="cell-${R.yl1}-recipients"]`).waitFor()
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-recipients"]`).innerText()).trim(), '2')
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-read"]`).innerText()).trim(), '1')
    assert.equal((await pc.locator(`[data-test="cell-${R.yl2}-readRate"]`).innerText()).trim(), '100.0%')
    assert.include(await pc.locator('[data-test="total-recipients"]').innerText(), '3')
    assert.include(await pc.locator('[data-test="total-readRate"]').innerText(), '66.7%')
    await pc.locator('[data-test="chart-bar"]').waitFor()
    assert.include(await pc.locator('[data-test="export"]').getAttribute('href'), `/api/v1/notices/${id}/stats/export`)

    // community → its estates that received it
    await pc.locator(`[data-test="drill-${R.yl1}"]`).click()
    await pc.locator(`[data-test="estate-${E.e1}"]`).waitFor()
    assert.equal(await pc.locator(`[data-test="estate-${E.e2}"]`).count(), 0, '锦华苑 has nobody to receive it')
    // estate → its recipients and when each read it
    await pc.locator(`[data-test="estate-${E.e1}"]`).click()
    await pc.locator('[data-test="recipients-table"]').waitFor()
    await pc.locator(`[data-test="read-state-${managerReceipt.id}"]`).waitFor()
    assert.equal((await pc.locator(`[data-test="read-state-${managerReceipt.id}"]`).innerText()).trim(), '已读')
    assert.match((await pc.locator(`[data-test="read-at-${managerReceipt.id}"]`).innerText()).trim(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    assert.equal((await pc.locator(`[data-test="read-state-${directorReceipt.id}"]`).innerText()).trim(), '未读')
    assert.include(await pc.locator('[data-test="recipients-table"]').innerText(), USERS.director.name)
    assert.include(await pc.locator('[data-test="export"]').getAttribute('href'), `/api/v1/notices/${id}/stats/recipients/export?estate_id=${E.e1}`)

    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'handler')
      await h5.goto(new URL(`/m/notices/${id}/stats`, h5.url()).toString())
      await h5.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.include(await h5.locator(`[data-test="drill-${R.yl1}"]`).innerText(), '已读 1')
      assert.include(await h5.locator('[data-test="total-readRate"]').innerText(), '66.7%')
      await h5.locator(`[data-test="drill-${R.yl1}"]`).click()
      await h5.locator(`[data-test="drill-${E.e1}"]`).click()
      await h5.locator(`[data-test="recipient-${managerReceipt.id}"]`).waitFor()
      assert.include(await h5.locator(`[data-test="recipient-${managerReceipt.id}"]`).innerText(), '已读')
      assert.include(await h5.locator(`[data-test="recipient-${directorReceipt.id}"]`).innerText(), '未读')
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
