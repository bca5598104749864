import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { importFile, validRows, type SheetCell } from '#tests/support/equipment'
import { createEquipmentImportsQueue, equipmentImportJobId, useEquipmentImportsQueue } from '#modules/areas/equipment_import_queue'
import { runEquipmentImport } from '#modules/areas/equipment_import_processor'

/**
 * 物业区域管理 (module 20) · 设施设备 over the small world: 园岭街道's handler keeps the equipment of
 * e1, e2 (园岭一社区), e3, e6 (园岭二社区); e4 is 南园's, e5 罗湖's.
 */
const equipmentCount = async () => Number((await db.from('equipment').count('* as n'))[0].n)

async function seedEquipment() {
  await db.table('equipment').multiInsert([
    { estate_id: E.e1, code: 'DT-01', name: '1号电梯', category: 'elevator', location: '1栋', quantity: 1, status: 'normal' },
    { estate_id: E.e3, code: 'XF-01', name: '消防泵', category: 'fire', location: '地下室', quantity: 2, status: 'repairing' },
    { estate_id: E.e4, code: 'DT-01', name: '南园电梯', category: 'elevator', location: '', quantity: 1, status: 'normal' },
  ])
}

const idOf = async (estateId: number, code: string) => Number((await db.from('equipment').where({ estate_id: estateId, code }).firstOrFail()).id)

