import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { loginOnH5 } from '#tests/support/browser'
import { E, R, USERS, resetWorld } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/** the data-test keys of the home tiles, in order */
const tiles = (page: Page) =>
  page.locator('[data-test="home-tiles"] [data-test^="entry-"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-test')!.slice(6)))

/**
 * Tiles whose label wraps or sits out of line: every label is one line high, and the labels of a row
 * share their top edge.
 */
const misalignedTiles = (page: Page) =>
  page.evaluate(() => {
    const wrong: string[] = []
    const labels = [...document.querySelectorAll('[data-test="home-tiles"] .van-grid-item__text')]
    const rows = new Map<number, number[]>()
    for (const label of labels) {
      const style = getComputedStyle(label)
      const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.5
      const rect = label.getBoundingClientRect()
      if (rect.height > line * 1.5) wrong.push(`${label.textContent?.trim()} wraps`)
      const item = label.closest('.van-grid-item')!.getBoundingClientRect()
      rows.set(Math.round(item.top), [...(rows.get(Math.round(item.top)) ?? []), Math.round(rect.top)])
    }
    for (const [top, tops] of rows) if (new Set(tops).size > 1) wrong.push(`row at ${top}: labels at ${tops.join(', ')}`)
    if (document.documentElement.scrollWidth > window.innerWidth) wrong.push('page scrolls sideways')
    return wrong
  })

async function openByUrl(page: Page, path: string) {
  await page.goto(`${base()}/m${path}`)
}

async function sentHome(page: Page, path: string) {
  await openByUrl(page, path)
  await page.waitForURL((url) => url.pathname === '/m/')
  await page.locator('[data-test="home-user-name"]').waitFor()
}

/** The H5 shell: home tiles, route guards and the estate page's tabs from the module declarations. */
test.group('H5 · shell: tiles, guards and the estate page from the declarations', (group) => {
  group.each.setup(() => resetWorld())

  test('a user without projects.view sees neither the 项目管理 tile nor its pages by URL, nor its estate tab', async ({ browser, assert }) => {
    // the party secretary, granted 备案情况 · 查看 but no longer 项目管理 · 查看
    const removed = await db.from('user_features').where({ user_id: USERS.party.id, feature: 'projects.view' }).delete()
    assert.equal(Number(removed), 1)

    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'party')
      await page.locator('[data-test="entry-filings"]').waitFor()
      assert.deepEqual(await tiles(page), ['messages', 'todos', 'filings', 'party_building', 'evaluations', 'disclosure-board', 'account'])
      assert.equal(await page.locator('[data-test="entry-projects"]').count(), 0)
      // labels from the declarations, one line each, aligned
      assert.equal((await page.locator('[data-test="entry-evaluations"] .van-grid-item__text').innerText()).trim(), '社区评价')
      assert.deepEqual(await misalignedTiles(page), [])
      // nothing granted ahead: no 即将上线
      assert.equal(await page.locator('[data-test="home-planned"]').count(), 0)

      // its pages by URL: home, with the reason
      await sentHome(page, '/projects')
      await page.locator('.van-toast', { hasText: '无权访问该页面' }).waitFor()
      await sentHome(page, `/projects/estates?has_committee=true`)

      // the module they hold opens by URL
      await openByUrl(page, '/filings')
      await page.locator('[data-test="statistics-totals"]').waitFor()
      assert.equal(new URL(page.url()).pathname, '/m/filings')

      // the estate page: 备案情况 and 社区评价, no 基本信息 (even when asked for)
      await openByUrl(page, `/estates/${E.e1}?tab=projects`)
      await page.locator('[data-test="estate-head"]').waitFor()
      assert.include(await page.locator('[data-test="estate-head"]').innerText(), '翠园小区')
      const tabs = (await page.locator('[data-test="estate-tabs"] .van-tab').allInnerTexts()).map((tab) => tab.trim())
      assert.deepEqual(tabs, ['备案情况', '社区评价'])
      await page.locator('[data-test="estate-filings"]').waitFor()
      assert.equal(await page.locator('[data-test="estate-info"]').count(), 0)
    } finally {
      await context.close()
    }
  })

  test('the same user with projects.view sees the tile, the page and the 基本信息 tab', async ({ browser, assert }) => {
    // and 安全检查's view, granted on top: its tile (every module is built now, so nothing is 即将上线)
    await db.table('user_features').insert({ user_id: USERS.party.id, feature: 'inspections.view', granted_by: null, granted_at: new Date() })

    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'party')
      await page.locator('[data-test="entry-projects"]').waitFor()
      const shown = await tiles(page)
      assert.deepEqual(shown.filter((tile) => tile !== 'inspections'), ['messages', 'todos', 'projects', 'filings', 'party_building', 'evaluations', 'disclosure-board', 'account'])
      assert.include(shown, 'inspections')
      assert.deepEqual(await misalignedTiles(page), [])
      assert.equal(await page.locator('[data-test="home-planned"]').count(), 0)

      await page.locator('[data-test="entry-projects"]').click()
      await page.waitForURL((url) => url.pathname === '/m/projects')
      await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.equal((await page.locator('[data-test="total-estates"] .summary__value').innerText()).trim(), '4')

      await openByUrl(page, `/estates/${E.e1}`)
      await page.locator('[data-test="estate-info"]').waitFor()
      const tabs = (await page.locator('[data-test="estate-tabs"] .van-tab').allInnerTexts()).map((tab) => tab.trim())
      assert.deepEqual(tabs, ['基本信息', '备案情况', '社区评价'])
      assert.include(await page.locator('[data-test="estate-info"]').innerText(), '翠园小区')
    } finally {
      await context.close()
    }
  })

  test('a user holding none of the estate tabs’ features is sent home from the estate page', async ({ browser, assert }) => {
    await db.from('user_features').where('user_id', USERS.party.id).whereIn('feature', ['projects.view', 'filings.view', 'evaluations.view']).delete()

    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'party')
      await page.locator('[data-test="entry-todos"]').waitFor()
      assert.deepEqual(await tiles(page), ['messages', 'todos', 'party_building', 'disclosure-board', 'account'])
      await sentHome(page, `/estates/${E.e1}`)
      await sentHome(page, '/evaluations/list')
    } finally {
      await context.close()
    }
  })
})
