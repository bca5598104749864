import { test } from '@japa/runner'
import type { Page, Response } from 'playwright'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { E, resetWorld } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/** Every API answer of 400 or more the page receives (a shell holding no region feature must ask for nothing it may not have). */
function refusedRequests(page: Page): string[] {
  const refused: string[] = []
  page.on('response', (response: Response) => {
    if (response.url().includes('/api/v1/') && response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`)
  })
  return refused
}

/** The shells for an estate-side account (项目经理 of e1 and e3, no region feature). */
test.group('Estate-side accounts · PC and H5 shells', (group) => {
  group.each.setup(() => resetWorld())

  test('PC: the 项目经理 sees 我的物业项目, opens an own estate, and another estate is not found', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'manager')
    const refused = refusedRequests(page)
    await page.locator('[data-test="home-own-estates"]').waitFor()
    assert.equal((await page.locator(`[data-test="home-own-estate-${E.e1}"]`).innerText()).trim(), '翠园小区')
    assert.equal((await page.locator(`[data-test="home-own-estate-${E.e3}"]`).innerText()).trim(), '碧海花园')
    // no region statistics; the to-dos of their own estates (none yet)
    assert.equal(await page.locator('[data-test="home-figures"]').count(), 0)
    assert.equal(await page.locator('[data-test="home-todos"]').count(), 1)
    assert.equal(await page.locator('[data-test="nav-filings"]').count(), 0)

    await page.locator(`[data-test="home-own-estate-${E.e1}"]`).click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e1}`)
    await page.locator('[data-test="estate-basics"]').waitFor()
    assert.include(await page.locator('[data-test="estate-basics"]').innerText(), '翠园小区')
    assert.deepEqual((await page.locator('[data-test="estate-tabs"] .el-tabs__item').allInnerTexts()).map((tab) => tab.trim()), ['基本信息'])
    assert.deepEqual(refused, [])
    assert.equal(await page.locator('.el-message--error').count(), 0)

    // an estate of the same street that is not theirs: the page says so, nothing else is asked
    await page.goto(`${base()}/estates/${E.e2}`)
    await page.getByText('未找到该物业项目').waitFor()
    assert.deepEqual(refused, [`404 /api/v1/estates/${E.e2}`])
  })

  test('H5: the 项目经理 binds as 物业服务企业项目经理, sees their estates on the home and opens one', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'manager')
      const refused = refusedRequests(page)
      await page.locator('[data-test="home-own-estates"]').waitFor()
      assert.deepEqual(
        (await page.locator('[data-test="home-own-estates"] .van-cell__title').allInnerTexts()).map((name) => name.trim()),
        ['翠园小区', '碧海花园']
      )
      // no statistics tiles: only 我的 (and the inbox, once built)
      const tiles = await page.locator('[data-test="home-tiles"] [data-test^="entry-"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-test')))
      assert.notInclude(tiles, 'entry-filings')
      assert.notInclude(tiles, 'entry-projects')
      assert.include(tiles, 'entry-account')

      await page.locator(`[data-test="home-own-estate-${E.e3}"]`).click()
      await page.waitForURL((url) => url.pathname === `/m/estates/${E.e3}`)
      await page.locator('[data-test="estate-info"]').waitFor()
      assert.include(await page.locator('[data-test="estate-head"]').innerText(), '碧海花园')
      assert.deepEqual(refused, [])
      assert.equal(await page.locator('.van-toast--fail:visible').count(), 0)
    } finally {
      await context.close()
    }
  })
})
