import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { loginOnPc } from '#tests/support/browser'
import { E, resetWorld } from '#tests/support/world'
import { importFile, validRows } from '#tests/support/equipment'
import { createEquipmentImportsQueue, useEquipmentImportsQueue } from '#modules/areas/equipment_import_queue'
import { runEquipmentImport } from '#modules/areas/equipment_import_processor'

/**
 * 物业区域管理 · 设施设备 on PC: 园岭's handler imports a file with a bad row (校验未通过, the error report
 * offered, nothing written), then the corrected file (导入成功, the list shows the rows). The job runs
 * in the test (no worker here) while the page polls its progress.
 */
test.group('设施设备 · PC import', (group) => {
  let connection: Redis
  let queue: Queue
  group.each.setup(async () => {
    await resetWorld()
    connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    queue = createEquipmentImportsQueue(connection, { prefix: `szpm-test-imports-${randomUUID().slice(0, 8)}` })
    useEquipmentImportsQueue(queue)
    return async () => {
      useEquipmentImportsQueue(undefined)
      await queue.obliterate({ force: true })
      await queue.close()
      await connection.quit()
    }
  })

  test('a bad file is refused with its report; the fixed file is imported and listed', async ({ visit, assert }) => {
    const pc = await loginOnPc(visit, 'handler')
    await pc.goto(new URL('/areas/equipment', pc.url()).toString())
    await pc.locator('[data-test="equipment-table"]').waitFor()
    await pc.getByText('暂无设施设备').first().waitFor()

    const estates = [{ id: E.e1, name: '翠园小区' }]
    const rows = [...validRows(20, estates)]
    const bad = rows.map((row, index) => (index === 9 ? [row[0], row[1], row[2], row[3], '飞船', ...row.slice(5)] : row))

    await pc.locator('[data-test="equipment-import"]').click()
    const dialog = pc.locator('[data-test="import-dialog"]')
    await dialog.waitFor()
    const upload = async (buffer: Buffer, name: string) => {
      const answered = pc.waitForResponse((response) => response.url().endsWith('/api/v1/areas/equipment/imports') && response.request().method() === 'POST')
      await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer })
      const response = await answered
      assert.equal(response.status(), 202)
      return (await response.json()).data.id as number
    }

    const badId = await upload(await importFile(bad), '设施设备-有错.xlsx')
    await runEquipmentImport(badId)
    await dialog.locator('[data-test="import-status"]', { hasText: '校验未通过' }).waitFor()
    assert.include(await dialog.locator('[data-test="import-message"]').innerText(), '1 行有错误，未导入任何数据')
    assert.include(await dialog.locator('[data-test="import-report"]').getAttribute('href'), `/api/v1/areas/equipment/imports/${badId}/report`)
    assert.equal(Number((await db.from('equipment').count('* as n'))[0].n), 0)

    const goodId = await upload(await importFile(rows), '设施设备.xlsx')
    await runEquipmentImport(goodId)
    await dialog.locator('[data-test="import-status"]', { hasText: '导入成功' }).waitFor()
    await pc.keyboard.press('Escape')
    await pc.locator('[data-test="equipment-table"]').getByText('EQ-000001').waitFor()
    assert.include(await pc.locator('[data-test="equipment-table"]').innerText(), '翠园小区')
    assert.equal(Number((await db.from('equipment').count('* as n'))[0].n), 20)
  }).timeout(180_000)
})
