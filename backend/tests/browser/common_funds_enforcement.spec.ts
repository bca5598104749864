import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, R } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'
import { onCommonFundsDay, resetCommonFundsWorld } from '#tests/support/common_funds'

const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/**
 * 登记责令整改 / 行政处罚 on PC (tests/support/common_funds.ts, as of 2026-12-07): the street head opens
 * 碧海花园 (overdue in opening its account) on its 共有资金情况 tab; a 行政处罚 is refused at 处理类型
 * (a district's), a day after today at 决定日期; the 责令整改 is recorded; 翠园小区 (opened) is refused
 * above the form.
 */
test.group('共有资金情况 · 登记责令整改 / 行政处罚 (PC)', (group) => {
  group.each.setup(resetCommonFundsWorld)
  group.each.setup(onCommonFundsDay)

  test('the street head records a 责令整改 from the estate tab; the 422s at their fields', async ({ visit, assert }) => {
    const before = Number((await db.from('common_fund_enforcements').count('* as n'))[0].n)
    const page = await loginOnPc(visit, 'head')
    await page.goto(`${base()}/estates/${E.e3}`)
    await page.locator('[data-test="estate-tab-common_funds"]').click()
    await page.locator('[data-test="enforcement-open"]').click()
    const dialog = page.locator('[data-test="enforcement-dialog"]')
    const decidedOn = dialog.locator('[data-test="enforcement-decided-on"] input')

    await dialog.locator('[data-test="enforcement-kind"] label', { hasText: '行政处罚' }).click()
    await decidedOn.fill('2026-12-31')
    await decidedOn.press('Enter')
    await dialog.locator('[data-test="enforcement-document-no"] input').fill('园责改〔2026〕7号')
    await dialog.locator('[data-test="enforcement-save"]').click()
    await dialog.locator('[data-test="enforcement-kind"] .el-form-item__error', { hasText: '区住建部门' }).waitFor()

    await dialog.locator('[data-test="enforcement-kind"] label', { hasText: '责令整改' }).click()
    await dialog.locator('[data-test="enforcement-save"]').click()
    await dialog.locator('[data-test="enforcement-decided-on"] .el-form-item__error', { hasText: '晚于今天' }).waitFor()
    assert.equal(Number((await db.from('common_fund_enforcements').count('* as n'))[0].n), before, 'nothing written by a refused request')

    await decidedOn.fill('2026-12-01')
    await decidedOn.press('Enter')
    await dialog.locator('[data-test="enforcement-save"]').click()
    await page.locator('.el-message--success', { hasText: '已登记责令整改' }).waitFor()
    const row = await db.from('common_fund_enforcements').where('estate_id', E.e3).orderBy('id', 'desc').firstOrFail()
    assert.deepInclude(row, { kind: 'rectification', document_no: '园责改〔2026〕7号', region_id: R.yuanling })

    // an estate that opened its account: refused above the form
    await page.goto(`${base()}/estates/${E.e1}`)
    await page.locator('[data-test="estate-tab-common_funds"]').click()
    await page.locator('[data-test="enforcement-open"]').click()
    await decidedOn.fill('2026-12-01')
    await decidedOn.press('Enter')
    await dialog.locator('[data-test="enforcement-document-no"] input').fill('园责改〔2026〕8号')
    await dialog.locator('[data-test="enforcement-save"]').click()
    await dialog.locator('[data-test="enforcement-estate-error"]', { hasText: '未逾期未开户' }).waitFor()
  }).timeout(120_000)
})
