import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { personalData, maskIdNumber, maskPhone } from '#services/masking'
import { readSheet } from '#tests/support/excel'

/** Audit rows of one request: every request here carries its own X-Request-Id. */
async function rowsOf(requestId: string) {
  return db.from('audit_logs').where('request_id', requestId).orderBy('id')
}

const rid = () => `t-${randomUUID()}`

test.group('Audit log · hooks', (group) => {
  group.each.setup(() => resetWorld())

  test('an out-of-scope 404 is logged as a denied access with the user', async ({ client, assert }) => {
    const id = rid()
    const response = await client.get(`/api/v1/estates/${E.e5}`).header('X-Request-Id', id).loginAs(await actor('futian'))
    response.assertStatus(404)
    const [row] = await rowsOf(id)
    assert.equal(row.action, 'access_denied')
    assert.equal(row.outcome, 'denied')
    assert.equal(row.status, 404)
    assert.equal(row.user_id, USERS.futian.id)
    assert.equal(row.user_name, USERS.futian.name)
    assert.equal(row.role, 'district_admin')
    assert.equal(row.path, `/api/v1/estates/${E.e5}`)
    assert.equal(row.route, 'api.estates.show')
    assert.deepEqual(row.detail.params, { id: E.e5 })
    assert.isNotEmpty(row.ip)
  })

  test('a missing-feature 403 and an anonymous 401 are logged as denied', async ({ client, assert }) => {
    const id = rid()
    const response = await client.get('/api/v1/audit-logs').header('X-Request-Id', id).loginAs(await actor('futian'))
    response.assertStatus(403)
    const [row] = await rowsOf(id)
    assert.include(row, { action: 'access_denied', outcome: 'denied', status: 403, user_id: USERS.futian.id, route: 'api.audit_logs.index' })

    const anonymous = rid()
    ;(await client.get('/api/v1/me').header('X-Request-Id', anonymous)).assertStatus(401)
    const [anonymousRow] = await rowsOf(anonymous)
    assert.include(anonymousRow, { action: 'access_denied', outcome: 'denied', status: 401, user_id: null })
  })

  test('a failed login is logged with the masked phone and no password anywhere', async ({ client, assert }) => {
    const id = rid()
    const secret = 'Wrong#Secret-93817'
    const response = await client.post('/api/v1/session').header('X-Request-Id', id)
      .json({ phone: USERS.head.phone, password: secret }).withCsrfToken()
    assert.isAtLeast(response.status(), 400)
    const [row] = await rowsOf(id)
    assert.equal(row.action, 'login_failed')
    assert.equal(row.outcome, 'failure')
    assert.equal(row.detail.phone, '139****0004')
    assert.equal(row.target, '139****0004')
    const stored = JSON.stringify(row)
    assert.notInclude(stored, secret)
    assert.notInclude(stored, USERS.head.phone)
  })

  test('an export is logged', async ({ client, assert }) => {
    const id = rid()
    const response = await client.get('/api/v1/estates/export').qs({ q: '翠园' }).header('X-Request-Id', id).loginAs(await actor('futian'))
    response.assertStatus(200)
    const [row] = await rowsOf(id)
    assert.include(row, { action: 'export', outcome: 'success', status: 200, user_id: USERS.futian.id, route: 'api.estates.export' })
    assert.deepEqual(row.detail.query_keys, ['q'])
  })

  test('the 对象 is the module and the declared action, not the raw path (kept in path)', async ({ client, assert }) => {
    const id = rid()
    const response = await client.get('/api/v1/stats/filings/export').header('X-Request-Id', id).loginAs(await actor('futian'))
    response.assertStatus(200)
    const [row] = await rowsOf(id)
    assert.include(row, { action: 'export', route: 'api.filing_stats.export', target: '备案情况 · 导出备案情况统计', path: '/api/v1/stats/filings/export' })

    const denied = rid()
    ;(await client.get(`/api/v1/estates/${E.e5}`).header('X-Request-Id', denied).loginAs(await actor('futian'))).assertStatus(404)
    const [deniedRow] = await rowsOf(denied)
    assert.match(deniedRow.target, new RegExp(` · .+ #${E.e5}$`))
    assert.notInclude(deniedRow.target, '/api/')

    // the 审计日志 page and its export show the label, also for rows recorded with the raw path
    await db.table('audit_logs').insert({
      at: new Date(), user_id: USERS.futian.id, user_name: USERS.futian.name, role: 'district_admin', region_id: null,
      ip: '127.0.0.1', user_agent: 'test', request_id: `old-${id}`, action: 'export', route: 'api.project_stats.export',
      method: 'GET', path: '/api/v1/stats/projects/export', target: '/api/v1/stats/projects/export', outcome: 'success', status: 200, detail: '{}',
    })
    const city = await actor('city')
    const listed = await client.get('/api/v1/audit-logs').qs({ action: 'export', user: USERS.futian.name, per_page: 200 }).loginAs(city)
    const targets = (listed.body().data as any[]).map((entry) => [entry.path, entry.target])
    assert.deepInclude(targets, ['/api/v1/stats/filings/export', '备案情况 · 导出备案情况统计'])
    assert.deepInclude(targets, ['/api/v1/stats/projects/export', '项目管理 · 导出项目管理统计'])
    const exported = await client.get('/api/v1/audit-logs/export').qs({ action: 'export', user: USERS.futian.name }).loginAs(city)
    const sheet = await readSheet(exported.body())
    const column = sheet.rows[0].indexOf('对象')
    assert.isAbove(column, -1)
    assert.includeMembers(sheet.rows.slice(1).map((line) => line[column]), ['备案情况 · 导出备案情况统计', '项目管理 · 导出项目管理统计'])
  })

  test('a write is logged, with body keys but no body values', async ({ client, assert }) => {
    const id = rid()
    const response = await client.post('/api/v1/filings').header('X-Request-Id', id)
      .json({ estate_id: E.e6, kind: 'assembly', document_no: 'AUDIT-SECRET-1', filed_on: '2026-03-01' })
      .withCsrfToken().loginAs(await actor('head'))
    response.assertStatus(201)
    const [row] = await rowsOf(id)
    assert.include(row, { action: 'write', outcome: 'success', status: 201, method: 'POST', user_id: USERS.head.id, route: 'api.filings.store' })
    assert.sameMembers(row.detail.body_keys, ['estate_id', 'kind', 'document_no', 'filed_on'])
    assert.notInclude(JSON.stringify(row), 'AUDIT-SECRET-1')
  })

  test('audit rows cannot be updated, deleted or truncated; retention refuses less than 180 days', async ({ client, assert }) => {
    const id = rid()
    await client.get('/api/v1/me').header('X-Request-Id', id)
    const [row] = await rowsOf(id)

    // first line: the application's own role (its connection, `db`) may only INSERT and SELECT
    const privileges = await db.rawQuery(`SELECT current_user AS role, tableowner AS owner,
        has_table_privilege('audit_logs', 'INSERT') AS can_insert, has_table_privilege('audit_logs', 'SELECT') AS can_select,
        has_table_privilege('audit_logs', 'UPDATE') AS can_update, has_table_privilege('audit_logs', 'DELETE') AS can_delete,
        has_table_privilege('audit_logs', 'TRUNCATE') AS can_truncate
      FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_logs'`)
    const app = privileges.rows[0]
    assert.notEqual(app.role, app.owner, 'the application does not connect as the owner of audit_logs')
    assert.deepInclude(app, { can_insert: true, can_select: true, can_update: false, can_delete: false, can_truncate: false })
    const denied = /permission denied for table audit_logs/
    await assert.rejects(() => db.rawQuery(`UPDATE audit_logs SET outcome = 'success' WHERE id = ?`, [row.id]), denied)
    await assert.rejects(() => db.rawQuery('DELETE FROM audit_logs WHERE id = ?', [row.id]), denied)
    await assert.rejects(() => db.rawQuery('TRUNCATE audit_logs'), denied)
    // nor through the row's partition, nor by taking the trigger or the partition away
    const [{ partition }] = (await db.rawQuery('SELECT tableoid::regclass::text AS partition FROM audit_logs WHERE id = ?', [row.id])).rows
    assert.match(partition, /^audit_logs_\d{4}_\d{2}$/)
    await assert.rejects(() => db.rawQuery(`DELETE FROM ${partition} WHERE id = ?`, [row.id]), /permission denied for table audit_logs_/)
    await assert.rejects(() => db.rawQuery(`TRUNCATE ${partition}`), /permission denied for table audit_logs_/)
    await assert.rejects(() => db.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only'), /must be owner/)
    await assert.rejects(() => db.rawQuery(`ALTER TABLE audit_logs DETACH PARTITION ${partition}`), /must be owner/)
    await assert.rejects(() => db.rawQuery(`DROP TABLE ${partition}`), /must be owner/)

    // second line: the trigger stops even the owner
    const owner = db.connection('owner')
    await assert.rejects(() => owner.rawQuery(`UPDATE audit_logs SET outcome = 'success' WHERE id = ?`, [row.id]), /append-only/)
    await assert.rejects(() => owner.rawQuery('DELETE FROM audit_logs WHERE id = ?', [row.id]), /append-only/)
    await assert.rejects(() => owner.rawQuery('TRUNCATE audit_logs'), /append-only/)
    await assert.rejects(() => owner.rawQuery(`TRUNCATE ${partition}`), /append-only/)
    await assert.rejects(() => owner.rawQuery(`DELETE FROM ${partition} WHERE id = ?`, [row.id]), /append-only/)
    // faking 0006's purge flag unlocks nothing any more (retention drops whole partitions)
    await assert.rejects(() => owner.transaction(async (trx) => {
      await trx.rawQuery(`SELECT set_config('szpm.audit_purge', 'on', true)`)
      await trx.rawQuery('DELETE FROM audit_logs WHERE id = ?', [row.id])
    }), /append-only/)

    // retention: the application's role may run it (SECURITY DEFINER), never under 180 days
    await assert.rejects(() => db.rawQuery(`SELECT purge_audit_logs(interval '30 days')`), /180 days/)
    await assert.rejects(() => db.rawQuery(`SELECT purge_audit_logs(interval '179 days 23 hours')`), /180 days/)
    const purged = await db.rawQuery(`SELECT purge_audit_logs(interval '180 days') AS n`)
    assert.isAtLeast(Number(purged.rows[0].n), 0)
    assert.lengthOf(await rowsOf(id), 1)
  })
})

test.group('Audit log · search', (group) => {
  group.each.setup(() => resetWorld())

  test('the city admin filters by action, user, outcome, text and day; others get 403', async ({ client, assert }) => {
    const marker = `audit-marker-${Date.now()}`
    // a denied request by 福田区局 and a successful export by the same user, both with the marker in the path/query
    await client.get(`/api/v1/estates/${E.e5}`).qs({ q: marker }).loginAs(await actor('futian'))
    await client.get(`/api/v1/estates/export`).qs({ q: marker }).loginAs(await actor('futian'))
    const city = await actor('city')

    const denied = await client.get('/api/v1/audit-logs').qs({ action: 'access_denied', user: USERS.futian.name, per_page: 200 }).loginAs(city)
    denied.assertStatus(200)
    const rows = denied.body().data as any[]
    assert.isAtLeast(rows.length, 1)
    for (const row of rows) {
      assert.equal(row.action, 'access_denied')
      assert.equal(row.actionName, '拒绝访问')
      assert.include(row.userName, USERS.futian.name)
    }
    assert.isTrue(rows.some((row) => row.path === `/api/v1/estates/${E.e5}` && row.outcome === 'denied' && row.status === 404))

    const byId = await client.get('/api/v1/audit-logs').qs({ user: String(USERS.futian.id), outcome: 'success', action: 'export' }).loginAs(city)
    assert.isTrue((byId.body().data as any[]).every((row) => row.userId === USERS.futian.id && row.outcome === 'success' && row.action === 'export'))
    assert.isAtLeast(byId.body().meta.total, 1)

    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    const inRange = await client.get('/api/v1/audit-logs').qs({ from: today, to: today, action: 'export', user: USERS.futian.name }).loginAs(city)
    assert.isAtLeast(inRange.body().meta.total, 1)
    const past = await client.get('/api/v1/audit-logs').qs({ from: '2020-01-01', to: '2020-01-31' }).loginAs(city)
    assert.equal(past.body().meta.total, 0)

    const text = await client.get('/api/v1/audit-logs').qs({ q: `/api/v1/estates/${E.e5}` }).loginAs(city)
    assert.isTrue((text.body().data as any[]).every((row) => row.path.includes(`/api/v1/estates/${E.e5}`)))

    const bad = await client.get('/api/v1/audit-logs').qs({ action: 'drop table' }).loginAs(city)
    bad.assertStatus(422)

    for (const who of ['futian', 'head', 'handler'] as const) {
      ;(await client.get('/api/v1/audit-logs').loginAs(await actor(who))).assertStatus(403)
      ;(await client.get('/api/v1/audit-logs/export').loginAs(await actor(who))).assertStatus(403)
    }
    ;(await client.get('/api/v1/audit-logs')).assertStatus(401)
  })

  test('the audit export is an xlsx and is itself audited', async ({ client, assert }) => {
    const id = rid()
    const response = await client.get('/api/v1/audit-logs/export').qs({ action: 'access_denied' }).header('X-Request-Id', id).loginAs(await actor('city'))
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'spreadsheetml')
    const [row] = await rowsOf(id)
    assert.include(row, { action: 'export', outcome: 'success', user_id: USERS.city.id, route: 'api.audit_logs.export' })
  })
})

