import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { R, USERS, resetWorld } from '#tests/support/world'
import { exportedFileName, loginOnPc } from '#tests/support/browser'
import { syncWarehouse } from '#tests/support/warehouse'
import { produceExportRun } from '#modules/exports/export_run_processor'
import { exportsQueue } from '#modules/exports/export_queue'

/**
 * 导出中心 on PC: from a statistics page's 定时导出 link, the street head exports the table in the
 * background (progress, then 下载) and subscribes to it weekly.
 */
test.group('PC · 导出中心', (group) => {
  group.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    await db.connection('owner').rawQuery('TRUNCATE export_runs, export_subscriptions RESTART IDENTITY CASCADE')
    return async () => {
      await exportsQueue().obliterate({ force: true })
    }
  })

  test('立即导出 from 项目管理 shows progress then 下载; 订阅 每周五 17:30 is listed', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await page.goto('/projects')
    await page.locator('[data-test="schedule-export"]').click()
    await page.waitForURL((url) => url.pathname === '/exports' && url.searchParams.get('module') === 'projects')
    await page.locator('[data-test="export-table"]', { hasText: '项目管理统计' }).waitFor()
    assert.equal(await page.locator('[data-test="export-region"]').innerText(), '园岭街道')

    const requested = page.waitForResponse((r) => r.url().endsWith('/api/v1/exports') && r.request().method() === 'POST')
    await page.locator('[data-test="export-now"]').click()
    const response = await requested
    assert.equal(response.status(), 202)
    const runId = (await response.json()).data.id
    await page.locator(`[data-test="progress-${runId}"]`).waitFor()

    // the worker (./ace jobs:work) produces it; here the test runs the same processor
    await produceExportRun(runId, { attemptsMade: 0, maxAttempts: 3 })
    await page.locator(`[data-test="status-${runId}"]`, { hasText: '已完成' }).waitFor()
    const fileName = await exportedFileName(page, `[data-test="download-${runId}"]`)
    assert.match(fileName, /^项目管理-园岭街道-\d{8}-\d{4}\.xlsx$/)

    await page.locator('[data-test="export-frequency"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '每周' }).click()
    await page.locator('[data-test="export-weekday"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '周五' }).click()
    await page.locator('[data-test="export-time"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '17:30' }).click()
    await page.locator('[data-test="export-subscribe"]').click()
    await page.locator('[data-test="subscriptions"]', { hasText: '每周五 17:30' }).waitFor()
    const stored = await db.from('export_subscriptions').where('user_id', USERS.head.id).first()
    assert.include(stored, { module: 'projects', region_id: R.yuanling, frequency: 'weekly', weekday: 5, time_of_day: '17:30' })
  })

  test('后台导出 of 备案记录 keeps the list\'s filter and opens 导出中心 with the run', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.goto('/filings/records?contract_status=filed')
    await page.locator('[data-test="list-title"]').waitFor()
    const requested = page.waitForResponse((r) => r.url().endsWith('/api/v1/exports') && r.request().method() === 'POST')
    await page.locator('[data-test="export-background"]').click()
    const response = await requested
    assert.equal(response.status(), 202)
    assert.deepEqual(response.request().postDataJSON(), { module: 'filings', kind: 'records', query: { contract_status: 'filed' } })
    await page.waitForURL((url) => url.pathname === '/exports')
    const runId = (await response.json()).data.id
    await page.locator(`[data-test="progress-${runId}"]`).waitFor()
    const run = await db.from('export_runs').where('id', runId).first()
    assert.include(run, { user_id: USERS.handler.id, module: 'filings', kind: 'records', status: 'queued' })
    assert.deepEqual(run.query, { contract_status: 'filed', region_id: R.yuanling })
  })
})
