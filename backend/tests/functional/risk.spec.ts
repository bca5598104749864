import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { RISK_DEFAULT_SETTINGS, RISK_SIGNAL_KEYS } from '@szpm/core'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import { runRiskDaily } from '#modules/risk/risk_daily'
import { loadRiskInputs } from '#modules/risk/risk_inputs'
import { saveRiskSettings } from '#modules/risk/risk_settings'
import clock from '#services/clock'
import { withClient } from '#tests/support/owner_client'
import { runGenerators } from '#database/generators/index'
import { risk as riskGenerator } from '#database/generators/risk'

/**
 * 物业项目风险预警: the settings (city admin only, 422 in Chinese at the field, audited, applied from the
 * next run), the daily job (idempotent per day; a newly red estate opens one to-do and one reminder for
 * its street's handlers), the estates list (穿透; 404 outside the region) and the statistics.
 *
 * The world's 锦华苑 (e2): contract filing expired (20), no owners' assembly (10), no staff (10) = 40 橙
 * by the default settings; an open dispute older than 30 days adds 15 (55).
 */
const DAY1 = '2026-12-01'
const DAY2 = '2026-12-02'

const defaults = () => ({
  signals: RISK_SIGNAL_KEYS.map((key) => ({ key, ...RISK_DEFAULT_SETTINGS.signals[key] })),
  levels: { ...RISK_DEFAULT_SETTINGS.levels },
})

async function resetRisk() {
  await resetWorld()
  await db.connection('owner').rawQuery('TRUNCATE risk_runs, estate_risk_scores, disputes CASCADE')
  await saveRiskSettings(defaults())
}

async function openDispute(estateId: number, streetId: number, reportedOn: string) {
  await db.table('disputes').insert({
    dispute_type: 'property_fee', estate_id: estateId, street_id: streetId, bureau_region_id: R.futian, title: '物业费纠纷', parties: '业主与物业',
    summary: '测试', reported_on: reportedOn, state: 'handling',
  })
}

const scoreOf = (day: string, estateId: number) => db.from('estate_risk_scores').where({ day, estate_id: estateId }).first()
const riskTodos = () => db.from('todos').where({ process: 'risk', step: 'red' }).orderBy('id')
const riskMessages = (userId: number) => db.from('messages').where({ recipient_id: userId, module: 'risk' }).orderBy('id')

test.group('物业项目风险预警 · settings', (group) => {
  group.each.setup(resetRisk)

  test('only the city administrator reads and saves them; bad input is a 422 at its field in Chinese, nothing changed', async ({ client, assert }) => {
    ;(await client.get('/api/v1/risk/settings').loginAs(await actor('head'))).assertStatus(403)
    ;(await client.put('/api/v1/risk/settings').json(defaults()).loginAs(await actor('futian')).withCsrfToken()).assertStatus(403)
    const city = await actor('city')
    const shown = await client.get('/api/v1/risk/settings').loginAs(city)
    shown.assertStatus(200)
    assert.deepEqual(shown.body().data.signals.map((signal: any) => signal.key), [...RISK_SIGNAL_KEYS])
    assert.deepEqual(shown.body().data.levels, { red: 60, orange: 40, yellow: 20 })

    const outOfOrder = defaults()
    outOfOrder.levels.orange = 70
    const levels = await client.put('/api/v1/risk/settings').json(outOfOrder).loginAs(city).withCsrfToken()
    levels.assertStatus(422)
    assert.equal(levels.body().errors[0].field, 'levels.orange')
    assert.match(levels.body().errors[0].message, /橙色等级下限须低于红色等级下限/)

    const heavy = defaults()
    heavy.signals[0].weight = 200
    const weight = await client.put('/api/v1/risk/settings').json(heavy).loginAs(city).withCsrfToken()
    weight.assertStatus(422)
    assert.equal(weight.body().errors[0].field, 'signals.0.weight')
    assert.match(weight.body().errors[0].message, /[\u4e00-\u9fa5]/)

    const twice = defaults()
    twice.signals[1].key = twice.signals[0].key
    ;(await client.put('/api/v1/risk/settings').json(twice).loginAs(city).withCsrfToken()).assertStatus(422)
    const nul = await client.put('/api/v1/risk/settings').json({ ...defaults(), signals: [{ key: 'x\u0000', weight: 1, threshold: 1, enabled: true }] }).loginAs(city).withCsrfToken()
    // the platform's rule for a NUL anywhere in the input (hardening.spec.ts)
    nul.assertStatus(400)
    assert.deepEqual((await db.from('risk_level_settings').first()) && { red: Number((await db.from('risk_level_settings').first()).red) }, { red: 60 })
  })

  test('a change is audited (before → after) and applies from the next run, not to a day already run', async ({ client, assert }) => {
    assert.deepInclude(await runRiskDaily({ day: DAY1 }), { ran: true, estates: 6 })
    assert.equal((await scoreOf(DAY1, E.e2)).level, 'orange')
    assert.equal(Number((await scoreOf(DAY1, E.e2)).score), 40)

    const change = defaults()
    change.levels = { red: 40, orange: 30, yellow: 10 }
    change.signals.find((signal) => signal.key === 'staff_stale')!.enabled = false
    const saved = await client.put('/api/v1/risk/settings').json(change).loginAs(await actor('city')).withCsrfToken()
    saved.assertStatus(200)
    assert.equal(saved.body().meta.changed, 4)
    const audit = await db.from('audit_logs').where({ route: 'api.risk_settings.update', user_id: USERS.city.id }).orderBy('id', 'desc').first()
    assert.equal(audit.action, 'write')
    assert.deepInclude(audit.detail.changes, { field: 'levels.red', before: 60, after: 40 })
    assert.deepInclude(audit.detail.changes, { field: 'staff_stale.enabled', before: true, after: false })

    // the day already run keeps its scores; the next run uses the new settings (30 without staff: 橙 under the new bounds)
    assert.deepInclude(await runRiskDaily({ day: DAY1 }), { ran: false })
    assert.equal((await scoreOf(DAY1, E.e2)).level, 'orange')
    await runRiskDaily({ day: DAY2 })
    const next = await scoreOf(DAY2, E.e2)
    assert.equal(Number(next.score), 30)
    assert.equal(next.level, 'orange')
    const staff = next.signals.find((signal: any) => signal.key === 'staff_stale')
    assert.deepInclude(staff, { enabled: false, points: 0 })
  })
})

