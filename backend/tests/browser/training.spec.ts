import { test } from '@japa/runner'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { E, R, resetWorld } from '#tests/support/world'
import { syncWarehouse } from '#tests/support/warehouse'
import db from '@adonisjs/lucid/services/db'
import { C, P, seedTraining } from '#tests/support/training'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, extraHTTPHeaders: { 'x-stub-openid': 'o_stub_h5_training' } }

/**
 * 宣传培训 on PC and H5 (tests/support/training.ts): the street head drills 学习情况统计 street →
 * community → estate and opens the 项目负责人 behind a number (穿透); the 项目经理 of e1, who is the
 * estate's 项目负责人, opens 我的学习 and finishes a course, which the records list then shows.
 */
test.group('宣传培训 · PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedTraining()
    await syncWarehouse()
  })

  test('PC: drill to the estate and open the 项目负责人 behind the number', async ({ visit, assert }) => {
    const pc = await loginOnPc(visit, 'head')
    await pc.goto(new URL('/training', pc.url()).toString())
    await pc.locator(`[data-test="cell-${R.yl1}-staffEnrolled"]`).waitFor()
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-staffEnrolled"]`).innerText()).trim(), '3')
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-staffCompletionRate"]`).innerText()).trim(), '33.3%')
    assert.equal((await pc.locator(`[data-test="cell-${R.yl1}-staffHours"]`).innerText()).trim(), '1.65')

    await pc.locator(`[data-test="drill-${R.yl1}"]`).click()
    await pc.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await pc.locator(`[data-test="estate-${E.e1}"]`).waitFor()
    await pc.locator(`[data-test="cell-${E.e1}-leadEnrolled"]`).click()
    await pc.waitForURL((url) => url.pathname === '/training/records')
    assert.equal(new URL(pc.url()).searchParams.get('group'), 'lead')
    await pc.getByText('物业服务合同备案实务').first().waitFor()
    const table = await pc.locator('.el-table').first().innerText()
    assert.include(table, '张经理')
    assert.include(table, '139****0010')
    assert.notInclude(table, '李保安')
  }).timeout(120_000)

  test('PC: 我的学习 — the 项目负责人 opens a document course and finishes it', async ({ visit, assert }) => {
    const learner = await loginOnPc(visit, 'manager')
    await learner.goto(new URL('/training/learning', learner.url()).toString())
    await learner.locator('[data-test="learner"]').waitFor()
    assert.include(await learner.locator('[data-test="learner"]').innerText(), '张经理（项目负责人）')
    await learner.locator(`[data-test="open-${C.leadDoc}"]`).click()
    await learner.locator('[data-test="document"]').waitFor()
    assert.include(await learner.locator('[data-test="open-document"]').getAttribute('href'), `/api/v1/training/courses/${C.leadDoc}/media`)
    const saved = learner.waitForResponse((response) => response.url().endsWith(`/training/courses/${C.leadDoc}/progress`))
    await learner.locator('[data-test="finish"]').click()
    assert.equal((await saved).status(), 200)
    await learner.locator('[data-test="player-progress"][aria-valuenow="100"]').waitFor()
    const record = await db.from('learning_records').where({ practitioner_id: P.lead1, course_id: C.leadDoc }).firstOrFail()
    assert.equal(record.progress, 100)
    assert.isNotNull(record.completed_at)
  }).timeout(120_000)

  test('H5: 宣传培训 tile → 学习情况统计 → community → estate → the records behind a number', async ({ browser, assert }) => {
    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'head')
      await h5.locator('[data-test="entry-training-learning"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/training/learning')
      await h5.locator('[data-test="statistics-link"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/training')
      await h5.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.include(await h5.locator('[data-test="statistics-totals"]').innerText(), '4')
      await h5.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
      await h5.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
      await h5.locator(`[data-test="cell-${E.e1}-staffCompleted"]`).click()
      await h5.waitForURL((url) => url.pathname === '/m/training/records')
      assert.equal(new URL(h5.url()).searchParams.get('completed'), '1')
      await h5.locator('[data-test^="record-row-"]').first().waitFor()
      assert.equal(await h5.locator('[data-test^="record-row-"]').count(), 1)
      const row = await h5.locator('[data-test^="record-row-"]').first().innerText()
      assert.include(row, '张经理')
      assert.include(row, '消防设施日常巡查')
      assert.isAtMost(await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0)
    } finally {
      await phone.close()
    }
  }).timeout(120_000)
})
