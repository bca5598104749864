import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, BrowserContext, Page } from 'playwright'
import { loginOnPc } from '#tests/support/browser'
import { resetWorld, type WorldUser } from '#tests/support/world'
import { seedTender } from '#tests/support/tenders'
import { DEV_BIDDING_SECRET } from '#modules/tenders/bidding_signature'
import { sendStage } from '../../stubs/bidding_stub.ts'

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

test.group('招标投标进度查询 · PC', (group) => {
  group.each.setup(async () => {
    await resetWorld()
  })

  test('stages posted through the signed API show on the progress page; the director publishes a 补遗 from the filing', async ({ browser, assert }) => {
    const tender = await seedTender()
    const waiting = await seedTender({ kind: 'developer', title: '园岭前期物业招标' })
    const platform = { platformUrl: base(), secret: DEV_BIDDING_SECRET, filingNo: tender.filingNo }
    const start = Date.now() - 3600_000
    for (const [index, stage] of (['announcement', 'registration', 'opening'] as const).entries()) {
      const sent = await sendStage({ ...platform, stage, occurredAt: new Date(start + index * 600_000) })
      assert.equal(sent.status, 201, JSON.stringify(sent.answer))
    }

    const director = await signIn(browser, 'director')
    try {
      const page = director.page
      await page.goto(`${base()}/tender-progress`)
      await page.locator(`[data-test="current-${tender.id}"]`, { hasText: '开标' }).waitFor()
      assert.equal(await page.locator(`[data-test="progress-${tender.id}"]`).innerText(), '发布公告 → 报名 → 开标')
      // the director sees the committee's filing only
      assert.equal(await page.locator(`[data-test="current-${waiting.id}"]`).count(), 0)
      await page.locator(`[data-test="tender-${tender.id}"]`).click()
      await page.waitForURL((url) => url.pathname === `/tenders/${tender.id}`)
      await page.locator('[data-test="progress-current"]', { hasText: '开标' }).waitFor()
      await page.locator('[data-test="open-clarify"]').click()
      await page.locator('[data-test="kind-addendum"]').click()
      await page.locator('[data-test="clarify-title"]').fill('关于服务期限的补遗')
      await page.locator('[data-test="clarify-save"]').click()
      await page.getByText('内容不能为空').waitFor()
      await page.locator('[data-test="clarify-content"]').fill('服务期限调整为三年。\n其余条款不变。')
      await page.locator('[data-test="clarify-save"]').click()
      await page.locator('[data-test^="clarification-"]', { hasText: '关于服务期限的补遗' }).waitFor()
      const stored = await db.from('tender_clarifications').where('tender_id', tender.id).first()
      assert.include(stored, { kind: 'addendum', title: '关于服务期限的补遗', content: '<p>服务期限调整为三年。</p><p>其余条款不变。</p>' })
    } finally {
      await director.context.close()
    }

    // the street's handler sees both filings, filters 未开始, and the clarification in the expanded row
    const handler = await signIn(browser, 'handler')
    try {
      const page = handler.page
      await page.goto(`${base()}/tender-progress?stage=none`)
      await page.locator(`[data-test="current-${waiting.id}"]`, { hasText: '未开始' }).waitFor()
      assert.equal(await page.locator(`[data-test="current-${tender.id}"]`).count(), 0)
      await page.goto(`${base()}/tender-progress`)
      const row = page.locator('tr', { has: page.locator(`[data-test="tender-${tender.id}"]`) })
      await row.locator('.el-table__expand-icon').click()
      await page.locator(`[data-test="timeline-${tender.id}"]`, { hasText: '【补遗】关于服务期限的补遗' }).waitFor()
    } finally {
      await handler.context.close()
    }
  })
})
