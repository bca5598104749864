import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { Page, Response } from 'playwright'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import EvaluationService from '#modules/evaluations/evaluation_service'
import User from '#models/user'
import { loginOnH5 } from '#tests/support/browser'
import { syncWarehouse } from '#tests/support/warehouse'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/**
 * A phone of its own for each person: the WeChat stub hands every browser the same openid unless
 * the request names one, and two people share no WeChat account.
 */
const phoneOf = (who: WorldUser) => ({ ...PHONE, extraHTTPHeaders: { 'x-stub-openid': `o_stub_h5_${who}` } })

/** inside the second-half window (12-01 … 12-30), a Thursday */
const NOW = '2026-12-10T10:00:00+08:00'

/** the world's template (TEMPLATE, id 1): key → maxScore (= weight) */
const ITEMS = { service: 25, facilities: 20, safety: 20, complaints: 15, community: 10, disclosure: 10 } as const

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

async function evaluationOf(estateId: number): Promise<{ id: number; state: string; version: number }> {
  return db.from('evaluations').where({ estate_id: estateId, year: 2026, half: 2 }).select('id', 'state', 'version').firstOrFail()
}

/** taps a van-stepper's − button `times` times */
async function minus(page: Page, key: keyof typeof ITEMS, times: number) {
  for (let i = 0; i < times; i++) await page.locator(`[data-test="score-${key}"] .van-stepper__minus`).click()
}

/** types a score into a van-stepper's input (the stepper formats it on blur) */
async function typeScore(page: Page, key: keyof typeof ITEMS, value: number) {
  const input = page.locator(`[data-test="score-${key}"] input`)
  await input.fill(String(value))
  await input.blur()
}

async function stepperValue(page: Page, key: keyof typeof ITEMS) {
  return page.locator(`[data-test="score-${key}"] input`).inputValue()
}

async function totalText(page: Page) {
  return page.locator('[data-test="evaluation-total"]').innerText()
}

function todoRow(page: Page, text: string) {
  return page.locator('[data-test^="todo-row-"]', { hasText: text })
}

const isPost = (suffix: string) => (response: Response) =>
  response.url().endsWith(suffix) && response.request().method() === 'POST'

/**
 * Drags the list down from its top with touch events (what a thumb does): van-pull-refresh reads
 * touchstart / touchmove / touchend on its track.
 */
/**
 * Back to the top and stays there: a wheel scroll may still be animating, and van-pull-refresh only
 * starts a pull when its scroll parent is at 0 on touchstart.
 */
async function scrollToTop(page: Page) {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        window.scrollTo(0, 0)
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.scrollY === 0)))
      })
  )
}

async function pullDown(page: Page) {
  await scrollToTop(page)
  await page.evaluate(() => {
    const track = document.querySelector('.van-pull-refresh__track')!
    const touch = (y: number) => new Touch({ identifier: 1, target: track, clientX: 180, clientY: y })
    const fire = (type: string, y: number) =>
      track.dispatchEvent(
        new TouchEvent(type, {
          touches: type === 'touchend' ? [] : [touch(y)],
          targetTouches: type === 'touchend' ? [] : [touch(y)],
          changedTouches: [touch(y)],
          bubbles: true,
          cancelable: true,
        })
      )
    fire('touchstart', 150)
    for (let y = 160; y <= 400; y += 10) fire('touchmove', y)
    fire('touchend', 400)
  })
}

