import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { loginOnH5 } from '#tests/support/browser'
import { R, USERS, resetWorld } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const NEW_PHONE = '13912340001'
const NEW_NAME = '园岭新经办'

/** the feature codes whose van-checkbox is ticked on the 新增 / 赋权 screen, sorted */
async function checkedFeatures(page: Page): Promise<string[]> {
  const boxes = await page.locator('[data-test^="m-feature-"]').evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-test')!.slice('m-feature-'.length), el.getAttribute('aria-checked') === 'true'] as const)
  )
  return boxes.filter(([, checked]) => checked).map(([code]) => code).sort()
}

/** taps the van-checkboxes until exactly `wanted` are ticked */
async function tickExactly(page: Page, wanted: string[]) {
  await page.locator('[data-test^="m-feature-"]').first().waitFor()
  const boxes = await page.locator('[data-test^="m-feature-"]').evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-test')!.slice('m-feature-'.length), el.getAttribute('aria-checked') === 'true'] as const)
  )
  for (const [code, checked] of boxes) {
    if (checked !== wanted.includes(code)) await page.locator(`[data-test="m-feature-${code}"]`).click()
  }
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

test.group('H5 · 权限管理 new account, 赋权 and 用户统计', (group) => {
  group.each.setup(() => resetWorld())

  test('a street head creates a handler on the phone, grants it 项目管理 · 查看 and sees 用户统计', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'head')

      // ── 物业服务 → 权限管理: the accounts of 园岭街道, none of another street
      await page.locator('[data-test="entry-admin-users"]').click()
      await page.waitForURL((url) => url.pathname === '/m/admin/users')
      for (const who of ['handler', 'party', 'community'] as const) {
        const cell = page.locator(`[data-test="m-user-${USERS[who].id}"]`)
        await cell.waitFor()
        assert.include(await cell.innerText(), USERS[who].name)
      }
      assert.include(await page.locator(`[data-test="m-user-${USERS.handler.id}"]`).innerText(), '园岭街道')
      assert.equal(await page.locator(`[data-test="m-user-${USERS.nanyuan.id}"]`).count(), 0)
      assert.equal(await page.getByText(NEW_NAME).count(), 0)
      assert.isAtMost(await overflow(page), 0)

      // ── 新增: name, phone, 街道办经办人, 备案情况 · 查看 only
      await page.locator('[data-test="m-user-create"]:not([disabled])').click()
      await page.locator('[data-test="m-create-name"] input').fill(NEW_NAME)
      await page.locator('[data-test="m-create-phone"] input').fill(NEW_PHONE)
      await page.locator('[data-test="m-role-street_handler"]').click()
      assert.equal(await page.locator('[data-test="m-role-street_handler"]').getAttribute('aria-checked'), 'true')
      await tickExactly(page, ['filings.view'])
      assert.deepEqual(await checkedFeatures(page), ['filings.view'])
      assert.isAtMost(await overflow(page), 0)

      const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST')
      await page.locator('[data-test="m-submit"]').click()
      const response = await created
      assert.equal(response.status(), 201)
      const body = await response.json()
      const userId: number = body.data.id
      const dialog = page.locator('.van-dialog')
      await dialog.waitFor()
      assert.include(await dialog.innerText(), body.meta.initialPassword)
      await dialog.locator('.van-dialog__confirm').click()

      // back on the list, with the new account
      const row = page.locator(`[data-test="m-user-${userId}"]`)
      await row.waitFor()
      const rowText = await row.innerText()
      assert.include(rowText, NEW_NAME)
      assert.include(rowText, '街道办经办人')
      assert.include(rowText, NEW_PHONE.slice(-4))

      const saved = await db.from('users').where('phone', NEW_PHONE).first()
      assert.exists(saved)
      assert.equal(saved.id, userId)
      assert.equal(saved.name, NEW_NAME)
      assert.equal(saved.role, 'street_handler')
      assert.equal(saved.region_id, R.yuanling)
      const createdGrants = await db.from('user_features').where('user_id', userId).orderBy('feature')
      assert.deepEqual(createdGrants.map((g) => g.feature), ['filings.view'])

      // ── 赋权: + 项目管理 · 查看
      await row.click()
      await page.locator('.van-nav-bar__title', { hasText: `账号赋权 · ${NEW_NAME}` }).waitFor()
      await page.locator('[data-test^="m-feature-"]').first().waitFor()
      assert.deepEqual(await checkedFeatures(page), ['filings.view'])
      await tickExactly(page, ['filings.view', 'projects.view'])
      assert.deepEqual(await checkedFeatures(page), ['filings.view', 'projects.view'])
      const granted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/users/${userId}/features`))
      await page.locator('[data-test="m-submit"]').click()
      assert.equal((await granted).status(), 200)
      await page.getByText('功能权限已更新').first().waitFor()
      await row.waitFor()

      const user = await db.from('users').where('id', userId).first()
      assert.equal(user.role, 'street_handler')
      assert.equal(user.region_id, R.yuanling)
      const grants = await db.from('user_features').where('user_id', userId).orderBy('feature')
      assert.deepEqual(grants.map((g) => g.feature), ['filings.view', 'projects.view'])
      assert.isAtMost(await overflow(page), 0)

      // ── 用户统计: 街道办 · 账户总数 = head, handler, party secretary + the new handler; 社区 · 未开设单位 = 园岭二社区
      await page.locator('[data-test="m-user-stats"]').click()
      await page.waitForURL((url) => url.pathname === '/m/admin/user-stats')
      const streetAccounts = page.locator('[data-test="m-stat-streets-accounts"] .num')
      await streetAccounts.waitFor()
      assert.equal((await streetAccounts.innerText()).trim(), '4')
      assert.equal((await page.locator('[data-test="m-stat-streets-units"] .num').innerText()).trim(), '1')
      assert.equal((await page.locator('[data-test="m-stat-communities-unopened"] .num').innerText()).trim(), '1')
      assert.isAtMost(await overflow(page), 0)

      // tap the number: the four accounts behind it
      await page.locator('[data-test="m-stat-streets-accounts"]').click()
      await page.locator('.van-nav-bar__title', { hasText: '街道办 · 账户总数' }).waitFor()
      const items = page.locator('.user-stats .van-cell .van-cell__title > span')
      await items.first().waitFor()
      const names = (await items.allInnerTexts()).map((t) => t.trim()).sort()
      assert.deepEqual(names, [USERS.head.name, USERS.handler.name, USERS.party.name, NEW_NAME].sort())
      assert.isAtMost(await overflow(page), 0)
    } finally {
      await context.close()
    }
  })
})
