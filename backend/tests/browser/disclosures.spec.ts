import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { actor } from '#tests/support/actors'
import { E, resetWorld } from '#tests/support/world'
import ProxyGovernanceService from '#modules/proxy_governance/proxy_governance_service'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/** 信息公开 and 居代业 main paths: the street publishes and voids on PC, appoints a 居代业; a project manager reads 公示公告 on H5. */
test.group('信息公开 · PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('发布信息公开 with a preview, 作废 with a reason; 居代业 指定; the manager reads it on H5 at 375 px', async ({ visit, browser, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.goto(`${base()}/disclosures/publish`)
    await page.locator('[data-test="template-general"]').click()
    await page.locator('[data-test="form-title"]').fill('关于电梯年检的公告')
    await page.locator('[data-test="field-content"] [data-test="editor-area"]').fill('本周六电梯年检，请错峰出行。')
    await page.locator('[data-test="preview"]').click()
    await page.locator('[data-test="preview-dialog"] [data-test="disclosure-body"]', { hasText: '本周六电梯年检' }).waitFor()
    await page.locator('[data-test="preview-submit"]').click()
    await page.locator('[data-test="disclosure-state"]', { hasText: '已发布' }).waitFor()
    const row = await db.from('disclosures').firstOrFail()
    assert.equal(row.state, 'published')
    assert.equal(row.title, '关于电梯年检的公告')

    await page.locator('[data-test="void"]').click()
    await page.locator('.el-message-box__input input').fill('发布内容有误')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test="disclosure-state"]', { hasText: '已作废' }).waitFor()
    assert.include(await page.locator('[data-test="void-reason"]').innerText(), '发布内容有误')
    assert.equal((await db.from('disclosures').where('id', row.id).firstOrFail()).void_reason, '发布内容有误')

    // 居代业 started for e2 (API), then 指定 on its page
    const id = await new ProxyGovernanceService().start(await actor('handler'), { estate_id: E.e2, reason: '未成立业委会', content: '<p>意见征集</p>' })
    await page.goto(`${base()}/proxy-governances/${id}`)
    await page.locator('[data-test="action-appoint"]').click()
    await page.locator('[data-test="step-remark"]').fill('多数业主同意')
    await page.locator('[data-test="step-dialog"] [data-test="editor-area"]').fill('指定园岭一社区居委会代行。')
    await page.locator('[data-test="step-submit"]').click()
    await page.locator('[data-test="proxy-state"]', { hasText: '代行中' }).waitFor()
    assert.equal((await db.from('proxy_governances').where('id', id).firstOrFail()).state, 'acting')
    assert.equal(await db.from('disclosures').where({ source: 'proxy_governance', source_id: id }).count('* as n').first().then((r) => Number(r.n)), 2)

    // the project manager of e1 and e3 reads e1's announcement (voided: struck through) on H5
    const context = await browser.newContext(PHONE)
    try {
      const phone = await context.newPage()
      await loginOnH5(phone, 'manager')
      await phone.locator('[data-test="entry-disclosure-board"]').click()
      await phone.waitForURL((url) => url.pathname === '/m/disclosures/board')
      await phone.locator(`[data-test="disclosure-${row.id}"]`).click()
      await phone.locator('[data-test="void-reason"]', { hasText: '发布内容有误' }).waitFor()
      assert.include(await phone.locator('[data-test="disclosure-body"]').innerText(), '本周六电梯年检')
      const width = await phone.evaluate(() => document.documentElement.scrollWidth)
      assert.isAtMost(width, 375)
    } finally {
      await context.close()
    }
  }).timeout(180000)
})
