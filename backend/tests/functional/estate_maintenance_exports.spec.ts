import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { ID_NUMBER, PHONE, S, seedStaff } from '#tests/support/staff'
import { C, seedTraining } from '#tests/support/training'

/**
 * The maintenance pages' tables and their Excel exports (本项目从业人员, 本项目车位, 课程管理), and an edit
 * of a practitioner that leaves ID number and phone out (the list only shows them masked): they stay.
 */
test.group('estate-side maintenance: exports, and an edit without ID number and phone', (group) => {
  group.each.setup(() => resetWorld())

  test('本项目从业人员: an edit without ID number and phone keeps them; retyped, they change', async ({ client, assert }) => {
    await seedStaff()
    const manager = await actor('manager')
    const before = await db.from('practitioners').where('id', S.lead3).firstOrFail()
    const edit = (json: Record<string, unknown>) => client.patch(`/api/v1/staff/practitioners/${S.lead3}`).json(json).loginAs(manager).withCsrfToken()
    const kept = await edit({ name: '改名经理', post: 'manager', is_lead: true, version: before.version, certificates: [] })
    kept.assertStatus(200)
    assert.deepInclude(kept.body().data, { name: '改名经理', idNumber: `${ID_NUMBER(S.lead3).slice(0, 6)}********${ID_NUMBER(S.lead3).slice(-4)}`, version: before.version + 1 })
    assert.deepInclude(await db.from('practitioners').where('id', S.lead3).firstOrFail(), { name: '改名经理', id_number: ID_NUMBER(S.lead3), phone: PHONE(S.lead3) })

    const retyped = await edit({ name: '改名经理', post: 'manager', id_number: '44030419850505123X', phone: '13912345678', version: before.version + 1 })
    retyped.assertStatus(200)
    assert.deepInclude(await db.from('practitioners').where('id', S.lead3).firstOrFail(), { id_number: '44030419850505123X', phone: '13912345678' })
    // a retyped value is still checked
    const bad = await edit({ name: '改名经理', post: 'manager', phone: '1391234', version: before.version + 2 })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'phone')
  })

  test('本项目从业人员 exports its table with ID numbers and phones masked; another estate is a 404', async ({ client, assert }) => {
    await seedStaff()
    const manager = await actor('manager')
    const response = await client.visit('api.estate_staff.export', { id: E.e3 }).loginAs(manager)
    response.assertStatus(200)
    assert.include(response.header('content-disposition'), encodeURIComponent('本项目从业人员-碧海花园'))
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0], ['姓名', '身份证号', '手机号码', '岗位', '项目负责人', '入职日期', '证书（编号，有效期至）', '过期证书数'])
    const listed = (await client.get(`/api/v1/staff/estates/${E.e3}`).loginAs(manager)).body().data
    assert.lengthOf(sheet.rows, listed.length + 1)
    assert.equal(sheet.rows[1][1], listed[0].idNumber)
    assert.notInclude(JSON.stringify(sheet.rows), ID_NUMBER(S.lead3))
    assert.notInclude(JSON.stringify(sheet.rows), PHONE(S.lead3))
    ;(await client.visit('api.estate_staff.export', { id: E.e4 }).loginAs(manager)).assertStatus(404)
    ;(await client.visit('api.estate_staff.export', { id: E.e1 }).loginAs(await actor('director'))).assertStatus(404)
  })

  test('本项目车位 exports its spaces with the list filters; another estate is a 404', async ({ client, assert }) => {
    const manager = await actor('manager')
    const add = (kind: string, code: string) =>
      client.post(`/api/v1/parking/estates/${E.e1}/spaces`).json({ kind, code, location: 'B1' }).loginAs(manager).withCsrfToken()
    ;(await add('owned', 'A-2')).assertStatus(201)
    ;(await add('owned', 'A-1')).assertStatus(201)
    ;(await add('charging', 'C-1')).assertStatus(201)
    const response = await client.visit('api.estate_parking.export', { id: E.e1 }).qs({ kind: 'owned' }).loginAs(manager)
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows, [['车位编号', '车位类型', '位置', '状态'], ['A-1', '产权车位', 'B1', '使用中'], ['A-2', '产权车位', 'B1', '使用中']])
    const bad = await client.visit('api.estate_parking.export', { id: E.e1 }).qs({ kind: 'boat' }).loginAs(manager)
    bad.assertStatus(422)
    ;(await client.visit('api.estate_parking.export', { id: E.e4 }).loginAs(manager)).assertStatus(404)
  })

  test('课程管理 exports the catalogue with its filters', async ({ client, assert }) => {
    await seedTraining({ records: false })
    await db.from('training_courses').where('id', C.leadDoc).update({ published: false })
    const response = await client.visit('api.training_courses.export').qs({ kind: 'document' }).loginAs(await actor('city'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0].slice(0, 4), ['课程名称', '课程类型', '学习对象', '课程时长（分钟）'])
    assert.lengthOf(sheet.rows, 2)
    assert.deepEqual(sheet.rows[1].slice(0, 4), ['物业服务合同备案实务', '文档', '项目负责人', 30])
    assert.equal(sheet.rows[1][7], '已下架')
  })
})