test.group('物业区域管理 · 设施设备 add / edit / delete / list / export', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedEquipment()
  })

  test('a street handler adds equipment to an estate of the street; the number is unique within the estate', async ({ client, assert }) => {
    const handler = await actor('handler')
    const added = await client.visit('api.equipment.store').json({ estate_id: E.e1, code: 'GS-01', name: '二次供水泵', category: 'water', location: '泵房', quantity: 2, commissioned_on: '2021-03-15' }).withCsrfToken().loginAs(handler)
    added.assertStatus(201)
    assert.include(added.body().data, { estateId: E.e1, estateName: '翠园小区', code: 'GS-01', category: 'water', categoryName: '供水设施', quantity: 2, commissionedOn: '2021-03-15', status: 'normal', statusName: '正常', version: 1 })
    const row = await db.from('equipment').where({ estate_id: E.e1, code: 'GS-01' }).firstOrFail()
    assert.include(row, { name: '二次供水泵', location: '泵房', quantity: 2, version: 1 })

    const duplicate = await client.visit('api.equipment.store').json({ estate_id: E.e1, code: 'DT-01', name: '重复', category: 'elevator' }).withCsrfToken().loginAs(handler)
    duplicate.assertStatus(422)
    assert.deepInclude(duplicate.body().errors, { field: 'code', message: '该物业项目已有此设备编号', rule: 'unique' })
    // the same number in another estate is fine
    ;(await client.visit('api.equipment.store').json({ estate_id: E.e2, code: 'DT-01', name: '电梯', category: 'elevator' }).withCsrfToken().loginAs(handler)).assertStatus(201)
    assert.equal(await equipmentCount(), 5)
  })

  test('bad input is a 422 naming the field in Chinese; an estate outside the street is a 404', async ({ client, assert }) => {
    const handler = await actor('handler')
    const bad = await client.visit('api.equipment.store').json({ estate_id: E.e1, code: '', name: 'x', category: 'rocket', quantity: 0, commissioned_on: '2021-02-30' }).withCsrfToken().loginAs(handler)
    bad.assertStatus(422)
    const fields = Object.fromEntries(bad.body().errors.map((error: { field: string; message: string }) => [error.field, error.message]))
    assert.equal(fields.code, '设备编号不能为空')
    assert.equal(fields.category, '设备类别的取值无效')
    assert.match(fields.quantity, /^数量/)
    assert.match(fields.commissioned_on, /^投入使用日期不是有效日期/)
    const foreign = await client.visit('api.equipment.store').json({ estate_id: E.e4, code: 'X-1', name: 'x', category: 'other' }).withCsrfToken().loginAs(handler)
    foreign.assertStatus(404)
    assert.equal(await equipmentCount(), 3)
  })

  test('edits carry the version read: a stale one is a 409; equipment of another street is a 404', async ({ client, assert }) => {
    const handler = await actor('handler')
    const id = await idOf(E.e1, 'DT-01')
    const changed = await client.visit('api.equipment.update', { id }).json({ status: 'repairing', location: '1栋东', version: 1 }).withCsrfToken().loginAs(handler)
    changed.assertStatus(200)
    assert.include(changed.body().data, { status: 'repairing', statusName: '维修中', location: '1栋东', version: 2 })
    const stale = await client.visit('api.equipment.update', { id }).json({ status: 'disabled', version: 1 }).withCsrfToken().loginAs(handler)
    stale.assertStatus(409)
    assert.equal(stale.body().errors[0].message, '该记录已被他人修改，请刷新后重试')
    assert.include(await db.from('equipment').where('id', id).firstOrFail(), { status: 'repairing', version: 2 })
    // renaming onto a number the estate already has
    await db.table('equipment').insert({ estate_id: E.e1, code: 'DT-02', name: '2号电梯', category: 'elevator' })
    const clash = await client.visit('api.equipment.update', { id }).json({ code: 'DT-02', version: 2 }).withCsrfToken().loginAs(handler)
    clash.assertStatus(422)
    assert.equal(clash.body().errors[0].field, 'code')
    const foreign = await client.visit('api.equipment.update', { id: await idOf(E.e4, 'DT-01') }).json({ status: 'disabled', version: 1 }).withCsrfToken().loginAs(handler)
    foreign.assertStatus(404)
    assert.equal((await db.from('equipment').where('estate_id', E.e4).firstOrFail()).status, 'normal')
  })

  test('deleting needs the current version', async ({ client, assert }) => {
    const handler = await actor('handler')
    const id = await idOf(E.e3, 'XF-01')
    ;(await client.visit('api.equipment.destroy', { id }).json({ version: 7 }).withCsrfToken().loginAs(handler)).assertStatus(409)
    assert.equal(await equipmentCount(), 3)
    ;(await client.visit('api.equipment.destroy', { id: await idOf(E.e4, 'DT-01') }).json({ version: 1 }).withCsrfToken().loginAs(handler)).assertStatus(404)
    const deleted = await client.visit('api.equipment.destroy', { id }).json({ version: 1 }).withCsrfToken().loginAs(handler)
    deleted.assertStatus(200)
    assert.isNull(await db.from('equipment').where('id', id).first())
  })

  test('the list shows the user\'s scope only, with its filters', async ({ client, assert }) => {
    const handler = await actor('handler')
    const list = await client.visit('api.equipment.index').loginAs(handler)
    list.assertStatus(200)
    assert.deepEqual(list.body().data.map((row: { estateId: number; code: string }) => [row.estateId, row.code]), [[E.e1, 'DT-01'], [E.e3, 'XF-01']])
    assert.equal(list.body().meta.total, 2)
    assert.include(list.body().data[0], { districtName: '福田区', streetName: '园岭街道', communityName: '园岭一社区' })
    const filtered = await client.visit('api.equipment.index').qs({ category: 'fire', q: '消防' }).loginAs(handler)
    assert.deepEqual(filtered.body().data.map((row: { code: string }) => row.code), ['XF-01'])
    ;(await client.visit('api.equipment.index').qs({ estate_id: E.e4 }).loginAs(handler)).assertStatus(200)
    assert.lengthOf((await client.visit('api.equipment.index').qs({ estate_id: E.e4 }).loginAs(handler)).body().data, 0)
    // a community handler holds no 物业区域管理 feature by default
    const community = await actor('community')
    ;(await client.visit('api.equipment.index').loginAs(community)).assertStatus(403)
    ;(await client.visit('api.equipment.store').json({ estate_id: E.e1, code: 'C-1', name: 'x', category: 'other' }).withCsrfToken().loginAs(community)).assertStatus(403)
    assert.equal(await equipmentCount(), 3)
  })

  test('the export has the list\'s rows, and a name written as a formula stays text', async ({ client, assert }) => {
    await db.table('equipment').insert({ estate_id: E.e1, code: 'ZZ-99', name: '=HYPERLINK("http://evil","点我")', category: 'other', location: '@SUM(A1)' })
    const response = await client.visit('api.equipment.export').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { rows } = await readSheet(response.body())
    assert.deepEqual(rows[0], ['区', '街道', '社区', '物业项目ID', '物业项目', '设备编号', '设备名称', '设备类别', '位置', '数量', '投入使用日期', '状态'])
    assert.lengthOf(rows, 4)
    assert.deepEqual(rows[1].slice(3, 8), [E.e1, '翠园小区', 'DT-01', '1号电梯', '电梯'])
    assert.deepEqual(rows[2].slice(5, 9), ['ZZ-99', `'=HYPERLINK("http://evil","点我")`, '其他', `'@SUM(A1)`])
  })
})

