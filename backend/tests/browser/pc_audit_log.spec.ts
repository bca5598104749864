import { test } from '@japa/runner'
import { resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'

/** The city admin searches the audit log on PC for a denied access made moments before. */
test.group('PC · 审计日志', (group) => {
  group.setup(() => resetWorld())

  test('the city admin finds a denied access by filtering 操作类型 = 拒绝访问', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'city')

    // a denied request (a record that does not exist → 404), made from the browser session
    const missing = 987000 + Math.floor(Math.random() * 1000)
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/estates/${id}`)).status, missing)
    assert.equal(status, 404)

    // side menu 系统管理 → 审计日志 (only for holders of audit.view)
    await page.locator('[data-test="nav-admin-audit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin/audit')
    await page.locator('[data-test="audit-table"]').waitFor()

    // 操作类型 = 拒绝访问, then 查询
    await page.locator('[data-test="filter-action"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '拒绝访问' }).click()
    await page.locator('[data-test="search"]').click()
    await page.waitForURL((url) => url.searchParams.get('action') === 'access_denied')

    const row = page.locator('[data-test="audit-table"] tbody tr', { hasText: `物业项目 · 物业项目详情 #${missing}` })
    await row.first().waitFor()
    const text = await row.first().innerText()
    assert.include(text, '拒绝访问')
    assert.include(text, '拒绝')
    assert.include(text, '404')
    assert.include(text, '市管理员')
    for (const cell of await page.locator('[data-test="audit-table"] tbody tr').allInnerTexts()) assert.include(cell, '拒绝访问')
  })

  test('a street handler has no audit entry and is sent home from /admin/audit', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.locator('[data-test="nav-todos"]').waitFor()
    assert.equal(await page.locator('[data-test="nav-admin-audit"]').count(), 0)
    await page.goto(page.url().replace(/\/$/, '') + '/admin/audit')
    await page.waitForURL((url) => url.pathname === '/')
  })
})
