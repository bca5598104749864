import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, BrowserContext, Page, Response } from 'playwright'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import { exportedFileName, loginOnPc } from '#tests/support/browser'
import { drain } from '#tests/support/warehouse'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'

/** inside the first-half window (06-01 … 06-30), a Monday */
const NOW = '2026-06-15T10:00:00+08:00'

/** the world's template (id 1): key → maxScore (= weight), so a weighted total is the plain sum */
type ItemKey = 'service' | 'facilities' | 'safety' | 'complaints' | 'community' | 'disclosure'
/** 翠园小区 as 园岭一社区 scores it: 22 + 18 + 19 + 13 + 9 + 9 = 90 */
const COMMUNITY_SCORES: Record<ItemKey, number> = { service: 22, facilities: 18, safety: 19, complaints: 13, community: 9, disclosure: 9 }

const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/** one signed-in user per browser context, so two people can work side by side */
async function signIn(browser: Browser, who: WorldUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await loginOnPc(async (url) => {
    await page.goto(base() + url)
    return page
  }, who)
  return { context, page }
}

async function evaluationOf(estateId: number) {
  return db.from('evaluations').where({ estate_id: estateId, year: 2026, half: 1 }).firstOrFail()
}

/** types a score into an el-input-number; Tab commits it (change on blur) */
async function setScore(page: Page, key: ItemKey, value: number) {
  const input = page.locator(`[data-test="score-${key}"] input`)
  await input.fill(String(value))
  await input.press('Tab')
}

async function liveTotal(page: Page) {
  return (await page.locator('[data-test="live-total"]').innerText()).trim()
}

function todoRow(page: Page, text: string) {
  return page.locator('[data-test="todo-table"] .el-table__body-wrapper tbody tr', { hasText: text })
}

async function headerBadge(page: Page) {
  const badge = page.locator('[data-test="header-todo-badge"] .el-badge__content')
  return (await badge.isVisible()) ? (await badge.innerText()).trim() : ''
}

/** the header badge settles after the counts request that follows each navigation */
async function waitForBadge(page: Page, expected: string) {
  await page.waitForFunction(
    (text) => {
      const badge = document.querySelector<HTMLElement>('[data-test="header-todo-badge"] .el-badge__content')
      const shown = badge && badge.offsetParent !== null && getComputedStyle(badge).display !== 'none' ? badge.innerText.trim() : ''
      return shown === text
    },
    expected
  )
}

const isPost = (suffix: string) => (response: Response) =>
  response.url().endsWith(suffix) && response.request().method() === 'POST'

