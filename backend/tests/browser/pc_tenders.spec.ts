import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, BrowserContext, Page } from 'playwright'
import clock from '#services/clock'
import User from '#models/user'
import { recordCreated } from '#workflows/engine'
import { tenderWorkflow } from '#modules/tenders/tender_process'
import { loginOnPc } from '#tests/support/browser'
import { E, USERS, resetWorld, type WorldUser } from '#tests/support/world'

const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

async function signIn(browser: Browser, who: WorldUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await loginOnPc(async (url) => {
    await page.goto(base() + url)
    return page
  }, who)
  return { context, page }
}

/** the director's filing of e1, as the API writes it (row, round, history, the handler's to-do) */
async function seedFiling(): Promise<number> {
  return db.transaction(async (trx) => {
    const now = clock.now().toJSDate()
    const [row] = await trx.table('tenders').insert({
      filing_no: 'ZBBA-2026-000001', estate_id: E.e1, tenderer_kind: 'committee', tenderer_name: '翠园小区业主委员会', title: '翠园小区物业服务企业选聘',
      tender_method: 'public', resolution: '翠园业主大会〔2026〕1号决议', service_scope: '', contact_name: '李主任', contact_phone: '13800000003',
      state: 'first_review', round: 1, round_started_at: now, submitted_by: USERS.director.id, created_at: now, updated_at: now,
    }).returning('id')
    await trx.table('tender_rounds').insert({ tender_id: row.id, round: 1, submitted_at: now })
    await recordCreated(trx, tenderWorkflow, 'submit', [Number(row.id)], await User.findOrFail(USERS.director.id))
    return Number(row.id)
  })
}

test.group('招标文件备案 · PC', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-10-12T09:00:00+08:00')
    return () => clock.reset()
  })

  test('the handler does 初审 from the list, the head 终审 同意, and the receipt previews in the page', async ({ browser, assert }) => {
    const id = await seedFiling()
    const handler = await signIn(browser, 'handler')
    try {
      const page = handler.page
      await page.goto(`${base()}/tenders`)
      const link = page.locator(`[data-test="tender-${id}"]`)
      await link.waitFor()
      assert.include(await page.locator(`[data-test="sla-${id}"]`).innerText(), '正常办理')
      await link.click()
      await page.waitForURL((url) => url.pathname === `/tenders/${id}`)
      await page.locator('[data-test="review-reminder"]').waitFor()
      // 拟不同意 without a remark: the field says so, nothing is sent
      await page.locator('[data-test="opinion-disagree"]').click()
      await page.locator('[data-test="review-submit"]').click()
      await page.getByText('请填写初审意见').waitFor()
      await page.locator('[data-test="opinion-agree"]').click()
      await page.locator('[data-test="review-submit"]').click()
      await page.locator('[data-test="detail-state"]', { hasText: '待终审' }).waitFor()
    } finally {
      await handler.context.close()
    }

    const head = await signIn(browser, 'head')
    try {
      const page = head.page
      await page.goto(`${base()}/tenders/${id}`)
      await page.locator('[data-test="decision-approve"]').click()
      await page.locator('[data-test="remark"]').fill('同意备案')
      await page.locator('[data-test="review-submit"]').click()
      await page.locator('[data-test="detail-state"]', { hasText: '已备案' }).waitFor()
      assert.deepEqual((await db.from('tenders').where('id', id).first()).state, 'approved')
      assert.equal(await page.locator('[data-test="history"] [data-test^="history-"]').count(), 3)

      const receipt = page.waitForResponse((response) => response.url().endsWith(`/api/v1/tenders/${id}/receipt`))
      await page.locator('[data-test="print-receipt"]').click()
      await page.locator('[data-test="receipt-frame"]').waitFor()
      const answer = await receipt
      assert.equal(answer.status(), 200)
      assert.equal(answer.headers()['content-type'], 'application/pdf')
    } finally {
      await head.context.close()
    }
  }).timeout(120000)
})
