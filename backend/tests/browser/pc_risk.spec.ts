import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { RISK_DEFAULT_SETTINGS, RISK_SIGNAL_KEYS } from '@szpm/core'
import { E, resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'
import { runRiskDaily } from '#modules/risk/risk_daily'
import { saveRiskSettings } from '#modules/risk/risk_settings'

/**
 * 物业项目风险预警 on PC: a street handler opens 锦华苑's 风险预警 tab — score 40, 橙, the signals that scored
 * (contract expired 20, no owners' assembly 10, staff not filled in 10) and the link to the filing records;
 * the city administrator's settings form shows a level error at its field.
 */
test.group('PC · 物业项目风险预警', (group) => {
  group.setup(async () => {
    await resetWorld()
    await db.connection('owner').rawQuery('TRUNCATE risk_runs, estate_risk_scores CASCADE')
    await saveRiskSettings({ signals: RISK_SIGNAL_KEYS.map((key) => ({ key, ...RISK_DEFAULT_SETTINGS.signals[key] })), levels: { ...RISK_DEFAULT_SETTINGS.levels } })
    await runRiskDaily({ day: '2026-12-01' })
  })

  test('the estate tab shows the score, the level and the signals behind it with their source', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.goto(new URL(`/estates/${E.e2}?tab=risk`, page.url()).toString())
    await page.locator('[data-test="risk-score"]').waitFor()
    assert.equal((await page.locator('[data-test="risk-score"]').innerText()).trim(), '40')
    assert.include(await page.locator('[data-test="risk-level"]').innerText(), '橙色预警')
    assert.equal((await page.locator('[data-test="risk-points-contract_filing"]').innerText()).trim(), '20')
    assert.equal((await page.locator('[data-test="risk-points-assembly_filing"]').innerText()).trim(), '10')
    assert.equal((await page.locator('[data-test="risk-points-staff_stale"]').innerText()).trim(), '10')
    assert.equal((await page.locator('[data-test="risk-points-open_disputes"]').innerText()).trim(), '0')
    const signals = await page.locator('[data-test="risk-signals"]').innerText()
    for (const text of ['合同备案已过期', '业主大会未备案', '从业人员信息未填报', '无数据']) assert.include(signals, text)

    await page.locator('[data-test="risk-source-contract_filing"]').click()
    await page.waitForURL((url) => url.pathname === '/filings/records' && url.searchParams.get('estate_id') === String(E.e2))
  })

  test('the city administrator’s settings: a level out of order shows its Chinese error at the field', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'city')
    await page.goto(new URL('/risk/settings', page.url()).toString())
    await page.locator('[data-test="risk-signal-table"]').waitFor()
    const orange = page.locator('[data-test="risk-level-orange"] input')
    await orange.fill('80')
    await orange.blur()
    await page.locator('[data-test="risk-settings-save"]').click()
    await page.getByText('橙色等级下限须低于红色等级下限').first().waitFor()
    const level = await db.from('risk_level_settings').first()
    assert.equal(Number(level.orange), 40)
  })
})
