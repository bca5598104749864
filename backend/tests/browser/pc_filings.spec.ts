import { test } from '@japa/runner'
import { R, E, PASSWORD, USERS, resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'

/** A street clerk on PC: log in, home, 备案情况, drill street → community → estate → records, export. */
test.group('PC · 备案情况 drill-down', (group) => {
  group.setup(() => resetWorld())

  test('log in and drill from the street to the records behind a number', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')

    // home with the quick-entry bar
    for (const entry of ['微信决策管理', '信息综合查询', '信息公开查询', '信息公开', '车位信息统计', '从业人员信息', '项目统计模块', '物业区域管理', '更多']) {
      assert.isTrue(await page.getByText(entry, { exact: true }).first().isVisible(), `quick entry ${entry}`)
    }
    assert.include(await page.locator('[data-test="user-region"]').innerText(), '园岭街道')

    // 备案情况 for the street: one row per community
    await page.locator('[data-test="entry-filings"]').click()
    await page.waitForURL((url) => url.pathname === '/filings')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal((await page.locator(`[data-test="cell-${R.yl1}-estates"]`).innerText()).trim(), '2')
    assert.equal((await page.locator(`[data-test="cell-${R.yl2}-contractNotFiled"]`).innerText()).trim(), '2')
    assert.include(await page.locator('[data-test="stats-table"]').innerText(), '50.0%')

    // drill into 园岭一社区: its estates
    await page.locator(`[data-test="drill-${R.yl1}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await page.locator(`[data-test="estate-${E.e1}"]`).waitFor()
    assert.include(await page.locator('[data-test="stats-table"]').innerText(), '锦华苑')
    assert.isTrue(await page.locator(`[data-test="crumb-${R.yuanling}"]`).isVisible())

    // click a number: the records behind it (锦华苑's expired contract)
    await page.locator(`[data-test="cell-${E.e2}-contractExpired"]`).click()
    await page.waitForURL((url) => url.pathname === '/filings/records')
    await page.locator(`.estate-row-${E.e2}`).waitFor()
    assert.equal(await page.locator('[data-test="records-table"] tbody tr').count(), 1)
    assert.include(await page.locator(`.estate-row-${E.e2}`).innerText(), '已过期')

    // export of the records list is a real xlsx with the same filters
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export"]').click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)

    // the estate page with its filings and history
    await page.locator(`[data-test="estate-${E.e2}"]`).click()
    await page.waitForURL((url) => url.pathname === `/filings/estates/${E.e2}`)
    await page.locator('[data-test="filing-records"]').waitFor()
    assert.include(await page.locator('[data-test="estate-basics"]').innerText(), '锦华苑')
    assert.include(await page.locator('[data-test="filing-records"]').innerText(), 'DOC-3')
  })

  test('a district head starts at the streets and cannot open another district', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'futian')
    await page.goto(page.url().replace(/\/$/, '') + '/filings')
    await page.locator(`[data-test="drill-${R.yuanling}"]`).waitFor()
    assert.isTrue(await page.locator(`[data-test="drill-${R.nanyuan}"]`).isVisible())
    assert.equal(await page.locator(`[data-test="drill-${R.guiyuan}"]`).count(), 0)

    await page.goto(page.url().replace(/\/filings.*$/, `/filings?region=${R.guiyuan}`))
    await page.getByText('记录不存在').first().waitFor()
  })

  test('a wrong password shows the server message', async ({ visit, assert }) => {
    const page = await visit('/login')
    await page.locator('[data-test="login-phone"]').fill(USERS.handler.phone)
    await page.locator('[data-test="login-password"]').fill('wrong-password')
    await page.locator('[data-test="login-send-code"]').click()
    await page.locator('[data-test="login-error"]').waitFor()
    assert.include(await page.locator('[data-test="login-error"]').innerText(), '手机号或密码错误')
  })
})
