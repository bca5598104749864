import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { drain, syncWarehouse } from '#tests/support/warehouse'
import { resetCalendar } from '#tests/support/calendar'
import clock from '#services/clock'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])

/**
 * 安全检查 end to end: 福田区 publishes a task on the PC (checklist with 需拍照, its whole region), the
 * project manager of 翠园小区 fills it on the H5 at phone width (发现问题 with a photo → 整改中), and the
 * PC statistics and the task's page show it.
 */
test.group('安全检查 · publish on PC → fill on H5 → statistics on PC', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    clock.travelTo('2026-12-07T09:00:00+08:00')
    return () => clock.reset()
  })

  test('publish, fill with a photo, see the numbers', async ({ visit, browser, assert }) => {
    // PC: 福田区 publishes
    const pc = await loginOnPc(visit, 'futian')
    await pc.goto(new URL('/inspections/tasks', pc.url()).toString())
    await pc.locator('[data-test="publish-task"]').click()
    const dialog = pc.locator('[data-test="publish-dialog"]')
    await dialog.locator('[data-test="form-title"] input').fill('冬季消防安全检查')
    const deadline = dialog.locator('[data-test="form-deadline"] input')
    await deadline.click()
    await deadline.fill('2026-12-10')
    await deadline.press('Enter')
    await dialog.locator('[data-test="item-0"] .el-input input').fill('消防通道是否畅通')
    await dialog.locator('[data-test="item-0"] .el-checkbox').click()
    await dialog.locator('[data-test="add-item"]').click()
    await dialog.locator('[data-test="item-1"] .el-input input').fill('灭火器是否在有效期内')
    const published = pc.waitForResponse((response) => response.url().endsWith('/api/v1/inspections/tasks') && response.request().method() === 'POST')
    await dialog.locator('[data-test="publish-save"]').click()
    assert.equal((await published).status(), 201)
    await pc.waitForURL((url) => /^\/inspections\/tasks\/\d+$/.test(url.pathname))
    await pc.locator('[data-test="task-targets"]', { hasText: '5' }).waitFor()
    const task = await db.from('inspection_tasks').orderBy('id', 'desc').firstOrFail()
    const items = await db.from('inspection_items').where('task_id', task.id).orderBy('position')
    assert.deepEqual(items.map((item) => [item.content, item.photo_required]), [['消防通道是否畅通', true], ['灭火器是否在有效期内', false]])
    const target = await db.from('inspection_targets').where({ task_id: task.id, estate_id: E.e1 }).firstOrFail()

    // H5: the project manager fills it at phone width
    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'manager')
      await h5.locator('[data-test="entry-my-inspections"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/inspections/mine')
      await h5.locator(`[data-test="mine-${target.id}"]`).click()
      await h5.waitForURL((url) => url.pathname === `/m/inspections/targets/${target.id}`)
      await h5.locator('[data-test="fill-result-0-problem"]').click()
      const uploaded = h5.waitForResponse((response) => response.url().endsWith('/api/v1/inspections/photos'))
      await h5.locator('[data-test="fill-item-0"] input[type="file"]').setInputFiles({ name: '通道.png', mimeType: 'image/png', buffer: PNG })
      assert.equal((await uploaded).status(), 201)
      await h5.locator('[data-test="fill-description-0"] textarea').fill('消防通道堆放杂物')
      await h5.locator('[data-test="fill-measures-0"] textarea').fill('通知清理')
      const submitted = h5.waitForResponse((response) => response.url().endsWith(`/api/v1/inspections/targets/${target.id}/submit`))
      await h5.locator('[data-test="fill-submit"]').click()
      assert.equal((await submitted).status(), 200)
      await h5.locator('[data-test="fill-state"]', { hasText: '整改中' }).waitFor()
      // nothing wider than the phone
      assert.isAtMost(await h5.evaluate(() => document.documentElement.scrollWidth), 375)
    } finally {
      await phone.close()
    }
    const stored = await db.from('inspection_targets').where('id', target.id).firstOrFail()
    assert.deepInclude(stored, { state: 'rectifying', version: 2, submitted_by: USERS.manager.id })
    assert.lengthOf(await db.from('inspection_photos'), 1)

    // PC: the statistics show it (the outbox drained into the warehouse)
    await drain()
    await pc.goto(new URL('/inspections', pc.url()).toString())
    await pc.locator(`[data-test="cell-${R.yuanling}-completed"]`).waitFor()
    assert.equal((await pc.locator(`[data-test="cell-${R.yuanling}-completed"]`).innerText()).trim(), '1')
    assert.equal((await pc.locator(`[data-test="cell-${R.yuanling}-problems"]`).innerText()).trim(), '1')
    assert.equal((await pc.locator(`[data-test="cell-${R.nanyuan}-pending"]`).innerText()).trim(), '1')
    // and the task's page lists 翠园小区 as 整改中
    await pc.goto(new URL(`/inspections/tasks/${task.id}`, pc.url()).toString())
    await pc.locator(`[data-test="target-state-${E.e1}"]`, { hasText: '整改中' }).waitFor()
  }).timeout(180_000)
})
