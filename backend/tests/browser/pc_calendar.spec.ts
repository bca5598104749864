import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'
import { resetCalendar } from '#tests/support/calendar'

/** The city admin maintains 节假日日历 on PC: side menu → 节假日日历, choose 2026, add a 调休 Saturday. */
test.group('PC · 节假日日历', (group) => {
  group.setup(async () => {
    await resetWorld()
    await resetCalendar()
  })
  group.teardown(() => resetCalendar())

  test('the city admin adds a 调休上班 day and sees it listed', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'city')

    // side menu 系统管理 → 节假日日历 (only for holders of calendar.manage)
    await page.locator('[data-test="nav-admin-calendar"]').click()
    await page.waitForURL((url) => url.pathname === '/admin/calendar')
    await page.locator('[data-test="calendar-table"]').waitFor()

    // choose 2026 (seeded from chinese-days, published; also the default while the clock says 2026)
    await page.locator('[data-test="calendar-year"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '2026年（已发布）' }).click()
    await page.locator('.calendar-row-2026-10-10').waitFor()
    assert.include(await page.locator('[data-test="calendar-status"]').innerText(), '已发布')
    assert.include(await page.locator('.calendar-row-2026-10-10').innerText(), '调休上班')

    // 新增日期: Saturday 2026-11-07, 调休上班, a name typed in
    await page.locator('[data-test="calendar-add"]').click()
    const dialog = page.locator('[data-test="calendar-dialog"]')
    await dialog.waitFor()
    const dateInput = page.locator('[data-test="calendar-date"] input')
    await dateInput.click()
    await dateInput.fill('2026-11-07')
    await dateInput.press('Enter')
    await page.locator('[data-test="calendar-kind-workday"]').click()
    const nameInput = page.locator('[data-test="calendar-name"] input').first()
    await nameInput.fill('测试调休')
    await nameInput.press('Enter')
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/days/2026-11-07') && r.request().method() === 'PUT')
    await page.locator('[data-test="calendar-save"]').click()
    assert.equal((await saved).status(), 200)

    const row = page.locator('.calendar-row-2026-11-07')
    await row.waitFor()
    const text = await row.innerText()
    assert.include(text, '2026-11-07')
    assert.include(text, '星期六')
    assert.include(text, '调休上班')
    assert.include(text, '测试调休')
    await page.locator('[data-test="calendar-summary"]', { hasText: '调休上班 7 天' }).waitFor()

    const stored = await db.from('calendar_days').where('date', '2026-11-07').first()
    assert.include(stored, { kind: 'workday', name: '测试调休', year: 2026 })
  })

  test('a street handler has no 节假日日历 entry and is sent home from /admin/calendar', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.locator('[data-test="side-menu"]').waitFor()
    assert.equal(await page.locator('[data-test="nav-admin-calendar"]').count(), 0)
    await page.goto(page.url().replace(/\/$/, '') + '/admin/calendar')
    await page.waitForURL((url) => url.pathname === '/')
  })
})