test.group('Masking', (group) => {
  group.each.setup(() => resetWorld())

  test('phones and ID numbers are masked', ({ assert }) => {
    assert.equal(maskPhone('13812341234'), '138****1234')
    assert.equal(maskPhone('123'), '****')
    assert.equal(maskPhone(null), '')
    assert.equal(maskIdNumber('440304199001011234'), '440304********1234')
    assert.equal(maskIdNumber('123'), '****')
  })

  test('a user without the unmask feature sees the manager phone masked and leaves no unmask row', async ({ client, assert }) => {
    const id = rid()
    const response = await client.get(`/api/v1/estates/${E.e1}`).header('X-Request-Id', id).loginAs(await actor('futian'))
    response.assertStatus(200)
    assert.equal(response.body().data.managerPhone, '137****0001')
    assert.lengthOf(await rowsOf(id), 0)
  })

  test('with the unmask feature the full value is served and an unmask row is written', async ({ assert }) => {
    const target = `unit-${randomUUID()}`
    const masked = await personalData(null, { features: ['filings.view'], target })
    assert.isFalse(masked.unmasked)
    assert.equal(masked.phone('13700000001'), '137****0001')
    assert.equal(masked.idNumber('440304199001011234'), '440304********1234')
    assert.lengthOf(await db.from('audit_logs').where('target', target), 0)

    const full = await personalData(null, { features: ['filings.view', 'personal_data.unmask'], target })
    assert.isTrue(full.unmasked)
    assert.equal(full.phone('13700000001'), '13700000001')
    assert.equal(full.idNumber('440304199001011234'), '440304199001011234')
    const rows = await db.from('audit_logs').where('target', target)
    assert.lengthOf(rows, 1)
    assert.include(rows[0], { action: 'unmask', outcome: 'success' })
  })

  test('a user granted personal_data.unmask (权限管理) sees full values through the API, audited', async ({ client, assert }) => {
    const hasGrants = await db.rawQuery(`SELECT to_regclass('public.user_features') AS t`)
    if (!hasGrants.rows[0].t) return assert.plan(0)
    await db.rawQuery(
      `INSERT INTO user_features (user_id, feature) SELECT ?, f FROM unnest(ARRAY['filings.view','projects.view','personal_data.unmask']) AS f ON CONFLICT DO NOTHING`,
      [USERS.handler.id]
    )
    const id = rid()
    const response = await client.get(`/api/v1/estates/${E.e1}`).header('X-Request-Id', id).loginAs(await actor('handler'))
    response.assertStatus(200)
    assert.equal(response.body().data.managerPhone, '13700000001')
    const rows = await rowsOf(id)
    assert.lengthOf(rows, 1)
    assert.include(rows[0], { action: 'unmask', outcome: 'success', user_id: USERS.handler.id })
    assert.include(rows[0].target, `estates/${E.e1}`)
  })
})
