import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { E, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'

type Visit = (url: string) => Promise<Page>

/** log in on PC and open the 备案情况 tab of one estate's page */
async function openEstate(visit: Visit, who: WorldUser, estateId: number) {
  const page = await loginOnPc(visit, who)
  await page.goto(new URL(`/estates/${estateId}?tab=filings`, page.url()).toString())
  await page.locator('[data-test="filing-records"]').waitFor()
  await page.locator('[data-test="estate-header"]').waitFor()
  await page.locator('[data-test="filing-records"] .el-loading-mask').waitFor({ state: 'detached' }).catch(() => {})
  return page
}

/** types a date into the el-date-picker of a form item; Enter takes it and closes the panel */
async function fillDate(page: Page, dataTest: string, value: string) {
  const input = page.locator(`[data-test="${dataTest}"] input`)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

async function filingCount(): Promise<number> {
  const row = await db.from('filings').count('* as n').first()
  return Number(row.n)
}

test.group('PC · 备案情况 registering and changing filings', (group) => {
  group.each.setup(() => resetWorld())

  test('a street clerk registers a contract filing from the estate page', async ({ visit, assert }) => {
    const outboxBefore = Number((await db.from('outbox_events').where('entity_id', E.e3).count('* as n').first()).n)
    const page = await openEstate(visit, 'handler', E.e3)
    assert.equal((await page.locator('[data-test="estate-title"]').innerText()).trim(), '碧海花园')
    assert.notInclude(await page.locator('[data-test="filing-records"]').innerText(), 'HT-UI-001')

    await page.locator('[data-test="filing-create"]').click()
    const dialog = page.locator('[data-test="filing-dialog"]')
    await dialog.waitFor()
    await dialog.locator('[data-test="filing-kind"]').getByText('物业服务合同备案', { exact: true }).click()
    await page.locator('[data-test="filing-document-no"]').fill('HT-UI-001')
    await fillDate(page, 'filing-filed-on', '2026-11-01')
    await page.locator('[data-test="filing-submit"]').click()

    await page.getByText('登记成功').first().waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('[data-test="filing-records"]').getByText('HT-UI-001').waitFor()
    const row = page.locator('[data-test="filing-records"] tbody tr', { hasText: 'HT-UI-001' })
    const text = await row.innerText()
    assert.include(text, '物业服务合同')
    assert.include(text, '已备案')
    assert.include(text, '2026-11-01')

    const saved = await db.from('filings').where('document_no', 'HT-UI-001').first()
    assert.exists(saved)
    assert.equal(saved.estate_id, E.e3)
    assert.equal(saved.kind, 'contract')
    assert.equal(saved.status, 'filed')
    assert.equal(saved.version, 1)
    assert.isNull(saved.expires_on)
    assert.exists(await db.from('filings').where('id', saved.id).where('filed_on', '2026-11-01').first())
    const outbox = await db.from('outbox_events').where('entity_id', E.e3).orderBy('id', 'desc')
    assert.isAbove(outbox.length, outboxBefore)
    // the new filing itself is published (one warehouse row per filing), in the same transaction
    assert.equal(outbox[0].topic, 'filing')
    assert.deepInclude(outbox[0].payload, { filing_id: saved.id, estate_id: E.e3, kind: 'contract', status: 'filed', filed_on: '2026-11-01' })

    // the records list (穿透) of the estate shows the new filing
    await page.goto(new URL(`/filings/records?estate=${E.e3}`, page.url()).toString())
    await page.locator(`.estate-row-${E.e3}`).first().waitFor()
    const listed = await page.locator(`.estate-row-${E.e3}`).first().innerText()
    assert.include(listed, 'HT-UI-001')
    assert.include(listed, '2026-11-01')
  })

  test('an expiry date before the filing date shows the server message under 到期日期 and writes nothing', async ({ visit, assert }) => {
    const before = await filingCount()
    const page = await openEstate(visit, 'handler', E.e3)

    await page.locator('[data-test="filing-create"]').click()
    const dialog = page.locator('[data-test="filing-dialog"]')
    await dialog.waitFor()
    // the required fields are checked before anything is sent
    await page.locator('[data-test="filing-submit"]').click()
    await dialog.getByText('请输入备案编号').waitFor()
    await dialog.getByText('请选择备案日期').waitFor()
    assert.equal(await filingCount(), before)

    await page.locator('[data-test="filing-document-no"]').fill('HT-UI-002')
    await fillDate(page, 'filing-filed-on', '2026-11-01')
    await fillDate(page, 'filing-expires-on', '2026-10-01')
    await page.locator('[data-test="filing-submit"]').click()

    const error = dialog.locator('[data-test="filing-expires-on"] .el-form-item__error')
    await error.waitFor()
    assert.equal((await error.innerText()).trim(), '到期日期必须晚于备案日期')
    // the other fields were fine: no message under them, and the dialog stays open
    // (.is-error, not .el-form-item__error: a cleared message may still be fading out)
    assert.equal(await dialog.locator('.el-form-item.is-error').count(), 1)
    assert.equal(await dialog.locator('[data-test="filing-expires-on"].is-error').count(), 1)
    assert.isTrue(await dialog.isVisible())
    assert.equal(await page.getByText('登记成功').count(), 0)

    assert.equal(await filingCount(), before)
    assert.isNull(await db.from('filings').where('document_no', 'HT-UI-002').first())
  })

  test('a street clerk marks a contract filing expired with a remark', async ({ visit, assert }) => {
    const page = await openEstate(visit, 'handler', E.e1)
    const row = page.locator('[data-test="filing-records"] tbody tr', { hasText: 'DOC-1' })
    assert.include(await row.innerText(), '已备案')
    // a filed record offers 标记过期 and 撤销, not 恢复有效
    assert.isTrue(await page.locator('[data-test="filing-withdraw-1"]').isVisible())
    assert.equal(await page.locator('[data-test="filing-renew-1"]').count(), 0)

    await page.locator('[data-test="filing-expire-1"]').click()
    const box = page.locator('.filing-remark-expire')
    await box.waitFor()
    await box.locator('textarea').fill('合同到期未续签')
    await box.locator('.el-message-box__btns .el-button--primary').click()

    await page.getByText('已标记过期').first().waitFor()
    await page.locator('[data-test="filing-renew-1"]').waitFor()
    assert.include(await row.innerText(), '已过期')
    assert.equal(await page.locator('[data-test="filing-expire-1"]').count(), 0)

    const saved = await db.from('filings').where('id', 1).first()
    assert.equal(saved.status, 'expired')
    assert.equal(saved.version, 2)
    const event = await db.from('filing_events').where('filing_id', 1).orderBy('id', 'desc').first()
    assert.equal(event.action, 'expire')
    assert.equal(event.remark, '合同到期未续签')
    assert.equal(event.actor_id, USERS.handler.id)
  })

  test('withdrawing needs a reason; a stale record shows the 409 message and reloads', async ({ visit, assert }) => {
    const page = await openEstate(visit, 'handler', E.e1)

    // empty reason: the prompt refuses to confirm and nothing is sent
    await page.locator('[data-test="filing-withdraw-1"]').click()
    const box = page.locator('.filing-remark-withdraw')
    await box.waitFor()
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await box.locator('.el-message-box__errormsg', { hasText: '请填写撤销原因' }).waitFor({ state: 'visible' })
    await box.locator('.el-message-box__btns .el-button', { hasText: '取消' }).click()
    await box.waitFor({ state: 'hidden' })
    assert.equal((await db.from('filings').where('id', 1).first()).status, 'filed')

    // someone else changes the record behind the page's back
    await db.from('filings').where('id', 1).update({ version: 5 })
    await page.locator('[data-test="filing-withdraw-1"]').click()
    await box.waitFor()
    await box.locator('textarea').fill('重复登记')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByText('该记录已被他人修改，请刷新后重试').first().waitFor()
    const saved = await db.from('filings').where('id', 1).first()
    assert.equal(saved.status, 'filed')
    assert.equal(saved.version, 5)

    // after the reload the page holds version 5, so a retry goes through
    await page.locator('.el-loading-mask').waitFor({ state: 'detached' }).catch(() => {})
    await page.locator('[data-test="filing-withdraw-1"]').click()
    await box.waitFor()
    await box.locator('textarea').fill('重复登记')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByText('已撤销备案').first().waitFor()
    await page.locator('[data-test="filing-records"] tbody tr', { hasText: 'DOC-1' }).getByText('已撤销').waitFor()
    const withdrawn = await db.from('filings').where('id', 1).first()
    assert.equal(withdrawn.status, 'withdrawn')
    assert.equal(withdrawn.version, 6)
    assert.equal(await page.locator('[data-test="filing-withdraw-1"]').count(), 0)
  })

  test('a party secretary sees the records but no 登记备案 or row actions', async ({ visit, assert }) => {
    const page = await openEstate(visit, 'party', E.e1)
    await page.locator('[data-test="filing-records"]').getByText('DOC-1').waitFor()
    assert.equal((await page.locator('[data-test="estate-title"]').innerText()).trim(), '翠园小区')
    assert.equal(await page.locator('[data-test="filing-create"]').count(), 0)
    assert.equal(await page.locator('[data-test="filing-expire-1"]').count(), 0)
    assert.equal(await page.locator('[data-test="filing-withdraw-1"]').count(), 0)
    assert.equal(await page.locator('[data-test="filing-dialog"]').count(), 0)
    // no export feature either: the 导出Excel button is hidden (the server refuses it too)
    assert.equal(await page.locator('[data-test="export"]').count(), 0)
  })
})