test.group('物业项目风险预警 · daily job', (group) => {
  group.each.setup(resetRisk)

  test('idempotent per day; a newly red estate opens one to-do and one reminder for its street handler', async ({ assert }) => {
    await openDispute(E.e2, R.yuanling, '2026-10-01')
    const change = defaults()
    change.levels = { red: 50, orange: 40, yellow: 20 }
    await saveRiskSettings(change)

    const first = await runRiskDaily({ day: DAY1 })
    assert.deepInclude(first, { ran: true, estates: 6, newRed: 1, reminded: 1 })
    const row = await scoreOf(DAY1, E.e2)
    assert.equal(Number(row.score), 55)
    assert.equal(row.level, 'red')
    const disputes = row.signals.find((signal: any) => signal.key === 'open_disputes')
    assert.equal(disputes.points, 15)
    assert.equal(disputes.input.open, 1)
    assert.equal(disputes.input.oldestAgeDays, 61)

    const todos = await riskTodos()
    assert.lengthOf(todos, 1)
    assert.deepInclude(todos[0], { subject_id: E.e2, region_id: R.yuanling, feature: 'risk.view' })
    assert.deepEqual(todos[0].roles, ['street_handler'])
    assert.lengthOf(await riskMessages(USERS.handler.id), 1)
    // other streets' handlers hear nothing
    assert.lengthOf(await riskMessages(USERS.nanyuan.id), 0)
    const events = Number((await db.from('outbox_events').where('topic', 'estate_risk').count('* as n').first()).n)
    assert.equal(events, 6)

    // the same day again: nothing; forced: the same rows (same ids), no second to-do nor reminder
    assert.deepInclude(await runRiskDaily({ day: DAY1 }), { ran: false })
    const ids = (await db.from('estate_risk_scores').where('day', DAY1).orderBy('id').select('id')).map((r) => r.id)
    assert.deepInclude(await runRiskDaily({ day: DAY1, force: true }), { ran: true, newRed: 1 })
    assert.deepEqual((await db.from('estate_risk_scores').where('day', DAY1).orderBy('id').select('id')).map((r) => r.id), ids)
    assert.lengthOf(await riskTodos(), 1)
    assert.lengthOf(await riskMessages(USERS.handler.id), 1)

    // the next day it is still red: not new, nothing more
    assert.deepInclude(await runRiskDaily({ day: DAY2 }), { ran: true, newRed: 0, red: 1 })
    assert.lengthOf(await riskTodos(), 1)

    // the dispute closed: no longer red, its to-do is over
    await db.from('disputes').update({ state: 'closed', closed_at: new Date() })
    await runRiskDaily({ day: '2026-12-03' })
    const [over] = await riskTodos()
    assert.equal(over.outcome, 'expired')
    assert.isNotNull(over.closed_at)
  })
})

