import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { syncEvaluationPeriods } from '#modules/evaluations/sync_evaluation_periods'

const ITEMS = [
  { key: 'service', name: '服务', description: '', maxScore: 50, weight: 60 },
  { key: 'safety', name: '安全', description: '消防', maxScore: 20, weight: 40 },
]

async function templates() {
  return db.from('evaluation_templates').orderBy('id').select('id', 'status', 'version')
}

test.group('街道社区评价 · 评分模板 (city admin)', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    return () => clock.reset()
  })

  test('draft → edit → 启用 retires the old one, and the next window scores against it', async ({ client, assert }) => {
    const city = await actor('city')
    const created = await client.visit('api.evaluation_templates.store').json({ name: '2027版评价标准', items: ITEMS }).loginAs(city).withCsrfToken()
    created.assertStatus(201)
    assert.deepInclude(created.body().data, { status: 'draft', statusName: '草稿', version: 1, usedBy: 0 })
    const id = created.body().data.id
    const edited = await client.visit('api.evaluation_templates.update', { id })
      .json({ name: '2027版评价标准（修订）', items: ITEMS, version: 1 }).loginAs(city).withCsrfToken()
    edited.assertStatus(200)
    assert.equal(edited.body().data.version, 2)
    // a stale edit is a 409
    ;(await client.visit('api.evaluation_templates.update', { id }).json({ name: 'x', items: ITEMS, version: 1 }).loginAs(city).withCsrfToken()).assertStatus(409)
    const activated = await client.visit('api.evaluation_templates.activate', { id }).json({ version: 2 }).loginAs(city).withCsrfToken()
    activated.assertStatus(200)
    assert.deepEqual((await templates()).map((t) => [t.id, t.status]), [[1, 'retired'], [id, 'active']])

    // the job opens 2026 H2 on 12月1日 with the new template
    clock.travelTo('2026-12-01T00:00:30+08:00')
    const result = await syncEvaluationPeriods()
    assert.equal(result.opened, 6)
    const period = await db.from('evaluation_periods').where({ year: 2026, half: 2 }).first()
    assert.equal(period.template_id, id)
    // now in use: it can no longer be edited
    const locked = await client.visit('api.evaluation_templates.update', { id }).json({ name: 'x', items: ITEMS, version: 3 }).loginAs(city).withCsrfToken()
    locked.assertStatus(422)
    assert.equal(locked.body().errors[0].message, '已启用或已停用的模板不能修改，请新建模板')
    const list = await client.visit('api.evaluation_templates.index').loginAs(city)
    assert.deepInclude(list.body().data[0], { id, status: 'active', usedBy: 6 })
  })

  test('bad templates are refused field by field and nothing is written', async ({ client, assert }) => {
    const city = await actor('city')
    const before = await templates()
    const weights = await client.visit('api.evaluation_templates.store')
      .json({ name: '错误模板', items: [{ ...ITEMS[0], weight: 70 }, { ...ITEMS[1], key: 'service' }] }).loginAs(city).withCsrfToken()
    weights.assertStatus(422)
    const messages = Object.fromEntries(weights.body().errors.map((e: any) => [e.field, e.message]))
    assert.equal(messages.items, '各评分项权重之和须为 100（当前为 110）')
    assert.equal(messages['items.1.key'], '评分项编码「service」重复')
    const shape = await client.visit('api.evaluation_templates.store')
      .json({ name: '', items: [{ key: 'Bad Key', name: '', maxScore: -1, weight: 'x' }] }).loginAs(city).withCsrfToken()
    shape.assertStatus(422)
    assert.includeMembers(shape.body().errors.map((e: any) => e.field), ['name', 'items.0.key', 'items.0.name', 'items.0.maxScore', 'items.0.weight'])
    // the active template cannot be deleted; a draft can
    const active = await client.visit('api.evaluation_templates.destroy', { id: 1 }).loginAs(city).withCsrfToken()
    active.assertStatus(422)
    assert.equal(active.body().errors[0].message, '只能删除草稿模板')
    assert.deepEqual(await templates(), before)
    // only the city admin manages templates
    ;(await client.visit('api.evaluation_templates.index').loginAs(await actor('head'))).assertStatus(403)
  })

  test('templates export item by item', async ({ client, assert }) => {
    const response = await client.visit('api.evaluation_templates.export').loginAs(await actor('city'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0].slice(0, 4), ['模板', '状态', '评分项编码', '评分项'])
    assert.deepEqual(sheet.rows.slice(1).map((r) => r[2]), ['service', 'facilities', 'safety', 'complaints', 'community', 'disclosure'])
  })
})
