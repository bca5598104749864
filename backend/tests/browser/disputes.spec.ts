import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { createDispute } from '#modules/disputes/dispute_service'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, extraHTTPHeaders: { 'x-stub-openid': 'o_stub_h5_disputes' } }

async function fillDate(page: Page, dataTest: string, value: string) {
  // Element Plus puts data-test on the picker's <input> (or on a wrapper, depending on the component)
  const input = page.locator(`input[data-test="${dataTest}"], [data-test="${dataTest}"] input`).first()
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/**
 * 纠纷化解台账's main path: 福田区局 has entered and transferred a dispute about 翠园小区; 园岭's handler
 * finds it in 未办结台账 on PC and 处理 it (required fields), then on the H5 (375 px) 申请办结 it.
 */
test.group('纠纷化解台账 · PC and H5', (group) => {
  group.each.setup(() => resetWorld())

  test('PC: 未办结台账 → 详情 → 处理; H5: 未办结台账 → 详情 → 申请办结', async ({ visit, browser, assert }) => {
    const id = await createDispute(await actor('futian'), {
      estate_id: E.e1, dispute_type: 'parking_occupation', title: '地下车位被长期占用', parties: '业主张某；翠园物业', summary: '车位被占用', reported_on: '2026-11-01', transfer: true,
    })

    const pc = await loginOnPc(visit, 'handler')
    await pc.goto(new URL('/disputes/open', pc.url()).toString())
    await pc.locator(`[data-test="dispute-${id}"]`).click()
    await pc.locator('[data-test="detail-state"]').waitFor()
    assert.equal((await pc.locator('[data-test="detail-state"]').innerText()).trim(), '待处理')
    await pc.locator('[data-test="step-handle"]').click()
    // the required fields are named when left empty
    await pc.locator('[data-test="step-submit"]').click()
    await pc.locator('[data-test="step-dialog"] .el-form-item__error').first().waitFor()
    await fillDate(pc, 'step-handled_on', '2026-12-01')
    await pc.locator('[data-test="step-measures"]').fill('约谈占用人')
    await pc.locator('[data-test="step-progress"]').fill('占用人承诺移车')
    await pc.locator('[data-test="step-submit"]').click()
    await pc.locator('[data-test="detail-state"]', { hasText: '处理中' }).waitFor()
    assert.include(await pc.locator('[data-test="dispute-timeline"]').innerText(), '处理措施：约谈占用人')
    assert.deepInclude(await db.from('disputes').where('id', id).firstOrFail(), { state: 'handling', handle_count: 1 })

    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'handler')
      await h5.goto(new URL('/m/disputes/open', h5.url()).toString())
      await h5.locator(`[data-test="dispute-${id}"]`).click()
      await h5.locator('[data-test="step-applyClose"]').click()
      await h5.locator('[data-test="step-result"] textarea').fill('已移车，业主满意')
      await h5.locator('[data-test="step-submit"]').click()
      await h5.locator('[data-test="dispute-state"]', { hasText: '待确认办结' }).waitFor()
      assert.include(await h5.locator('[data-test="dispute-timeline"]').innerText(), '办结情况：已移车，业主满意')
    } finally {
      await phone.close()
    }
    assert.deepInclude(await db.from('disputes').where('id', id).firstOrFail(), { state: 'closing', close_result: '已移车，业主满意' })
  })
})
