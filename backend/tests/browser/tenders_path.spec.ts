import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, BrowserContext, Page } from 'playwright'
import clock from '#services/clock'
import User from '#models/user'
import { recordCreated } from '#workflows/engine'
import { tenderWorkflow } from '#modules/tenders/tender_process'
import { publishTenderRounds } from '#modules/tenders/tender_service'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { drain, syncWarehouse } from '#tests/support/warehouse'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'

const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai' }
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])

async function onPc(browser: Browser, who: WorldUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await loginOnPc(async (url) => {
    await page.goto(base() + url)
    return page
  }, who)
  return { context, page }
}

async function onPhone(browser: Browser, who: WorldUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE)
  const page = await context.newPage()
  await loginOnH5(page, who)
  await page.waitForURL((url) => url.pathname === '/m/')
  return { context, page }
}

/** runs `steps` in a signed-in context, closing it whatever happens */
async function as<T>(open: Promise<{ context: BrowserContext; page: Page }>, steps: (page: Page) => Promise<T>): Promise<T> {
  const { context, page } = await open
  try {
    return await steps(page)
  } finally {
    await context.close()
  }
}

test.group('招标投标管理 · the whole path', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    clock.travelTo('2026-10-12T09:00:00+08:00')
    return () => clock.reset()
  })

  test('PC: the director files with a document, the handler 初审, the head 终审 同意 and previews the receipt; the statistics count it', async ({ browser, assert }) => {
    const id = await as(onPc(browser, 'director'), async (page) => {
      await page.goto(`${base()}/tenders`)
      await page.locator('[data-test="create-tender"]').click()
      await page.locator('[data-test="form-title"]').waitFor()
      await page.locator('[data-test="form-tenderer"]').fill('翠园小区业主委员会')
      await page.locator('[data-test="form-title"]').fill('翠园小区物业服务企业选聘')
      await page.locator('[data-test="form-resolution"]').fill('翠园业主大会〔2026〕1号决议')
      await page.locator('[data-test="form-contact"]').fill('李主任')
      await page.locator('[data-test="form-phone"]').fill('13800000003')
      const uploaded = page.waitForResponse((response) => response.url().endsWith('/api/v1/tenders/attachments'))
      await page.locator('input[type=file]').first().setInputFiles({ name: '物业服务招标文件.pdf', mimeType: 'application/pdf', buffer: PDF })
      assert.equal((await uploaded).status(), 201)
      await page.locator('[data-test="form-files"]', { hasText: '物业服务招标文件.pdf' }).waitFor()
      await page.locator('[data-test="form-save"]').click()
      await page.waitForURL((url) => /^\/tenders\/\d+$/.test(url.pathname))
      await page.locator('[data-test="detail-state"]', { hasText: '待初审' }).waitFor()
      return Number(new URL(page.url()).pathname.split('/').pop())
    })
    assert.deepInclude(await db.from('tenders').where('id', id).first(), { estate_id: E.e1, tenderer_kind: 'committee', state: 'first_review' })

    await as(onPc(browser, 'handler'), async (page) => {
      await page.goto(`${base()}/tenders/${id}`)
      await page.locator('[data-test="review-reminder"]').waitFor()
      assert.include(await page.locator('[data-test="attachments"]').innerText(), '物业服务招标文件.pdf')
      await page.locator('[data-test="opinion-agree"]').click()
      await page.locator('[data-test="review-submit"]').click()
      await page.locator('[data-test="detail-state"]', { hasText: '待终审' }).waitFor()
    })

    await as(onPc(browser, 'head'), async (page) => {
      await page.goto(`${base()}/tenders/${id}`)
      await page.locator('[data-test="decision-approve"]').click()
      await page.locator('[data-test="remark"]').fill('同意备案')
      await page.locator('[data-test="review-submit"]').click()
      await page.locator('[data-test="detail-state"]', { hasText: '已备案' }).waitFor()
      const receipt = page.waitForResponse((response) => response.url().endsWith(`/api/v1/tenders/${id}/receipt`))
      await page.locator('[data-test="print-receipt"]').click()
      await page.locator('[data-test="receipt-frame"]').waitFor()
      const answer = await receipt
      assert.equal(answer.status(), 200)
      assert.equal(answer.headers()['content-type'], 'application/pdf')
      assert.match(answer.headers()['x-receipt-digest'], /^[0-9a-f]{16}$/)

      // 招标投标统计: the filing reached the warehouse through the outbox; the menu opens the page
      await drain()
      await page.goto(`${base()}/tenders/stats`)
      await page.getByText('招标文件备案使用情况').first().waitFor()
      await page.getByText('招标投标业务办理情况统计').first().waitFor()
      const row = page.locator('.el-table__body tr', { hasText: '园岭一社区' }).first()
      await row.waitFor()
      assert.include(await row.innerText(), '1')
    })
  }).timeout(180000)

  test('H5 at 375 px: the handler 初审 with the remark rule, the head 终审 同意, the receipt link and the statistics page', async ({ browser, assert }) => {
    const id = await db.transaction(async (trx) => {
      const now = clock.now().toJSDate()
      const [row] = await trx.table('tenders').insert({
        filing_no: 'ZBBA-2026-000001', estate_id: E.e1, tenderer_kind: 'committee', tenderer_name: '翠园小区业主委员会', title: '翠园小区物业服务企业选聘',
        tender_method: 'public', resolution: '翠园业主大会〔2026〕1号决议', service_scope: '', contact_name: '李主任', contact_phone: '13800000003',
        state: 'first_review', round: 1, round_started_at: now, submitted_by: USERS.director.id, created_at: now, updated_at: now,
      }).returning('id')
      await trx.table('tender_rounds').insert({ tender_id: row.id, round: 1, submitted_at: now })
      await recordCreated(trx, tenderWorkflow, 'submit', [Number(row.id)], await User.findOrFail(USERS.director.id))
      await publishTenderRounds(trx, [Number(row.id)])
      return Number(row.id)
    })

    await as(onPhone(browser, 'handler'), async (page) => {
      await page.goto(`${base()}/m/tenders/${id}`)
      await page.locator('[data-test="review-reminder"]').waitFor()
      // 拟不同意 needs a remark: nothing is sent without one
      await page.locator('[data-test="opinion-disagree"]').click()
      await page.locator('[data-test="review-submit"]').click()
      await page.getByText('请填写审核意见').first().waitFor()
      assert.equal((await db.from('tenders').where('id', id).first()).state, 'first_review')
      await page.locator('[data-test="opinion-agree"]').click()
      await page.locator('[data-test="review-submit"]').click()
      await page.locator('[data-test="tender-state"]', { hasText: '待终审' }).waitFor()
      // nothing overflows the phone's width
      assert.isAtMost(await page.evaluate(() => document.documentElement.scrollWidth), 375)
    })

    // the stub WeChat gives every browser the same openid: unbind the handler so the head binds it
    await db.from('users').where('id', USERS.handler.id).update({ wechat_openid: null, wechat_bound_at: null })
    await as(onPhone(browser, 'head'), async (page) => {
      await page.goto(`${base()}/m/tenders/${id}`)
      await page.locator('[data-test="tender-state"]', { hasText: '待终审' }).waitFor()
      await page.locator('[data-test="decision-approve"]').click()
      await page.locator('[data-test="review-submit"]').click()
      await page.locator('[data-test="tender-state"]', { hasText: '已备案' }).waitFor()
      await page.locator('[data-test="tender-receipt"]').waitFor()
      assert.equal((await db.from('tenders').where('id', id).first()).state, 'approved')

      await drain()
      await page.goto(`${base()}/m/tenders/stats`)
      await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      assert.include(await page.locator('[data-test="statistics-totals"]').innerText(), '1')
      assert.isAtMost(await page.evaluate(() => document.documentElement.scrollWidth), 375)
    })
  }).timeout(180000)
})