test.group('H5 · 待办事项 and 街道社区评价', (group) => {
  group.each.setup(async () => {
    clock.travelTo(NOW)
    await resetWorld()
    return () => clock.reset()
  })

  test('community staff score 锦华苑 from 待办, the street handler reviews it, 已办 shows it with 审核信息', async ({ browser, assert }) => {
    // ── 园岭一社区经办: 物业服务 → 待办事项 (badge 2: 翠园小区 and 锦华苑 wait for their scores)
    const community = await browser.newContext(phoneOf('community'))
    try {
      const page = await community.newPage()
      await loginOnH5(page, 'community')
      const badge = page.locator('[data-test="entry-todos"] .van-badge')
      await badge.waitFor()
      assert.equal((await badge.innerText()).trim(), '2')
      assert.equal(await page.locator('[data-test="entry-evaluations"]').count(), 1)

      await page.locator('[data-test="entry-todos"]').click()
      await page.waitForURL((url) => url.pathname === '/m/todos')
      await todoRow(page, '锦华苑').waitFor()
      assert.equal(await page.locator('[data-test^="todo-row-"]').count(), 2)
      const rowText = await todoRow(page, '锦华苑').innerText()
      assert.include(rowText, '待评价')
      assert.include(rowText, '期限 2026-12-30')
      assert.include(rowText, '园岭一社区')
      assert.isAtMost(await overflow(page), 0)

      // ── 办理: the scoring page, every item still unscored (no default can slip through)
      const jinhua = await evaluationOf(E.e2)
      await todoRow(page, '锦华苑').click()
      await page.waitForURL((url) => url.pathname === `/m/evaluations/${jinhua.id}`)
      await page.locator('.evaluation-page[data-mode="score"]').waitFor()
      assert.include(await page.locator('[data-test="evaluation-head"]').innerText(), '锦华苑')
      assert.include(await page.locator('[data-test="evaluation-head"]').innerText(), '2026年下半年')
      assert.equal(await page.locator('[data-test^="score-"].van-stepper').count(), 6)
      assert.equal(await stepperValue(page, 'service'), '')
      assert.include(await totalText(page), '0.00')

      // the weighted total follows live; an item left unscored stops the submit before any request
      for (const [key, max] of Object.entries(ITEMS)) {
        if (key !== 'disclosure') await typeScore(page, key as keyof typeof ITEMS, max)
      }
      let posted = false
      page.on('request', (request) => { if (request.method() === 'POST' && request.url().includes('/submit')) posted = true })
      await page.locator('[data-test="evaluation-submit"]').click()
      await page.locator('.van-toast', { hasText: '请为「信息公开」评分' }).waitFor()
      assert.isFalse(posted)
      await typeScore(page, 'disclosure', 10)
      assert.include(await totalText(page), '100.00')
      // 25 → 24 and 20 → 18 with the − buttons
      await minus(page, 'service', 2)
      await minus(page, 'safety', 4)
      assert.equal(await stepperValue(page, 'service'), '24.0')
      assert.equal(await stepperValue(page, 'safety'), '18.0')
      assert.include(await totalText(page), '97.00')
      assert.isAtMost(await overflow(page), 0)

      await page.locator('[data-test="submit-remark"] textarea').fill('安全巡查记录不全')
      const submitted = page.waitForResponse(isPost(`/api/v1/evaluations/${jinhua.id}/submit`))
      await page.locator('[data-test="evaluation-submit"]').click()
      assert.equal((await submitted).status(), 200)
      // back on 待办: only 翠园小区 is left
      await page.waitForURL((url) => url.pathname === '/m/todos')
      await todoRow(page, '翠园小区').waitFor()
      assert.equal(await todoRow(page, '锦华苑').count(), 0)
      assert.deepInclude(await evaluationOf(E.e2), { state: 'submitted' })
    } finally {
      await community.close()
    }

    // ── 园岭经办人: the 待办 badge, the review
    const handler = await browser.newContext(phoneOf('handler'))
    try {
      const page = await handler.newPage()
      await loginOnH5(page, 'handler')
      const badge = page.locator('[data-test="entry-todos"] .van-badge')
      await badge.waitFor()
      assert.equal((await badge.innerText()).trim(), '1')

      await page.locator('[data-test="entry-todos"]').click()
      await page.waitForURL((url) => url.pathname === '/m/todos')
      await todoRow(page, '锦华苑').waitFor()
      assert.include(await todoRow(page, '锦华苑').innerText(), '待审核')
      assert.include(await page.locator('.van-tabs__nav').innerText(), '1')

      const jinhua = await evaluationOf(E.e2)
      await todoRow(page, '锦华苑').click()
      await page.waitForURL((url) => url.pathname === `/m/evaluations/${jinhua.id}`)
      await page.locator('.evaluation-page[data-mode="review"]').waitFor()
      // 评价详情: the community's scores, the steppers prefilled with them
      assert.include(await page.locator('[data-test="submitted-service"]').innerText(), '24')
      assert.include(await page.locator('[data-test="submitted-safety"]').innerText(), '18')
      assert.equal(await stepperValue(page, 'service'), '24.0')
      assert.include(await totalText(page), '97.00')
      assert.include(await page.locator('[data-test="evaluation-scores"]').innerText(), '安全巡查记录不全')

      // re-score one item: 投诉处理 15 → 14
      await minus(page, 'complaints', 2)
      assert.include(await totalText(page), '96.00')

      // no 审核意见: a field error, nothing sent
      let posted = 0
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/review')) posted++
      })
      await page.locator('[data-test="evaluation-review"]').click()
      const fieldError = page.locator('[data-test="review-opinion"] .van-field__error-message')
      await fieldError.waitFor()
      assert.include(await fieldError.innerText(), '请填写审核意见')
      assert.equal(posted, 0)

      // a stale version (someone acted meanwhile): the 409's message with 刷新
      await db.from('evaluations').where('id', jinhua.id).increment('version', 1)
      await page.locator('[data-test="review-opinion"] textarea').fill('同意，投诉处理扣1分')
      assert.equal(await fieldError.count(), 0)
      const stale = page.waitForResponse(isPost(`/api/v1/evaluations/${jinhua.id}/review`))
      await page.locator('[data-test="evaluation-review"]').click()
      assert.equal((await stale).status(), 409)
      const dialog = page.locator('.van-dialog')
      await dialog.waitFor()
      const reloaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/evaluations/${jinhua.id}`) && r.request().method() === 'GET')
      await dialog.locator('.van-dialog__confirm').click()
      assert.equal((await reloaded).status(), 200)
      await dialog.waitFor({ state: 'hidden' })
      // 刷新 brought back the submitted scores; the typed opinion is kept
      assert.equal(await stepperValue(page, 'complaints'), '15.0')
      assert.equal(await page.locator('[data-test="review-opinion"] textarea').inputValue(), '同意，投诉处理扣1分')

      await minus(page, 'complaints', 2)
      assert.include(await totalText(page), '96.00')
      const reviewed = page.waitForResponse(isPost(`/api/v1/evaluations/${jinhua.id}/review`))
      await page.locator('[data-test="evaluation-review"]').click()
      assert.equal((await reviewed).status(), 200)
      await page.waitForURL((url) => url.pathname === '/m/todos')
      await page.locator('.van-empty').waitFor()
      assert.deepInclude(await evaluationOf(E.e2), { state: 'reviewed' })

      // ── 已办: the reviewed evaluation, who and what
      await page.locator('[data-test="todo-tab-done"]').click()
      await page.waitForURL((url) => url.searchParams.get('tab') === 'done')
      await todoRow(page, '锦华苑').waitFor()
      const done = await todoRow(page, '锦华苑').innerText()
      assert.include(done, USERS.handler.name)
      assert.include(done, '已办理')

      await todoRow(page, '锦华苑').click()
      await page.waitForURL((url) => url.pathname === `/m/evaluations/${jinhua.id}`)
      await page.locator('.evaluation-page[data-mode="view"]').waitFor()
      await page.locator('[data-test="evaluation-history"]').waitFor()
      assert.include(await page.locator('[data-test="evaluation-state"]').innerText(), '已审核')
      assert.include(await page.locator('[data-test="evaluation-effective"]').innerText(), '96')
      assert.include(await page.locator('[data-test="reviewed-complaints"]').innerText(), '14')
      // 审核信息: 开始评价 by the system, 提交审核 by the community, 审核 by the street, each with its remark
      const steps = page.locator('[data-test="evaluation-history"] .van-step')
      assert.equal(await steps.count(), 3)
      assert.include(await steps.nth(0).innerText(), '开始评价')
      const first = await steps.nth(1).innerText()
      const second = await steps.nth(2).innerText()
      assert.include(first, '提交审核')
      assert.include(first, USERS.community.name)
      assert.include(first, '安全巡查记录不全')
      assert.include(second, '审核')
      assert.include(second, USERS.handler.name)
      assert.include(second, '同意，投诉处理扣1分')
      assert.equal(await page.locator('[data-test="evaluation-review"]').count(), 0)
      assert.isAtMost(await overflow(page), 0)
    } finally {
      await handler.close()
    }
  })

  test('待办 loads page after page on scroll and reloads on pull-down', async ({ browser, assert }) => {
    // 23 more estates in 园岭一社区 before the window opens: 25 evaluations to score, two pages of 20
    const now = new Date()
    await db.table('estates').multiInsert(
      Array.from({ length: 23 }, (_, i) => ({
        id: 201 + i, community_id: R.yl1, street_id: R.yuanling, district_id: R.futian, name: `测试家园${String(i + 1).padStart(2, '0')}`,
        address: `深圳市测试路${201 + i}号`, estate_type: '住宅', lng: 114.05, lat: 22.54, building_area: 1000, house_count: 10,
        household_count: 9, company_name: '测试物业公司', manager_name: '经理', manager_phone: '13700000000', has_committee: false,
        committee_director: null, has_party_org: false, created_at: now, updated_at: now,
      }))
    )

    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'community')
      await page.locator('[data-test="entry-todos"] .van-badge').waitFor()
      assert.equal((await page.locator('[data-test="entry-todos"] .van-badge').innerText()).trim(), '25')
      await page.locator('[data-test="entry-todos"]').click()
      await page.waitForURL((url) => url.pathname === '/m/todos')

      const rows = page.locator('[data-test^="todo-row-"]')
      await rows.first().waitFor()
      await page.locator('[data-test="todo-total"]').waitFor()
      assert.include(await page.locator('[data-test="todo-total"]').innerText(), '共 25 条')
      assert.equal(await rows.count(), 20)

      // scrolling to the end loads page 2
      const second = page.waitForResponse((r) => r.url().includes('/api/v1/todos?') && new URL(r.url()).searchParams.get('page') === '2')
      await rows.last().scrollIntoViewIfNeeded()
      await page.mouse.wheel(0, 4000)
      assert.equal((await second).status(), 200)
      await page.locator('[data-test^="todo-row-"]').nth(24).waitFor()
      assert.equal(await rows.count(), 25)
      await page.getByText('没有更多了').waitFor()

      // pull-to-refresh from the top asks for page 1 again
      const first = page.waitForResponse((r) => r.url().includes('/api/v1/todos?') && new URL(r.url()).searchParams.get('page') === '1')
      await pullDown(page)
      assert.equal((await first).status(), 200)
      await page.waitForFunction(() => document.querySelectorAll('[data-test^="todo-row-"]').length === 20)

      // the search box narrows the list (?q=)
      await page.locator('[data-test="todo-search"] input').fill('测试家园07')
      await page.locator('[data-test="todo-search"] input').press('Enter')
      await page.waitForURL((url) => url.searchParams.get('q') === '测试家园07')
      await page.waitForFunction(() => document.querySelectorAll('[data-test^="todo-row-"]').length === 1)
      assert.include(await rows.first().innerText(), '测试家园07')
    } finally {
      await context.close()
    }
  })

  test('街道社区评价: the street handler drills from the numbers to the 待审核 list and the review page', async ({ browser, assert }) => {
    // the window opens, 园岭一社区 submits 锦华苑 (through the service, as the community user), the warehouse catches up
    await (await app.container.make(EvaluationPeriodService)).ensureCurrent()
    const jinhua = await evaluationOf(E.e2)
    const communityUser = await User.findOrFail(USERS.community.id)
    const scores = { ...ITEMS, complaints: 12 }
    await (await app.container.make(EvaluationService)).submit(communityUser, jinhua.id, { version: jinhua.version, scores })
    await syncWarehouse()

    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'handler')
      await page.locator('[data-test="entry-evaluations"]').click()
      await page.waitForURL((url) => url.pathname === '/m/evaluations')
      await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      // 园岭街道: 4 estates, 1 scored and waiting for review
      assert.equal((await page.locator('[data-test="total-estates"] .summary__value').innerText()).trim(), '4')
      assert.include(await page.locator('[data-test="legend-submitted"]').innerText(), '待审核')
      assert.equal((await page.locator('[data-test="legend-submitted"] b').innerText()).trim(), '1')
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-submitted"] b`).innerText()).trim(), '1')
      assert.equal((await page.locator(`[data-test="cell-${R.yl2}-submitted"] b`).innerText()).trim(), '0')
      assert.include(await page.locator('[data-test="page-selects"]').innerText(), '2026年下半年')
      assert.isAtMost(await overflow(page), 0)

      // 待审核 → the list of 园岭一社区 in 待审核
      await page.locator(`[data-test="cell-${R.yl1}-submitted"]`).click()
      // (the period travels with the link, as on PC: ?period=2026-2)
      await page.waitForURL(
        (url) => url.pathname === '/m/evaluations/list' && url.searchParams.get('state') === 'submitted' &&
          url.searchParams.get('region') === String(R.yl1) && url.searchParams.get('period') === '2026-2'
      )
      const row = page.locator(`[data-test="record-row-${jinhua.id}"]`)
      await row.waitFor()
      assert.equal(await page.locator('[data-test^="record-row-"]').count(), 1)
      assert.include(await row.innerText(), '锦华苑')
      assert.include(await row.innerText(), '待审核')

      await row.click()
      await page.waitForURL((url) => url.pathname === `/m/evaluations/${jinhua.id}`)
      await page.locator('.evaluation-page[data-mode="review"]').waitFor()
      assert.equal(await stepperValue(page, 'complaints'), '12.0')
      assert.include(await totalText(page), '97.00')

      // drilling into 园岭一社区 lists its estates; an estate opens the estate page on its 社区评价 tab,
      // whose evaluation of the period opens the evaluation
      // (the nav bar's back arrow, twice: detail → list → numbers)
      await page.locator('.van-nav-bar__left').click()
      await page.waitForURL((url) => url.pathname === '/m/evaluations/list')
      await page.locator('.van-nav-bar__left').click()
      await page.waitForURL((url) => url.pathname === '/m/evaluations')
      // (a row's name drills down; its numbers open lists)
      await page.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
      await page.waitForURL((url) => url.pathname === '/m/evaluations' && url.searchParams.get('region') === String(R.yl1))
      await page.locator(`[data-test="drill-${E.e1}"] .van-cell__title > span`).click()
      await page.waitForURL((url) => url.pathname === `/m/estates/${E.e1}` && url.searchParams.get('tab') === 'evaluations')
      const cuiyuan = await evaluationOf(E.e1)
      const period = page.locator(`[data-test="estate-evaluation-${cuiyuan.id}"]`)
      await period.waitFor()
      assert.include(await period.innerText(), '2026年下半年')
      assert.include(await period.innerText(), '待评价')
      await period.click()
      await page.waitForURL((url) => url.pathname === `/m/evaluations/${cuiyuan.id}`)
      // a street handler cannot score for the community: read-only
      await page.locator('.evaluation-page[data-mode="view"]').waitFor()
      assert.include(await page.locator('[data-test="evaluation-state"]').innerText(), '待评价')
    } finally {
      await context.close()
    }
  })
})
