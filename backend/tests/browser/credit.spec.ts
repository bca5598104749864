import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { R, E } from '#tests/support/world'
import { drillIntoCommunity, exportedFileName, loginOnH5, loginOnPc } from '#tests/support/browser'
import { CR, S, onCreditDay, resetCreditWorld } from '#tests/support/credit'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)
const goto = (page: Page, path: string) => page.goto(new URL(path, page.url()).toString())

/**
 * 信用信息 (tests/support/credit.ts, as of 2026-12-07): a street head on PC drills from the street to
 * 翠园小区's counting 不良信息 (张三's 法院判决, his ID number masked), then finds 测试物业公司 in 信用主体查询
 * and opens its page (score 99, A; the expired 责令整改 shown and not scored); on the H5 the same drill
 * and the subject search.
 */
test.group('信用信息 · drill path on PC and H5', (group) => {
  group.setup(resetCreditWorld)
  group.each.setup(onCreditDay)

  test('PC: statistics → community → a number → records; 信用主体查询 → a company page with its score', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await goto(page, '/credit')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'records'), '3')
    assert.equal(await cell(page, R.yl2, 'expiredRecords'), '1')
    assert.equal(await text(page, '[data-test="total-badSubjects"] .summary-value'), '2')
    assert.match(await exportedFileName(page), /\.xlsx$/)

    await drillIntoCommunity(page, R.yl1, E.e1)
    await page.locator(`[data-test="cell-${E.e1}-badRecords"]`).click()
    await page.waitForURL((url) => url.pathname === '/credit/records' && url.searchParams.get('polarity') === 'bad' && url.searchParams.get('validity') === 'counting')
    await page.locator(`.estate-row-${E.e1}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    const row = await page.locator(`.estate-row-${E.e1}`).first().innerText()
    for (const value of ['张三', '项目负责人', '440304********1234', '法院判决', '严重', '2027-02-28', '有效']) assert.include(row, value)
    assert.notInclude(row, '199001011234')

    await page.locator('[data-test="nav-credit-subjects"]').click()
    await page.waitForURL((url) => url.pathname === '/credit/subjects')
    await page.locator('[data-test="credit-subjects-table"]').getByText('测试物业公司').waitFor()
    await page.locator('input[data-test="credit-subjects-q"], [data-test="credit-subjects-q"] input').fill('440304********1234')
    await page.locator('[data-test="credit-subjects-search"]').click()
    // the masked number as the pages show it finds the one person
    await page.locator('[data-test="credit-subjects-table"]').getByText('测试物业公司').waitFor({ state: 'detached' })
    assert.include(await page.locator('[data-test="credit-subjects-table"]').innerText(), '张三')
    await page.locator('input[data-test="credit-subjects-q"], [data-test="credit-subjects-q"] input').fill('测试物业')
    await page.locator('[data-test="credit-subjects-search"]').click()
    await page.locator('[data-test="credit-subject-open"]', { hasText: '测试物业公司' }).click()
    await page.waitForURL((url) => url.pathname === `/credit/subjects/${S.company}`)
    await page.locator('[data-test="credit-subject-score"]').waitFor()
    assert.equal(await text(page, '[data-test="credit-subject-score"]'), '99')
    assert.equal(await text(page, '[data-test="credit-subject-grade"]'), 'A')
    const records = await page.locator('[data-test="credit-subject-records"]').innerText()
    for (const value of ['责令整改', '已过期', '不计分', '行政处罚', '-5', '表彰信息', '+2']) assert.include(records, value)
    assert.include(await page.locator('[data-test="credit-subject-indicators"]').innerText(), '210000.00㎡（6个项目）')
  })

  test('H5: 信用信息 → community → records; 信用主体查询 → the company page', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await loginOnH5(page, 'head')
    await page.waitForURL((url) => url.pathname === '/m/')
    await page.locator('[data-test="entry-credit"]').click()
    await page.waitForURL((url) => url.pathname === '/m/credit')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()

    await page.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await page.locator(`[data-test="drill-${E.e1}"]`).waitFor()
    await page.locator(`[data-test="cell-${E.e1}-expiredRecords"]`).click()
    await page.waitForURL((url) => url.pathname === '/m/credit/records')
    assert.equal(new URL(page.url()).searchParams.get('validity'), 'expired')
    // the rows are keyed by record: 测试物业公司's 责令整改 at 翠园小区, over since yesterday
    await page.locator(`[data-test="record-row-${CR.rectification}"]`).waitFor()
    assert.equal(await page.locator('[data-test^="record-row-"]').count(), 1)
    assert.include(await page.locator(`[data-test="record-row-${CR.rectification}"]`).innerText(), '测试物业公司')

    await goto(page, '/m/credit')
    await page.locator('[data-test="action-subjects"]').click()
    await page.waitForURL((url) => url.pathname === '/m/credit/subjects')
    await page.locator('[data-test="credit-subject-item"]', { hasText: '测试物业公司' }).click()
    await page.waitForURL((url) => url.pathname === `/m/credit/subjects/${S.company}`)
    await page.locator('[data-test="credit-subject-score"]').waitFor()
    assert.include(await text(page, '[data-test="credit-subject-score"]'), '99 分 · A')
    const records = await page.locator('[data-test="credit-subject-records"]').innerText()
    for (const value of ['行政处罚', '已过期', '-5']) assert.include(records, value)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.isAtMost(overflow, 0)
    await context.close()
  })

  test('PC: a district enters a 不良 record on a company page; the score follows', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'futian')
    await goto(page, `/credit/subjects/${S.company}`)
    await page.locator('[data-test="credit-subject-score"]').waitFor()
    await page.locator('[data-test="credit-record-add"]').click()
    const dialog = page.locator('[data-test="credit-record-dialog"]')
    await dialog.locator('[data-test="credit-record-save"]').click()
    // nothing chosen: the fields say what is missing, in Chinese
    await dialog.getByText(/信用信息类别/).first().waitFor()
    await dialog.locator('[data-test="credit-record-category"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '行政处罚' }).click()
    await dialog.locator('[data-test="credit-record-severity"]').getByText('较重').click()
    await dialog.locator('[data-test="credit-record-estate"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '碧海花园' }).click()
    await dialog.locator('[data-test="credit-record-decided-on"] input').fill('2026-12-01')
    await dialog.locator('[data-test="credit-record-decided-on"] input').press('Enter')
    await dialog.locator('input[data-test="credit-record-source"], [data-test="credit-record-source"] input').fill('福田区住房和建设局')
    await dialog.locator('input[data-test="credit-record-document-no"], [data-test="credit-record-document-no"] input').fill('深建罚〔2026〕8号')
    await dialog.locator('[data-test="credit-record-save"]').click()
    await page.getByText('有效期至 2028-11-30').waitFor()
    await page.locator('[data-test="credit-subject-records"]').getByText('深建罚〔2026〕8号').waitFor()
    assert.equal(await text(page, '[data-test="credit-subject-score"]'), '94')
    assert.equal(await text(page, '[data-test="credit-subject-grade"]'), 'B')
  })
})

/**
 * 修改 / 删除 with a document (PC), the document on the H5 subject page, and 按月趋势 on the H5 — each on
 * a fresh fixture (the warehouse rebuilt from it).
 */
test.group('信用信息 · 修改, documents and 按月趋势 on PC and H5', (group) => {
  group.each.setup(async () => {
    await resetCreditWorld()
    return onCreditDay()
  })

  test('PC: a district changes a record with a document, the page offers the download, then deletes it; H5 shows the document', async ({ visit, browser, assert }) => {
    const folder = await mkdtemp(join(tmpdir(), 'szpm-credit-'))
    const pdf = join(folder, '整改决定书.pdf')
    await writeFile(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(400, 0x20)]))
    const page = await loginOnPc(visit, 'futian')
    await goto(page, `/credit/subjects/${S.company}`)
    await page.locator('[data-test="credit-subject-score"]').waitFor()
    // 修改 责令整改 (一般, expired yesterday) to a 较重 one of 2026-12-01 with a document: it counts again, −5
    await page.locator(`[data-test="credit-record-edit-${CR.rectification}"]`).click()
    const dialog = page.locator('[data-test="credit-record-dialog"]')
    await dialog.getByText('修改信用记录').waitFor()
    await dialog.locator('[data-test="credit-record-severity"]').getByText('较重').click()
    await dialog.locator('[data-test="credit-record-decided-on"] input').fill('2026-12-01')
    await dialog.locator('[data-test="credit-record-decided-on"] input').press('Enter')
    const uploaded = page.waitForResponse((response) => response.url().endsWith('/credit/attachments'))
    await dialog.locator('[data-test="credit-record-upload"] input[type="file"]').setInputFiles(pdf)
    assert.equal((await uploaded).status(), 201)
    await dialog.locator('[data-test="credit-record-save"]').click()
    await page.getByText('已修改，有效期至 2028-11-30').waitFor()
    const link = page.locator(`[data-test="credit-attachment-${CR.rectification}-1"]`)
    await link.waitFor()
    assert.include(await link.innerText(), '整改决定书.pdf')
    assert.equal(await text(page, '[data-test="credit-subject-score"]'), '94')
    const download = await page.request.get(String(await link.getAttribute('href')))
    assert.equal(download.status(), 200)
    assert.equal(download.headers()['content-type'], 'application/pdf')

    // H5: the street head sees the document on the company page
    const context = await browser.newContext(PHONE)
    const phone = await context.newPage()
    await loginOnH5(phone, 'head')
    await goto(phone, `/m/credit/subjects/${S.company}`)
    await phone.locator(`[data-test="credit-attachment-${CR.rectification}-1"]`).waitFor()
    assert.include(await phone.locator(`[data-test="credit-attachment-${CR.rectification}-1"]`).innerText(), '整改决定书.pdf')
    await context.close()

    // 删除: confirmed, the record leaves the page and the score
    await page.locator(`[data-test="credit-record-delete-${CR.rectification}"]`).click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await page.getByText('已删除').waitFor()
    await page.locator(`[data-test="credit-record-edit-${CR.rectification}"]`).waitFor({ state: 'detached' })
    assert.equal(await text(page, '[data-test="credit-subject-score"]'), '99')
    assert.isNotNull((await db.from('credit_records').where('id', CR.rectification).firstOrFail()).deleted_at)
  }).timeout(120_000)

  test('H5: 信用信息 → 按月趋势 of the region on screen, 良好 / 不良 per month', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await loginOnH5(page, 'head')
    await goto(page, '/m/credit')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    await page.locator('[data-test="action-trend"]').click()
    await page.waitForURL((url) => url.pathname === '/m/credit/trend')
    await page.locator('[data-test="m-credit-trend-months"]').waitFor()
    // the twelve months up to December 2026: 表彰信息 and 责令整改 of December 2025 fall out, 行政处罚 of January 2025 too
    assert.equal(await page.locator('[data-test^="m-credit-trend-20"]').count(), 12)
    assert.include(await page.locator('.van-cell-group__title').first().innerText(), '园岭街道')
    assert.include(await page.locator('[data-test="m-credit-trend-totals"]').innerText(), '0 / 0 条')
    // the last 24 months: 2025-01's 行政处罚 (不良) and 2025-12's two records
    await page.locator('.van-dropdown-menu__item').first().click()
    await page.getByText('近 24 个月').click()
    await page.locator('[data-test="m-credit-trend-2025-01"]').waitFor()
    assert.include(await page.locator('[data-test="m-credit-trend-2025-01"]').innerText(), '不良 1')
    assert.include(await page.locator('[data-test="m-credit-trend-2025-12"]').innerText(), '良好 1 · 不良 1')
    assert.isAtMost(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0)
    await context.close()
  }).timeout(120_000)
})
