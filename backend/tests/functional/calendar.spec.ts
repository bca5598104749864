import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { resetCalendar } from '#tests/support/calendar'
import { addWorkingDays } from '#services/working_days'

/** the calendar tables, for "nothing changed" checks */
async function snapshot() {
  const years = await db.from('calendar_years').orderBy('year').select('year', 'published', 'source', 'updated_by')
  const days = await db.from('calendar_days').orderBy('date').select(db.raw(`to_char(date, 'YYYY-MM-DD') AS date`), 'kind', 'name', 'year')
  return { years, days }
}

const as = (who: WorldUser) => actor(who)

test.group('节假日日历 · API', (group) => {
  group.setup(() => resetWorld())
  group.each.setup(() => resetCalendar())
  group.teardown(() => resetCalendar())

  test('lists the seeded years and a year\'s days', async ({ client, assert }) => {
    const years = await client.get('/api/v1/calendar/years').loginAs(await as('city'))
    years.assertStatus(200)
    const y2026 = years.body().data.find((y: any) => y.year === 2026)
    assert.deepEqual(y2026 && { ...y2026, updatedAt: undefined }, {
      year: 2026, published: true, holidays: 33, workdays: 6, source: 'chinese-days', updatedAt: undefined,
    })
    assert.deepEqual(years.body().data.map((y: any) => y.year), [2026, 2025, 2024, 2023, 2022, 2021, 2020])

    const days = await client.get('/api/v1/calendar/days').qs({ year: 2026 }).loginAs(await as('city'))
    days.assertStatus(200)
    const list = days.body().data as any[]
    assert.lengthOf(list, 39)
    assert.deepEqual(list.find((d) => d.date === '2026-10-10'), { date: '2026-10-10', kind: 'workday', kindName: '调休上班', name: '国庆节' })
    assert.deepEqual(list.find((d) => d.date === '2026-10-01'), { date: '2026-10-01', kind: 'holiday', kindName: '放假', name: '国庆节' })
    assert.deepEqual(list.map((d) => d.date), [...list.map((d) => d.date)].sort())
    assert.equal(days.body().meta.year.year, 2026)

    const empty = await client.get('/api/v1/calendar/days').qs({ year: 2027 }).loginAs(await as('city'))
    empty.assertStatus(200)
    assert.deepEqual(empty.body(), { data: [], meta: { year: null } })
  })

  test('adds a 2027 day (year created unpublished), edits it, deletes it; writes are audited', async ({ client, assert }) => {
    const requestId = `t-${randomUUID()}`
    const put = await client.put('/api/v1/calendar/days/2027-02-06').header('X-Request-Id', requestId)
      .json({ kind: 'workday', name: ' 春节 ' }).withCsrfToken().loginAs(await as('city'))
    put.assertStatus(200)
    assert.deepEqual(put.body().data, { date: '2027-02-06', kind: 'workday', kindName: '调休上班', name: '春节' })
    assert.include(put.body().meta.year, { year: 2027, published: false, holidays: 0, workdays: 1, source: '手工录入' })
    const [audit] = await db.from('audit_logs').where('request_id', requestId)
    assert.include(audit, { action: 'write', outcome: 'success', route: 'api.calendar.days_upsert', user_id: USERS.city.id })
    assert.deepEqual(audit.detail.params, { date: '2027-02-06' })

    const row = await db.from('calendar_days').where('date', '2027-02-06').first()
    assert.include(row, { kind: 'workday', name: '春节', year: 2027, updated_by: USERS.city.id })

    // the same date again changes it
    const edit = await client.put('/api/v1/calendar/days/2027-02-06').json({ kind: 'holiday', name: '春节' })
      .withCsrfToken().loginAs(await as('city'))
    edit.assertStatus(200)
    assert.include(edit.body().meta.year, { holidays: 1, workdays: 0 })

    const removed = await client.delete('/api/v1/calendar/days/2027-02-06').withCsrfToken().loginAs(await as('city'))
    removed.assertStatus(200)
    assert.isNull(await db.from('calendar_days').where('date', '2027-02-06').first())
    const again = await client.delete('/api/v1/calendar/days/2027-02-06').withCsrfToken().loginAs(await as('city'))
    again.assertStatus(404)
    assert.match(again.body().errors[0].message, /[\u3400-\u9fff]/)
  })

  test('an edit of a published year changes working-day arithmetic at once', async ({ client, assert }) => {
    assert.equal(await addWorkingDays('2026-09-30', 1), '2026-10-08')
    // 10/8 becomes a day off too
    ;(await client.put('/api/v1/calendar/days/2026-10-08').json({ kind: 'holiday', name: '国庆节' })
      .withCsrfToken().loginAs(await as('city'))).assertStatus(200)
    assert.equal(await addWorkingDays('2026-09-30', 1), '2026-10-09')
    ;(await client.delete('/api/v1/calendar/days/2026-10-10').withCsrfToken().loginAs(await as('city'))).assertStatus(200)
    assert.equal(await addWorkingDays('2026-09-30', 2), '2026-10-12')
  })

  test('publish and unpublish a year', async ({ client, assert }) => {
    const city = await as('city')
    // a year with no holiday cannot be published
    ;(await client.put('/api/v1/calendar/days/2027-02-06').json({ kind: 'workday', name: '春节' }).withCsrfToken().loginAs(city)).assertStatus(200)
    const refused = await client.put('/api/v1/calendar/years/2027').json({ published: true }).withCsrfToken().loginAs(city)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'published')
    assert.include(refused.body().errors[0].message, '2027年尚未录入任何放假日期')

    ;(await client.put('/api/v1/calendar/days/2027-02-08').json({ kind: 'holiday', name: '春节' }).withCsrfToken().loginAs(city)).assertStatus(200)
    await assert.rejects(() => addWorkingDays('2027-02-05', 1), /2027年的节假日安排尚未录入/)
    const published = await client.put('/api/v1/calendar/years/2027').json({ published: true }).withCsrfToken().loginAs(city)
    published.assertStatus(200)
    assert.include(published.body().data, { year: 2027, published: true, holidays: 1, workdays: 1 })
    assert.equal(await addWorkingDays('2027-02-05', 1), '2027-02-06') // Saturday 调休
    assert.equal(await addWorkingDays('2027-02-05', 2), '2027-02-09') // Mon 2/8 off

    const unpublished = await client.put('/api/v1/calendar/years/2026').json({ published: false }).withCsrfToken().loginAs(city)
    unpublished.assertStatus(200)
    assert.isFalse(unpublished.body().data.published)
    await assert.rejects(() => addWorkingDays('2026-09-30', 1), /2026年的节假日安排尚未录入/)

    const missing = await client.put('/api/v1/calendar/years/2099').json({ published: false }).withCsrfToken().loginAs(city)
    missing.assertStatus(422)
  })

  test('exports a year as Excel', async ({ client, assert }) => {
    const response = await client.get('/api/v1/calendar/days/export').qs({ year: 2026 }).loginAs(await as('city'))
    response.assertStatus(200)
    assert.include(response.header('content-disposition'), encodeURIComponent('节假日日历-2026.xlsx'))
    const sheet = await readSheet(response.body())
    assert.equal(sheet.name, '2026年')
    assert.deepEqual(sheet.rows[0], ['日期', '星期', '类型', '名称'])
    assert.lengthOf(sheet.rows, 40)
    assert.deepEqual(sheet.rows.find((r) => r[0] === '2026-10-10'), ['2026-10-10', '星期六', '调休上班', '国庆节'])
    assert.deepEqual(sheet.rows.find((r) => r[0] === '2026-10-01'), ['2026-10-01', '星期四', '放假', '国庆节'])
    const [audit] = await db.from('audit_logs').where('route', 'api.calendar.days.export').orderBy('id', 'desc').limit(1)
    assert.include(audit, { action: 'export', outcome: 'success' })
  })

  test('bad input is a 422 with field messages and changes nothing', async ({ client, assert }) => {
    const city = await as('city')
    const before = await snapshot()
    const cases: [string, string, Record<string, unknown> | null, string, RegExp][] = [
      ['PUT', '/api/v1/calendar/days/2026-11-04', { kind: 'workday', name: '调休' }, 'kind', /周六或周日/],
      ['PUT', '/api/v1/calendar/days/2026-11-07', { kind: 'rest', name: '调休' }, 'kind', /类型必须是/],
      ['PUT', '/api/v1/calendar/days/2026-11-07', { kind: 'workday' }, 'name', /名称不能为空/],
      ['PUT', '/api/v1/calendar/days/2026-11-07', { kind: 'workday', name: '   ' }, 'name', /名称/],
      ['PUT', '/api/v1/calendar/days/2026-11-07', { kind: 'workday', name: '长'.repeat(31) }, 'name', /名称不能超过 30 个字符/],
      ['PUT', '/api/v1/calendar/days/2026-02-30', { kind: 'holiday', name: '假' }, 'date', /日期无效/],
      ['PUT', '/api/v1/calendar/days/1999-01-01', { kind: 'holiday', name: '元旦' }, 'date', /年份必须在 2000 到 2100 之间/],
      ['DELETE', '/api/v1/calendar/days/2026-13-01', null, 'date', /日期无效/],
      ['PUT', '/api/v1/calendar/years/1999', { published: true }, 'year', /年份必须在 2000 到 2100 之间/],
      ['PUT', '/api/v1/calendar/years/2026', { published: 'maybe' }, 'published', /发布状态/],
      ['PUT', '/api/v1/calendar/years/2026', {}, 'published', /发布状态不能为空/],
      ['GET', '/api/v1/calendar/days?year=1999', null, 'year', /年份必须在 2000 到 2100 之间/],
      ['GET', '/api/v1/calendar/days', null, 'year', /年份不能为空/],
      ['GET', '/api/v1/calendar/days/export?year=abc', null, 'year', /年份必须是数字/],
    ]
    for (const [method, path, body, field, message] of cases) {
      let request = method === 'GET' ? client.get(path) : method === 'PUT' ? client.put(path) : client.delete(path)
      if (body) request = request.json(body)
      if (method !== 'GET') request = request.withCsrfToken()
      const response = await request.loginAs(city)
      assert.equal(response.status(), 422, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(response.body())}`)
      const error = response.body().errors[0]
      assert.equal(error.field, field, `${method} ${path}`)
      assert.match(error.message, message, `${method} ${path}`)
    }
    // not a date at all: no route
    ;(await client.put('/api/v1/calendar/days/20261107').json({ kind: 'workday', name: 'x' }).withCsrfToken().loginAs(city)).assertStatus(404)
    assert.deepEqual(await snapshot(), before)
  })

  test('only the city admin may use it (403 for every other role)', async ({ client, assert }) => {
    const before = await snapshot()
    for (const who of ['futian', 'head', 'handler', 'party', 'community'] as WorldUser[]) {
      const user = await as(who)
      const responses = [
        await client.get('/api/v1/calendar/years').loginAs(user),
        await client.get('/api/v1/calendar/days').qs({ year: 2026 }).loginAs(user),
        await client.get('/api/v1/calendar/days/export').qs({ year: 2026 }).loginAs(user),
        await client.put('/api/v1/calendar/days/2026-11-07').json({ kind: 'workday', name: '调休' }).withCsrfToken().loginAs(user),
        await client.delete('/api/v1/calendar/days/2026-10-10').withCsrfToken().loginAs(user),
        await client.put('/api/v1/calendar/years/2026').json({ published: false }).withCsrfToken().loginAs(user),
      ]
      assert.deepEqual(responses.map((r) => r.status()), [403, 403, 403, 403, 403, 403], who)
    }
    ;(await client.get('/api/v1/calendar/years')).assertStatus(401)
    assert.deepEqual(await snapshot(), before)
  })
})