test.group('PC · 待办事项 and 街道社区评价', (group) => {
  group.each.setup(async () => {
    clock.travelTo(NOW)
    await resetWorld()
    return () => clock.reset()
  })

  test('community staff score 翠园小区, the street handler re-scores and reviews it, 已办 and the overview show it', async ({ browser, assert }) => {
    // ── 园岭一社区经办: 待办 → 办理 → 评分 → 提交审核
    const community = await signIn(browser, 'community')
    try {
      const page = community.page
      // opening the window gives the community one to-do per estate (翠园小区, 锦华苑)
      await waitForBadge(page, '2')
      assert.isTrue(await page.locator('[data-test="nav-evaluations"]').isVisible())
      assert.equal(await page.locator('[data-test="nav-evaluation-templates"]').count(), 0)

      // the home 工作台 lists both open to-dos; one opens its evaluation
      const firstEvaluation = (await evaluationOf(E.e1)).id
      const homeTodo = page.locator(`[data-test="home-todo-evaluation-${firstEvaluation}"]`)
      await homeTodo.waitFor()
      assert.include(await homeTodo.innerText(), '翠园小区')
      assert.include(await homeTodo.innerText(), '待评价')
      assert.equal(await page.locator('[data-test^="home-todo-evaluation-"]').count(), 2)
      await homeTodo.click()
      await page.waitForURL((url) => url.pathname === `/evaluations/${firstEvaluation}`)

      await page.locator('[data-test="nav-todos"]').click()
      await page.waitForURL((url) => url.pathname === '/todos')
      await todoRow(page, '翠园小区').waitFor()
      await page.locator('[data-test="tab-pending"]', { hasText: '待办（2）' }).waitFor()
      const rowText = await todoRow(page, '翠园小区').innerText()
      assert.include(rowText, '待评价')
      assert.include(rowText, '园岭一社区')
      assert.include(rowText, '2026-06-30')
      assert.include(rowText, '个工作日')

      const cuiyuan = await evaluationOf(E.e1)
      await todoRow(page, '翠园小区').getByText('办理', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === `/evaluations/${cuiyuan.id}`)
      await page.locator('.evaluation-detail[data-mode="submit"]').waitFor()
      assert.include(await page.locator('[data-test="detail-period"]').innerText(), '2026年上半年')
      assert.include(await page.locator('[data-test="detail-window"]').innerText(), '6月1日至6月30日')
      assert.include(await page.locator('[data-test="detail-state"]').innerText(), '待评价')
      assert.equal(await page.locator('[data-test="reason"]').count(), 0)
      assert.equal(await page.locator('[data-test="score-table"] .el-table__body-wrapper tbody tr').count(), 6)

      // an incomplete form is refused before anything is sent
      await setScore(page, 'service', COMMUNITY_SCORES.service)
      assert.equal(await liveTotal(page), '—')
      await page.locator('[data-test="submit"]').click()
      await page.getByText('请完整填写评分').first().waitFor()
      assert.equal((await evaluationOf(E.e1)).state, 'pending')

      for (const [key, value] of Object.entries(COMMUNITY_SCORES)) await setScore(page, key as ItemKey, value)
      assert.equal(await liveTotal(page), '90.00')
      await page.locator('[data-test="remark"]').fill('整体良好，投诉回访偏慢')
      const submitted = page.waitForResponse(isPost(`/evaluations/${cuiyuan.id}/submit`))
      await page.locator('[data-test="submit"]').click()
      assert.equal((await submitted).status(), 200)
      await page.getByText('评分已提交审核').first().waitFor()

      // back in 待办: 翠园小区 has moved to 已办
      await page.waitForURL((url) => url.pathname === '/todos')
      await todoRow(page, '锦华苑').waitFor()
      assert.equal(await todoRow(page, '翠园小区').count(), 0)
      await waitForBadge(page, '1')
      await page.locator('[data-test="tab-done"]', { hasText: '已办（1）' }).waitFor()
      await page.locator('[data-test="tab-done"]').click()
      await page.waitForURL((url) => url.searchParams.get('tab') === 'done')
      await todoRow(page, '翠园小区').waitFor()
      const doneText = await todoRow(page, '翠园小区').innerText()
      assert.include(doneText, USERS.community.name)
      assert.include(doneText, '已办理')

      const saved = await evaluationOf(E.e1)
      assert.equal(saved.state, 'submitted')
      assert.equal(Number(saved.submitted_score), 90)
      assert.equal(saved.submitted_by, USERS.community.id)
      assert.equal(saved.submit_remark, '整体良好，投诉回访偏慢')
      assert.deepEqual(saved.submitted_scores, COMMUNITY_SCORES)
    } finally {
      await community.context.close()
    }

    // ── 园岭经办人: the badge, 待审核 from the numbers, then 待办 → 办理 → 审核
    await drain()
    const handler = await signIn(browser, 'handler')
    try {
      const page = handler.page
      await waitForBadge(page, '1')

      // 社区评价情况: 待审核 1 for 园岭一社区 leads to the review list, whose row offers 办理
      await page.locator('[data-test="nav-evaluations"]').click()
      await page.waitForURL((url) => url.pathname === '/evaluations')
      await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.include(await page.locator('[data-test="period-window"]').innerText(), '6月1日至6月30日')
      assert.include(await page.locator('[data-test="period-status"]').innerText(), '评价进行中')
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-estates"]`).innerText()).trim(), '2')
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-submitted"]`).innerText()).trim(), '1')
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-pending"]`).innerText()).trim(), '1')
      await page.locator(`[data-test="cell-${R.yl1}-submitted"]`).click()
      await page.waitForURL((url) => url.pathname === '/evaluations/list' && url.searchParams.get('state') === 'submitted')
      await page.locator(`.estate-row-${E.e1}`).waitFor()
      assert.equal((await page.locator('[data-test="list-title"]').innerText()).trim(), '审核列表')
      assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
      const cuiyuan = await evaluationOf(E.e1)
      assert.equal((await page.locator(`[data-test="action-${cuiyuan.id}"]`).first().innerText()).trim(), '办理')
      assert.include(await page.locator(`.estate-row-${E.e1}`).first().innerText(), '90.00')

      // 待办 → 办理 opens the review
      await page.locator('[data-test="header-todos"]').click()
      await page.waitForURL((url) => url.pathname === '/todos')
      await todoRow(page, '翠园小区').waitFor()
      assert.include(await todoRow(page, '翠园小区').innerText(), '待审核')
      await todoRow(page, '翠园小区').getByText('办理', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === `/evaluations/${cuiyuan.id}`)
      await page.locator('.evaluation-detail[data-mode="review"]').waitFor()

      // 评价详情: the community's scores, the inputs prefilled with them
      assert.equal((await page.locator('[data-test="submitted-complaints"]').innerText()).trim(), '13')
      assert.equal(await page.locator('[data-test="score-complaints"] input').inputValue(), '13.0')
      assert.equal((await page.locator('[data-test="submitted-total"]').innerText()).trim(), '90.00')
      assert.equal(await liveTotal(page), '90.00')
      assert.include(await page.locator('[data-test="history"]').innerText(), '提交审核')

      // re-score 投诉处理 13 → 11: the live total follows
      await setScore(page, 'complaints', 11)
      assert.equal(await liveTotal(page), '88.00')

      // 审核意见 is required: a field error, nothing sent
      let posted = 0
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/review')) posted++
      })
      await page.locator('[data-test="submit"]').click()
      await page.locator('.el-form-item__error', { hasText: '请填写审核意见' }).waitFor()
      assert.equal(posted, 0)

      // someone changed the evaluation behind the page's back: the 409 message and 刷新
      await page.locator('[data-test="opinion"]').fill('投诉处理不及时，扣2分')
      await db.from('evaluations').where('id', cuiyuan.id).update({ version: cuiyuan.version + 5 })
      const stale = page.waitForResponse(isPost(`/evaluations/${cuiyuan.id}/review`))
      await page.locator('[data-test="submit"]').click()
      assert.equal((await stale).status(), 409)
      const conflict = page.locator('[data-test="conflict"]')
      await conflict.waitFor()
      assert.include(await conflict.innerText(), '请刷新后重试')
      assert.equal((await evaluationOf(E.e1)).state, 'submitted')
      await page.locator('[data-test="conflict-refresh"]').click()
      await conflict.waitFor({ state: 'detached' })
      // the reloaded page starts again from the submitted scores
      assert.equal(await liveTotal(page), '90.00')
      await setScore(page, 'complaints', 11)
      assert.equal(await liveTotal(page), '88.00')

      await page.locator('[data-test="opinion"]').fill('投诉处理不及时，扣2分')
      const reviewed = page.waitForResponse(isPost(`/evaluations/${cuiyuan.id}/review`))
      await page.locator('[data-test="submit"]').click()
      assert.equal((await reviewed).status(), 200)
      await page.getByText('审核已提交').first().waitFor()
      await page.waitForURL((url) => url.pathname === '/todos')
      await waitForBadge(page, '')
      assert.equal(await todoRow(page, '翠园小区').count(), 0)

      // 已办 → 查看: read-only, with both steps of the history
      await page.locator('[data-test="tab-done"]').click()
      await todoRow(page, '翠园小区').waitFor()
      assert.include(await todoRow(page, '翠园小区').innerText(), USERS.handler.name)
      await todoRow(page, '翠园小区').getByText('查看', { exact: true }).click()
      await page.waitForURL((url) => url.pathname === `/evaluations/${cuiyuan.id}`)
      await page.locator('.evaluation-detail[data-mode="view"]').waitFor()
      assert.include(await page.locator('[data-test="detail-state"]').innerText(), '已审核')
      assert.equal((await page.locator('[data-test="detail-effective-score"]').innerText()).trim(), '88.00')
      assert.equal((await page.locator('[data-test="reviewed-complaints"]').innerText()).trim(), '11')
      assert.equal((await page.locator('[data-test="reviewed-total"]').innerText()).trim(), '88.00')
      assert.equal(await page.locator('[data-test="submit"]').count(), 0)
      assert.include(await page.locator('[data-test="detail-opinion"]').innerText(), '投诉处理不及时')
      const history = await page.locator('[data-test="history"]').innerText()
      assert.include(history, '提交审核')
      assert.include(history, '审核')
      assert.include(history, USERS.community.name)
      assert.include(history, USERS.handler.name)
      assert.include(history, '投诉处理不及时，扣2分')
      assert.equal(await page.locator('[data-test="history-submit"]').count(), 1)
      assert.equal(await page.locator('[data-test="history-review"]').count(), 1)
      assert.include(await page.locator('[data-test="history-review"] [data-test="history-rescored"]').innerText(), '投诉处理：13 → 11')

      const saved = await evaluationOf(E.e1)
      assert.equal(saved.state, 'reviewed')
      assert.equal(Number(saved.final_score), 88)
      assert.equal(saved.reviewed_by, USERS.handler.id)
      assert.equal(saved.review_opinion, '投诉处理不及时，扣2分')
      assert.equal(saved.reviewed_scores.complaints, 11)

      // the overview after the ETL drain: 已审核 1 for 园岭一社区, its 88 in the 80–89 band
      await drain()
      await page.goto(`${base()}/evaluations`)
      await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-reviewed"]`).innerText()).trim(), '1')
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-submitted"]`).innerText()).trim(), '0')
      assert.equal((await page.locator(`[data-test="cell-${R.yl1}-averageScore"]`).innerText()).trim(), '88.00')
      // the declared 得分分布 chart (per community, stacked by score band) says its totals in words
      assert.isTrue(await page.locator('[data-test="chart-1"]').isVisible())
      assert.include(await page.locator('[data-test="chart-1"]').getAttribute('aria-label') ?? '', '80–89分1个')
      assert.include(await page.locator('[data-test="chart-0"]').getAttribute('aria-label') ?? '', '已审核1个（25.0%）')

      // 已审核 → the list behind it, then 导出 of that list is a real xlsx
      await page.locator(`[data-test="cell-${R.yl1}-reviewed"]`).click()
      await page.waitForURL((url) => url.pathname === '/evaluations/list' && url.searchParams.get('state') === 'reviewed')
      await page.locator(`.estate-row-${E.e1}`).waitFor()
      assert.equal((await page.locator('[data-test="list-title"]').innerText()).trim(), '评价列表')
      assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
      assert.equal((await page.locator(`[data-test="action-${cuiyuan.id}"]`).first().innerText()).trim(), '查看')
      assert.match(await exportedFileName(page), /\.xlsx$/)

      // the estate name opens the shared estate page on its 社区评价 tab: this half-year's 88.00
      await page.locator(`[data-test="estate-${E.e1}"]`).first().click()
      await page.waitForURL((url) => url.pathname === `/estates/${E.e1}` && url.searchParams.get('tab') === 'evaluations')
      await page.locator(`[data-test="effective-${cuiyuan.id}"]`).waitFor()
      assert.equal((await page.locator(`[data-test="effective-${cuiyuan.id}"]`).innerText()).trim(), '88.00')
      assert.include(await page.locator('[data-test="estate-evaluations"]').innerText(), '2026年上半年')
      assert.include(await page.locator('[data-test="estate-evaluations"]').innerText(), '已审核')
      assert.equal((await page.locator(`[data-test="action-${cuiyuan.id}"]`).innerText()).trim(), '查看')

      // drill to the community of a chosen period: its estates, each opening the estate page; links keep the period
      await page.goto(`${base()}/evaluations?region=${R.yl1}&period=2026-1`)
      await page.locator(`[data-test="estate-${E.e1}"]`).waitFor()
      assert.equal((await page.locator(`[data-test="cell-${E.e1}-averageScore"]`).innerText()).trim(), '88.00')
      assert.isTrue(await page.locator(`[data-test="crumb-${R.yuanling}"]`).isVisible())
      assert.include((await page.locator(`[data-test="crumb-${R.yuanling}"]`).getAttribute('href')) ?? '', 'period=2026-1')
      assert.include((await page.locator(`[data-test="cell-${E.e1}-reviewed"]`).getAttribute('href')) ?? '', 'period=2026-1')
      assert.include((await page.locator(`[data-test="estate-${E.e1}"]`).getAttribute('href')) ?? '', `/estates/${E.e1}?tab=evaluations`)
    } finally {
      await handler.context.close()
    }
  })

  test('after the window the evaluation page says why scoring is no longer possible', async ({ browser, assert }) => {
    await new EvaluationPeriodService().open({ year: 2026, half: 1 })
    const jinhua = await evaluationOf(E.e2)
    clock.travelTo('2026-07-06T10:00:00+08:00')
    const { context, page } = await signIn(browser, 'community')
    try {
      await page.goto(`${base()}/evaluations/${jinhua.id}`)
      await page.locator('.evaluation-detail[data-mode="view"]').waitFor()
      const reason = page.locator('[data-test="reason"]')
      await reason.waitFor()
      assert.include(await reason.innerText(), '评价已于6月30日结束')
      // not reviewed in its window: it counts as 自动计分 with 100
      assert.include(await page.locator('[data-test="detail-state"]').innerText(), '自动计分')
      assert.equal((await page.locator('[data-test="detail-effective-score"]').innerText()).trim(), '100.00')
      assert.equal(await page.locator('[data-test="submit"]').count(), 0)
      assert.equal(await page.locator('[data-test="score-table"] .el-input-number').count(), 0)
    } finally {
      await context.close()
    }
  })

  test('the city admin drafts a template (weights must sum to 100) and activates it', async ({ browser, assert }) => {
    const { context, page } = await signIn(browser, 'city')
    try {
      await page.locator('[data-test="nav-evaluation-templates"]').click()
      await page.waitForURL((url) => url.pathname === '/evaluations/templates')
      await page.locator('.template-row-1').waitFor()
      assert.include(await page.locator('[data-test="template-status-1"]').innerText(), '启用中')
      assert.equal(await page.locator('[data-test="template-activate-1"]').count(), 0)

      // 新建: a copy of the active template's items
      await page.locator('[data-test="template-create"]').click()
      const dialog = page.locator('[data-test="template-dialog"]')
      await dialog.waitFor()
      assert.equal(await page.locator('[data-test="item-key-5"]').inputValue(), 'disclosure')
      assert.include(await page.locator('[data-test="weight-sum"]').innerText(), '100 / 100')
      await page.locator('[data-test="template-name"]').fill('2027年物业服务评价标准')

      // add an item: weights now sum to 105, refused before anything is sent
      await page.locator('[data-test="item-add"]').click()
      await page.locator('[data-test="item-key-6"]').fill('greening')
      await page.locator('[data-test="item-name-6"]').fill('绿化养护')
      await page.locator('[data-test="item-description-6"]').fill('绿地、树木养护情况')
      await page.locator('[data-test="item-max-6"] input').fill('5')
      await page.locator('[data-test="item-max-6"] input').press('Tab')
      await page.locator('[data-test="item-weight-6"] input').fill('5')
      await page.locator('[data-test="item-weight-6"] input').press('Tab')
      assert.include(await page.locator('[data-test="weight-sum"]').innerText(), '105 / 100')
      await page.locator('[data-test="template-save"]').click()
      await page.locator('[data-test="items-error"]', { hasText: '权重合计须为 100，当前为 105' }).waitFor()
      assert.equal(Number((await db.from('evaluation_templates').count('* as n').first()).n), 1)

      // 服务质量 25 → 20: 100 again
      await page.locator('[data-test="item-weight-0"] input').fill('20')
      await page.locator('[data-test="item-weight-0"] input').press('Tab')
      assert.include(await page.locator('[data-test="weight-sum"]').innerText(), '100 / 100')
      const created = page.waitForResponse((response) => response.url().endsWith('/api/v1/evaluation-templates') && response.request().method() === 'POST')
      await page.locator('[data-test="template-save"]').click()
      assert.equal((await created).status(), 201)
      await page.getByText('模板已创建').first().waitFor()
      await dialog.waitFor({ state: 'hidden' })

      const draft = await db.from('evaluation_templates').where('name', '2027年物业服务评价标准').firstOrFail()
      assert.equal(draft.status, 'draft')
      assert.equal(draft.items.length, 7)
      assert.equal(draft.items[0].weight, 20)
      assert.deepInclude(draft.items[6], { key: 'greening', name: '绿化养护', maxScore: 5, weight: 5 })
      await page.locator(`.template-row-${draft.id}`).waitFor()
      assert.include(await page.locator(`[data-test="template-status-${draft.id}"]`).innerText(), '草稿')

      // 启用: the draft becomes the active template, the previous one retires
      await page.locator(`[data-test="template-activate-${draft.id}"]`).click()
      const box = page.locator('.el-message-box')
      await box.waitFor()
      await box.locator('.el-message-box__btns .el-button--primary').click()
      await page.getByText('模板已启用').first().waitFor()
      await page.locator(`[data-test="template-status-${draft.id}"]`, { hasText: '启用中' }).waitFor()
      assert.include(await page.locator('[data-test="template-status-1"]').innerText(), '已停用')
      assert.equal((await db.from('evaluation_templates').where('id', draft.id).firstOrFail()).status, 'active')
      assert.equal((await db.from('evaluation_templates').where('id', 1).firstOrFail()).status, 'retired')
      assert.equal(await page.locator(`[data-test="template-activate-${draft.id}"]`).count(), 0)
    } finally {
      await context.close()
    }
  })
})
