import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { R, resetWorld } from '#tests/support/world'
import { syncWarehouse } from '#tests/support/warehouse'
import { A, seedSafety } from '#tests/support/safety'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, extraHTTPHeaders: { 'x-stub-openid': 'o_stub_h5_safety' } }

/**
 * 平安建设 on PC and H5 (tests/support/safety.ts): the street head reads the year's figures per
 * community, switches to last year, opens a community (its assessments) and handles one of them; on
 * the phone the 平安建设 tile leads to the same figures and a community's assessments.
 */
test.group('平安建设 · PC and H5', (group) => {
  let year = 0
  group.each.setup(async () => {
    await resetWorld()
    year = await seedSafety()
    await syncWarehouse()
  })

  test('PC: figures per community, the year selector, a community\'s assessments and 办理', async ({ visit, assert }) => {
    const pc = await loginOnPc(visit, 'head')
    await pc.goto(new URL('/safety', pc.url()).toString())
    await pc.locator(`[data-test="cell-${R.yl1}-items"]`).waitFor()
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-items"]`).innerText()).trim(), '3')
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-completionRate"]`).innerText()).trim(), '66.7%')
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-averageScore"]`).innerText()).trim(), '61.50')
    await pc.locator('[data-test="year-select"]').waitFor()

    // last year, through the URL the selector writes
    await pc.goto(new URL(`/safety?year=${year - 1}`, pc.url()).toString())
    await pc.locator(`[data-test="cell-${R.yl1}-averageScore"]`).getByText('90.00').waitFor()
    await pc.goto(new URL('/safety', pc.url()).toString())

    // a community opens its assessments (its detail)
    await pc.locator(`[data-test="drill-${R.yl1}"]`).click()
    await pc.waitForURL((url) => url.pathname === '/safety/assessments' && url.searchParams.get('region') === String(R.yl1))
    await pc.getByText('矛盾纠纷排查化解').first().waitFor()
    const table = await pc.locator('.el-table').first().innerText()
    assert.include(table, '消防安全隐患排查整治')
    assert.include(table, '社区治安防控')
    assert.notInclude(table, '园岭二社区')

    await pc.locator(`[data-test="handle-${A.yl1.disputes}"]`).click()
    const form = pc.locator('[data-test="assessment-form"]')
    await form.waitFor()
    await form.getByText('已完成').click()
    await pc.locator('[data-test="assessment-score"] input').fill('27.5')
    await form.locator('textarea').fill('已完成排查')
    const saved = pc.waitForResponse((response) => response.url().endsWith(`/safety/assessments/${A.yl1.disputes}`))
    await pc.locator('[data-test="assessment-save"]').click()
    assert.equal((await saved).status(), 200)
    const row = await db.from('safety_assessments').where('id', A.yl1.disputes).firstOrFail()
    assert.deepEqual([row.status, Number(row.score), row.remark, row.version], ['completed', 27.5, '已完成排查', 2])
    await pc.locator('.el-table').first().getByText('27.50').waitFor()
  }).timeout(120_000)

  test('H5: 平安建设 tile → figures per community → a community\'s assessments', async ({ browser, assert }) => {
    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'head')
      await h5.locator('[data-test="entry-safety"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/safety')
      await h5.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.include(await h5.locator('[data-test="statistics-totals"]').innerText(), '6')
      await h5.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
      await h5.waitForURL((url) => url.pathname === '/m/safety/assessments' && url.searchParams.get('region') === String(R.yl1))
      await h5.locator('[data-test^="record-row-"]').first().waitFor()
      assert.equal(await h5.locator('[data-test^="record-row-"]').count(), 3)
      const rows = await h5.locator('[data-test^="record-row-"]').allInnerTexts()
      assert.include(rows[0], '消防安全隐患排查整治')
      assert.include(rows[0], '已完成')
      assert.isAtMost(await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0)
    } finally {
      await phone.close()
    }
  }).timeout(120_000)

  test('H5: a community\'s assessment handled on the phone (办理: status, score, remark); a score above 分值 is refused at its field', async ({ browser, assert }) => {
    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'head')
      await h5.goto(new URL(`/m/safety/assessments?region=${R.yl1}`, h5.url()).toString())
      const row = h5.locator(`[data-test="record-row-${A.yl1.disputes}"]`)
      await row.waitFor()
      await row.locator(`[data-test="m-handle-${A.yl1.disputes}"]`).click()
      const form = h5.locator('[data-test="m-assessment-form"]')
      await form.waitFor()
      await form.locator('[data-test="m-status-completed"]').click()
      await form.locator('[data-test="m-assessment-score"] input').fill('999')
      await form.locator('[data-test="m-assessment-save"]').click()
      // 422 at the field, in Chinese; nothing saved
      await form.locator('.van-field__error-message').first().waitFor()
      assert.match(await form.locator('.van-field__error-message').first().innerText(), /[\u4e00-\u9fff]/)
      assert.equal((await db.from('safety_assessments').where('id', A.yl1.disputes).firstOrFail()).version, 1)
      await form.locator('[data-test="m-assessment-score"] input').fill('27.5')
      await form.locator('[data-test="m-assessment-remark"] textarea').fill('手机办理完成')
      const saved = h5.waitForResponse((response) => response.url().endsWith(`/safety/assessments/${A.yl1.disputes}`))
      await form.locator('[data-test="m-assessment-save"]').click()
      assert.equal((await saved).status(), 200)
      await form.waitFor({ state: 'hidden' })
      const stored = await db.from('safety_assessments').where('id', A.yl1.disputes).firstOrFail()
      assert.deepEqual([stored.status, Number(stored.score), stored.remark, stored.version], ['completed', 27.5, '手机办理完成', 2])
      // the list reloads with the new state
      await row.getByText(/27\.5/).first().waitFor()
      assert.include(await row.innerText(), '已完成')
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