let connection: Redis
let queue: Queue

test.group('物业区域管理 · 设施设备 Excel import (all or nothing)', (group) => {
  group.setup(async () => {
    connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    return async () => {
      useEquipmentImportsQueue(undefined)
      await connection.quit()
    }
  })
  group.each.setup(async () => {
    await resetWorld()
    await seedEquipment()
    queue = createEquipmentImportsQueue(connection, { prefix: `szpm-test-imports-${randomUUID().slice(0, 8)}` })
    useEquipmentImportsQueue(queue)
    return async () => {
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })
  group.each.timeout(120_000)

  const names = async () => Object.fromEntries((await db.from('estates').select('id', 'name')).map((row) => [row.id, row.name])) as Record<number, string>

  test('the template has the columns, 填写说明 and only the estates the user may import into', async ({ client, assert }) => {
    const response = await client.visit('api.equipment_imports.template').loginAs(await actor('handler'))
    response.assertStatus(200)
    const ExcelJS = (await import('exceljs')).default
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body() as any)
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['设施设备', '填写说明', '物业项目'])
    assert.deepEqual((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1), ['物业项目ID', '物业项目名称', '设备编号', '设备名称', '设备类别', '位置', '数量', '投入使用日期', '状态'])
    const estates: unknown[] = []
    workbook.worksheets[2].eachRow((row, number) => number > 1 && estates.push((row.values as unknown[])[1]))
    assert.deepEqual(estates, [E.e1, E.e2, E.e3, E.e6])
  })

  test('a valid file is queued as a job and imported in one go', async ({ client, assert }) => {
    const estates = await names()
    const file = await importFile(validRows(30, [{ id: E.e1, name: estates[E.e1] }, { id: E.e6, name: estates[E.e6] }]))
    const handler = await actor('handler')
    const upload = await client.post('/api/v1/areas/equipment/imports').file('file', file, { filename: '设施设备.xlsx' }).withCsrfToken().loginAs(handler)
    upload.assertStatus(202)
    const id = upload.body().data.id
    assert.include(upload.body().data, { status: 'queued', statusName: '排队中', progress: 0, fileName: '设施设备.xlsx' })
    assert.isNotNull(await queue.getJob(equipmentImportJobId(id)))
    assert.equal(await equipmentCount(), 3)

    assert.deepEqual(await runEquipmentImport(id), { status: 'succeeded', rowCount: 30, errorRowCount: 0, importedCount: 30 })
    assert.equal(Number((await db.from('equipment').where('import_id', id).count('* as n'))[0].n), 30)
    assert.include(await db.from('equipment').where({ estate_id: E.e6, code: 'EQ-000001' }).firstOrFail(), { name: '设备1', category: 'fire', location: '2栋', quantity: 2, status: 'normal', version: 1 })
    const status = await client.visit('api.equipment_imports.show', { id }).loginAs(handler)
    assert.include(status.body().data, { status: 'succeeded', statusName: '导入成功', progress: 100, rowCount: 30, importedCount: 30, hasReport: false })
    // a second run of the same job changes nothing
    await runEquipmentImport(id)
    assert.equal(await equipmentCount(), 33)
    // another user's import is a 404
    ;(await client.visit('api.equipment_imports.show', { id }).loginAs(await actor('head'))).assertStatus(404)
  })

  test('any bad row: nothing is written, and the report names each row and column with what is wrong', async ({ client, assert }) => {
    const estates = await names()
    const rows: SheetCell[][] = [
      [E.e1, estates[E.e1], 'N-1', '电梯A', '电梯', '1栋', 1, '2020-01-01', '正常'], // row 2: fine
      [E.e1, null, null, '无编号', '火箭', null, 0, '2020-02-30', '坏了'], // row 3: five cell errors
      [E.e4, null, 'N-2', '南园的', '电梯', null, null, null, null], // row 4: estate of another street
      [E.e1, '别的名字', 'N-3', '名不符', '电梯', null, null, null, null], // row 5: name does not match the id
      [E.e1, null, 'N-1', '重复', '电梯', null, null, null, null], // row 6: same number as row 2
      [E.e1, null, 'DT-01', '库里已有', '电梯', null, null, null, null], // row 7: already in the database
      [E.e3, null, 'N-4', '=CMD()', '其他', null, '3', new Date(Date.UTC(2019, 4, 20)), '停用'], // row 8: fine
    ]
    const handler = await actor('handler')
    const upload = await client.post('/api/v1/areas/equipment/imports').file('file', await importFile(rows), { filename: 'bad.xlsx' }).withCsrfToken().loginAs(handler)
    const id = upload.body().data.id
    assert.deepEqual(await runEquipmentImport(id), { status: 'rejected', rowCount: 7, errorRowCount: 5, importedCount: 0 })
    assert.equal(await equipmentCount(), 3)
    const status = (await client.visit('api.equipment_imports.show', { id }).loginAs(handler)).body().data
    assert.include(status, { status: 'rejected', statusName: '校验未通过', errorRowCount: 5, importedCount: 0, hasReport: true, message: '5 行有错误，未导入任何数据' })

    const report = await client.visit('api.equipment_imports.report', { id }).loginAs(handler)
    report.assertStatus(200)
    const sheet = (await readSheet(report.body())).rows
    assert.deepEqual(sheet[0], ['行号', '物业项目ID', '物业项目名称', '设备编号', '设备名称', '设备类别', '位置', '数量', '投入使用日期', '状态', '错误说明'])
    assert.deepEqual(sheet.slice(1).map((row) => row[0]), [3, 4, 5, 6, 7])
    // the original cells as they were
    assert.deepEqual([sheet[1][1], sheet[1][4], sheet[1][5], sheet[1][7], sheet[1][8], sheet[1][9]], [String(E.e1), '无编号', '火箭', '0', '2020-02-30', '坏了'])
    assert.deepEqual(sheet[1][10].split('；'), [
      'C列 设备编号：不能为空',
      'E列 设备类别：不是可选值（电梯、消防设施、供水设施、供配电设施、安防监控、燃气设施、其他）',
      'G列 数量：必须是 1 到 100000 的整数',
      'H列 投入使用日期：不是有效日期（格式 YYYY-MM-DD）',
      'I列 状态：不是可选值（正常、维修中、停用）',
    ])
    assert.equal(sheet[2][10], 'A列 物业项目ID：物业项目不存在或不在您的管辖范围内')
    assert.equal(sheet[3][10], `B列 物业项目名称：与物业项目ID不符（ID ${E.e1} 是“翠园小区”）`)
    assert.equal(sheet[4][10], 'C列 设备编号：与第 2 行重复（同一物业项目的设备编号不能重复）')
    assert.equal(sheet[5][10], 'C列 设备编号：该物业项目已有此设备编号')
    // someone else may not download it
    ;(await client.visit('api.equipment_imports.report', { id }).loginAs(await actor('head'))).assertStatus(404)
  })

  test('a file not in the template\'s shape, or not an xlsx at all, is refused', async ({ client, assert }) => {
    const handler = await actor('handler')
    const wrongHeader = await client.post('/api/v1/areas/equipment/imports').file('file', await importFile([[E.e1]], ['编号', '名称']), { filename: 'x.xlsx' }).withCsrfToken().loginAs(handler)
    const id = wrongHeader.body().data.id
    assert.equal((await runEquipmentImport(id))!.status, 'rejected')
    const sheet = (await readSheet((await client.visit('api.equipment_imports.report', { id }).loginAs(handler)).body())).rows
    assert.equal(sheet[1][0], 1)
    assert.match(sheet[1][10] as string, /^表头与模板不符：A列 表头应为“物业项目ID”/)

    const fake = await client.post('/api/v1/areas/equipment/imports').file('file', Buffer.from('a,b,c\n1,2,3\n'), { filename: 'fake.xlsx' }).withCsrfToken().loginAs(handler)
    fake.assertStatus(422)
    assert.deepInclude(fake.body().errors, { field: 'file', message: '文件内容不是 Excel（.xlsx）文件，请使用下载的模板', rule: 'file.type' })
    const csv = await client.post('/api/v1/areas/equipment/imports').file('file', Buffer.from('a,b'), { filename: 'a.csv' }).withCsrfToken().loginAs(handler)
    csv.assertStatus(422)
    assert.equal(csv.body().errors[0].field, 'file')
    assert.equal(Number((await db.from('equipment_imports').count('* as n'))[0].n), 1)
  })

  test('50,000 rows whose one bad row is row 49,999: nothing is written and the report names that row; the same file fixed imports all 50,000', async ({ client, assert }) => {
    const estates = await names()
    const scope = [E.e1, E.e2, E.e3, E.e6].map((id) => ({ id, name: estates[id] }))
    function* rows(badAt: number | null) {
      let sheetRow = 1
      for (const row of validRows(50_000, scope)) {
        sheetRow++
        yield sheetRow === badAt ? [row[0], row[1], row[2], row[3], '飞船', ...row.slice(5)] : row
      }
    }
    const handler = await actor('handler')
    const bad = await client.post('/api/v1/areas/equipment/imports').file('file', await importFile(rows(49_999)), { filename: 'big-bad.xlsx' }).withCsrfToken().loginAs(handler)
    bad.assertStatus(202)
    let started = Date.now()
    const rejected = await runEquipmentImport(bad.body().data.id)
    console.log(`      50,000-row check with one bad row: ${Date.now() - started} ms`)
    assert.deepEqual(rejected, { status: 'rejected', rowCount: 50_000, errorRowCount: 1, importedCount: 0 })
    assert.equal(await equipmentCount(), 3)
    const sheet = (await readSheet((await client.visit('api.equipment_imports.report', { id: bad.body().data.id }).loginAs(handler)).body())).rows
    assert.lengthOf(sheet, 2)
    assert.equal(sheet[1][0], 49_999)
    assert.equal(sheet[1][3], 'EQ-049998')
    assert.match(sheet[1][10] as string, /^E列 设备类别：不是可选值/)

    const good = await client.post('/api/v1/areas/equipment/imports').file('file', await importFile(rows(null)), { filename: 'big.xlsx' }).withCsrfToken().loginAs(handler)
    started = Date.now()
    const imported = await runEquipmentImport(good.body().data.id)
    console.log(`      50,000-row import: ${Date.now() - started} ms`)
    assert.deepEqual(imported, { status: 'succeeded', rowCount: 50_000, errorRowCount: 0, importedCount: 50_000 })
    assert.equal(await equipmentCount(), 50_003)
  })
})