test.group('物业项目风险预警 · estates list and statistics', (group) => {
  group.each.setup(resetRisk)

  test('the estates of the latest run by level (穿透), 404 outside the region; statistics from the warehouse', async ({ client, assert }) => {
    await runRiskDaily({ day: DAY1 })
    const handler = await actor('handler')
    const list = await client.get('/api/v1/risk/estates').qs({ level: 'orange' }).loginAs(handler)
    list.assertStatus(200)
    // the street's orange estates, highest score first: 碧海花园 45 (no contract, fund account overdue, no staff), then 40 by id
    assert.deepEqual(list.body().data.map((row: any) => [row.estateId, row.levelName, row.score]), [[E.e3, '橙', 45], [E.e2, '橙', 40], [E.e6, '橙', 40]])
    const jinhua = list.body().data.find((row: any) => row.estateId === E.e2)
    assert.equal(jinhua.reasons, '合同备案已过期（20分）；业主大会未备案（10分）；从业人员信息未填报（10分）')
    ;(await client.get('/api/v1/risk/estates').qs({ estate_id: E.e5 }).loginAs(handler)).assertStatus(404)
    ;(await client.get('/api/v1/risk/estates').qs({ region_id: R.luohu }).loginAs(handler)).assertStatus(404)
    ;(await client.get('/api/v1/risk/estates').qs({ level: 'purple' }).loginAs(handler)).assertStatus(422)
    const own = await client.get('/api/v1/risk/estates').qs({ estate_id: E.e1 }).loginAs(handler)
    assert.lengthOf(own.body().data, 1)

    await syncWarehouse()
    const stats = await client.get('/api/v1/stats/risk').loginAs(await actor('city'))
    stats.assertStatus(200)
    const totals = stats.body().meta.totals
    const pg = await db.from('estate_risk_scores').where('day', DAY1).select('level', 'score')
    assert.equal(totals.scoredEstates, pg.length)
    for (const level of ['red', 'orange', 'yellow', 'green']) {
      assert.equal(totals[`${level}Estates`], pg.filter((row) => row.level === level).length, level)
    }
    assert.closeTo(totals.meanScore, pg.reduce((sum, row) => sum + Number(row.score), 0) / pg.length, 1e-9)
    const street = await client.get('/api/v1/stats/risk').qs({ region_id: R.yuanling }).loginAs(handler)
    street.assertStatus(200)
    ;(await client.get('/api/v1/stats/risk').qs({ region_id: R.luohu }).loginAs(handler)).assertStatus(404)
    // the warehouse's rows equal PostgreSQL's, record by record
    assert.lengthOf((await reconcileWarehouse()).differences.filter((difference) => difference.table === 'estate_risk_daily'), 0)
  })
})

test.group('物业项目风险预警 · generator', (group) => {
  group.each.setup(resetRisk)

  test('安全检查: problems not rectified on an estate\'s checklists are its input; an estate never inspected has none', async ({ assert }) => {
    const [task] = await db.table('inspection_tasks').insert({ title: '消防安全检查', deadline: '2026-12-31', region_id: R.futian, target_mode: 'estates' }).returning('id')
    const [item1, item2, item3] = await db.table('inspection_items')
      .multiInsert([1, 2, 3].map((position) => ({ task_id: task.id, position, content: `检查项${position}` }))).returning('id')
    const [e1, e2] = await db.table('inspection_targets').multiInsert([{ task_id: task.id, estate_id: E.e1, state: 'rectifying' }, { task_id: task.id, estate_id: E.e2 }]).returning('id')
    await db.table('inspection_answers').multiInsert([
      { target_id: e1.id, item_id: item1.id, result: 'problem', description: '堵塞', measures: '清理', rectified: true, rectified_on: '2026-12-01' },
      { target_id: e1.id, item_id: item2.id, result: 'problem', description: '过期', measures: '更换' },
      { target_id: e1.id, item_id: item3.id, result: 'problem', description: '破损', measures: '维修' },
    ])
    const inputs = new Map((await loadRiskInputs('2026-12-07')).map((row) => [row.estateId, row.inputs.inspections_unrectified]))
    assert.deepEqual(inputs.get(E.e1), { count: 2 })
    assert.deepEqual(inputs.get(E.e2), { count: 0 })
    assert.isNull(inputs.get(E.e3))
  })

  test('the generator writes today\'s scores exactly as the daily job computes them', async ({ assert }) => {
    await openDispute(E.e2, R.yuanling, '2026-10-01')
    await withClient((client) => runGenerators([riskGenerator], { client, scale: { communitiesPerStreet: [1, 1], estatesPerCommunity: [1, 1], housesPerEstate: [1, 1] }, seed: 1, fresh: true }))
    const today = clock.today()
    const generated = await db.from('estate_risk_scores').where('day', today).orderBy('estate_id').select('estate_id', 'score', 'level', 'signals')
    assert.lengthOf(generated, 6)
    assert.deepInclude(await runRiskDaily({ day: today, force: true }), { ran: true, estates: 6 })
    const computed = await db.from('estate_risk_scores').where('day', today).orderBy('estate_id').select('estate_id', 'score', 'level', 'signals')
    assert.deepEqual(computed, generated)
  })
})
