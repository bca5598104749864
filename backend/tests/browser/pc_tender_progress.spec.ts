import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, BrowserContext, Page } from 'playwright'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
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

  test('H5: 招标备案 → 进度查询 shows the current stage; the filing shows the timeline and the clarification', async ({ browser, assert }) => {
    const tender = await seedTender()
    const platform = { platformUrl: base(), secret: DEV_BIDDING_SECRET, filingNo: tender.filingNo }
    assert.equal((await sendStage({ ...platform, stage: 'announcement', occurredAt: new Date(Date.now() - 600_000) })).status, 201)
    await db.table('tender_clarifications').insert({
      tender_id: tender.id, kind: 'clarification', title: '现场踏勘安排', content: '<p>踏勘时间另行通知</p>', published_at: new Date(), published_by: 11, publisher_name: '翠园业委会主任（业委会主任）',
    })
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'handler')
      await page.goto(`${base()}/m/tenders`)
      await page.getByText('进度查询').click()
      await page.waitForURL((url) => url.pathname === '/m/tender-progress')
      const row = page.locator(`[data-test="progress-${tender.id}"]`)
      await row.getByText('发布公告').waitFor()
      await row.click()
      await page.locator('[data-test="tender-progress-timeline"]').getByText('发布公告').waitFor()
      assert.include(await page.locator('[data-test="tender-clarifications"]').innerText(), '【澄清】现场踏勘安排')
    } finally {
      await context.close()
    }
  })
})
