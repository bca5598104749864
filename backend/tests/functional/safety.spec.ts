import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import { A, I, postgresFigures, seedSafety } from '#tests/support/safety'

/**
 * 平安建设: statistics per 区 → 街道 → 社区 from the warehouse (one fact per community × item) equal to
 * PostgreSQL at every level and for either year, a community's assessments (穿透 / its detail), exports,
 * 考核办理 (validated, 404 outside the region, version 409, through the outbox) and the city
 * administrator's items. The small world is in tests/support/safety.ts.
 */
const METRICS = ['communities', 'items', 'notStarted', 'inProgress', 'completed', 'completionRate', 'averageScore'] as const
const figures = (row: Record<string, any>) => Object.fromEntries(METRICS.map((key) => [key, row[key] === null ? null : Math.round(row[key] * 1e6) / 1e6]))
const safetyDifferences = async () => (await reconcileWarehouse()).differences.filter((difference) => difference.table === 'safety_assessment_facts')
const fileNameOf = (disposition: string) => decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')
const update = (client: any, id: number, json: Record<string, unknown>) => client.patch(`/api/v1/safety/assessments/${id}`).json(json).withCsrfToken()

test.group('平安建设 · statistics and 社区考核内容', (group) => {
  let year = 0
  group.each.setup(async () => {
    await resetWorld()
    year = await seedSafety()
    await syncWarehouse()
  })

  test('drill-down city → district → street → community, this year by default, equals PostgreSQL', async ({ client, assert }) => {
    const stats = async (who: 'city' | 'futian' | 'head' | 'community', qs: Record<string, unknown> = {}) => {
      const response = await client.visit('api.safety_stats.index').qs(qs).loginAs(await actor(who))
      response.assertStatus(200)
      return response.body()
    }
    const city = await stats('city')
    assert.equal(city.meta.year, year)
    assert.equal(city.meta.childLevel, 'district')
    assert.deepEqual(city.data.map((row: any) => [row.id, row.communities, row.items, row.notStarted, row.inProgress, row.completed]), [
      [R.futian, 3, 9, 3, 3, 3],
      [R.luohu, 1, 3, 3, 0, 0],
    ])
    assert.deepEqual(figures(city.meta.totals), { communities: 4, items: 12, notStarted: 6, inProgress: 3, completed: 3, completionRate: 0.25, averageScore: 40.5 })
    assert.deepEqual(figures(city.meta.totals), figures(await postgresFigures(year)))
    // 桂园: nothing scored → no average ("-"), not 0
    assert.isNull(city.data[1].averageScore)
    for (const row of city.data) assert.deepEqual(figures(row), figures(await postgresFigures(year, 'district', row.id)))

    const street = await stats('head')
    assert.equal(street.meta.childLevel, 'community')
    assert.deepEqual(street.data.map((row: any) => [row.id, row.items, row.completed, row.averageScore]), [
      [R.yl1, 3, 2, 61.5],
      [R.yl2, 3, 0, 20],
    ])
    assert.equal(street.meta.totals.averageScore, 40.75)
    for (const row of street.data) assert.deepEqual(figures(row), figures(await postgresFigures(year, 'community', row.id)))

    // a community (the last level) is its own one row: its assessments are the records behind it
    const community = await stats('community')
    assert.equal(community.meta.childLevel, 'community')
    assert.deepEqual(community.meta.breadcrumb.map((crumb: any) => crumb.id), [R.yl1])
    assert.deepEqual(community.data.map((row: any) => [row.id, row.name, row.items, row.completed, row.inProgress]), [[R.yl1, '园岭一社区', 3, 2, 1]])
    assert.closeTo(community.meta.totals.completionRate, 2 / 3, 1e-9)

    // last year
    const last = await stats('city', { year: year - 1 })
    assert.equal(last.meta.year, year - 1)
    assert.deepEqual(figures(last.meta.totals), { communities: 4, items: 4, notStarted: 0, inProgress: 1, completed: 3, completionRate: 0.75, averageScore: 80 })
    assert.deepEqual(figures(last.meta.totals), figures(await postgresFigures(year - 1)))
    // a year without items: zeros, no average
    const empty = await stats('city', { year: year + 1 })
    assert.deepEqual(figures(empty.meta.totals), { communities: 0, items: 0, notStarted: 0, inProgress: 0, completed: 0, completionRate: 0, averageScore: null })

    assert.lengthOf(await safetyDifferences(), 0)
  })

  test('bad input is a 422 naming the field; a region outside the user is a 404', async ({ client, assert }) => {
    const head = await actor('head')
    const bad = await client.visit('api.safety_stats.index').qs({ year: '1999' }).loginAs(head)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'year')
    assert.include(bad.body().errors[0].message, '考核年度')
    const badList = await client.visit('api.safety_assessments.index').qs({ status: 'done', year: 'x' }).loginAs(head)
    badList.assertStatus(422)
    assert.sameMembers(badList.body().errors.map((error: any) => error.field), ['status', 'year'])
    ;(await client.visit('api.safety_stats.index').qs({ region_id: R.nanyuan }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.safety_assessments.index').qs({ region_id: R.gy1 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.safety_assessments.index').qs({ region_id: R.yl2 }).loginAs(await actor('community'))).assertStatus(404)
  })

  test('穿透: a community\'s assessments (its detail) and the records behind each number', async ({ client, assert }) => {
    const head = await actor('head')
    const list = (qs: Record<string, unknown>) => client.visit('api.safety_assessments.index').qs(qs).loginAs(head)
    const detail = await list({ region_id: R.yl1 })
    detail.assertStatus(200)
    assert.equal(detail.body().meta.year, year)
    assert.deepEqual(
      detail.body().data.map((row: any) => [row.id, row.sortOrder, row.itemTitle, row.maxScore, row.status, row.statusName, row.score, row.communityName, row.streetName]),
      [
        [A.yl1.fire, 1, '消防安全隐患排查整治', 40, 'completed', '已完成', 36, '园岭一社区', '园岭街道'],
        [A.yl1.order, 2, '社区治安防控', 30, 'completed', '已完成', 25.5, '园岭一社区', '园岭街道'],
        [A.yl1.disputes, 3, '矛盾纠纷排查化解', 30, 'in_progress', '进行中', null, '园岭一社区', '园岭街道'],
      ]
    )
    const totals = (await client.visit('api.safety_stats.index').loginAs(head)).body().meta.totals
    assert.equal((await list({})).body().meta.total, totals.items)
    for (const [status, metric] of [['not_started', 'notStarted'], ['in_progress', 'inProgress'], ['completed', 'completed']] as const) {
      const rows = (await list({ status })).body()
      assert.equal(rows.meta.total, totals[metric], status)
      assert.isTrue(rows.data.every((row: any) => row.status === status))
    }
    const keyword = (await list({ q: '治安' })).body()
    assert.deepEqual(keyword.data.map((row: any) => row.id), [A.yl1.order, A.yl2.order])
    const lastYear = (await list({ year: year - 1 })).body()
    assert.deepEqual(lastYear.data.map((row: any) => [row.id, row.score]), [[A.yl1.lastYear, 90], [A.yl2.lastYear, 80]])
    // a community's staff see their own community's only
    const own = (await client.visit('api.safety_assessments.index').loginAs(await actor('community'))).body()
    assert.deepEqual(own.data.map((row: any) => row.id), [A.yl1.fire, A.yl1.order, A.yl1.disputes])
  })

  test('exports: the drill table with 合计 and the year, the assessments', async ({ client, assert }) => {
    const futian = await actor('futian')
    const table = await client.visit('api.safety_stats.export').loginAs(futian)
    table.assertStatus(200)
    assert.equal(fileNameOf(table.header('content-disposition')), `平安建设-福田区-${year}年度.xlsx`)
    const { rows } = await readSheet(table.body())
    assert.deepEqual(rows[0], ['街道', '考核社区(个)', '考核事项(项)', '未开始(项)', '进行中(项)', '已完成(项)', '完成率', '平均得分(分)'])
    assert.deepEqual(rows.slice(1), [
      ['园岭街道', 2, 6, 2, 2, 2, '33.3%', 40.75],
      ['南园街道', 1, 3, 1, 1, 1, '33.3%', 40],
      ['合计', 3, 9, 3, 3, 3, '33.3%', 40.5],
    ])
    const records = await client.visit('api.safety_assessments.export').qs({ region_id: R.yl1 }).loginAs(futian)
    records.assertStatus(200)
    assert.equal(fileNameOf(records.header('content-disposition')), `社区考核内容-园岭一社区-${year}年度.xlsx`)
    const sheet = (await readSheet(records.body())).rows
    assert.deepEqual(sheet[0].slice(0, 9), ['所属区', '考核内容', '社区', '所属街道', '年度', '序号', '分值', '状态', '得分'])
    assert.lengthOf(sheet, 4)
    assert.deepEqual(sheet[1].slice(0, 9), ['福田区', '消防安全隐患排查整治', '园岭一社区', '园岭街道', year, 1, 40, '已完成', 36])
    // the community handler holds no export
    ;(await client.visit('api.safety_assessments.export').loginAs(await actor('community'))).assertStatus(403)
  })
})

test.group('平安建设 · 考核办理 and 考核内容配置', (group) => {
  let year = 0
  group.each.setup(async () => {
    await resetWorld()
    year = await seedSafety()
    await syncWarehouse()
  })

  test('the community updates its assessment: saved with who and version, through the outbox into the statistics', async ({ client, assert }) => {
    const community = await actor('community')
    const response = await update(client, A.yl1.disputes, { status: 'completed', score: 27.5, remark: '已完成排查', version: 1 }).loginAs(community)
    response.assertStatus(200)
    assert.deepEqual([response.body().data.status, response.body().data.score, response.body().data.version, response.body().data.updatedByName], ['completed', 27.5, 2, USERS.community.name])
    const row = await db.from('safety_assessments').where('id', A.yl1.disputes).first()
    assert.deepEqual([row.status, Number(row.score), row.remark, row.updated_by, row.version], ['completed', 27.5, '已完成排查', USERS.community.id, 2])
    await drain()
    const stats = (await client.visit('api.safety_stats.index').loginAs(await actor('head'))).body()
    assert.deepEqual(stats.data.map((r: any) => [r.id, r.completed, r.averageScore]), [[R.yl1, 3, 89], [R.yl2, 0, 20]])
    assert.deepEqual(figures(stats.meta.totals), figures(await postgresFigures(year, 'street', R.yuanling)))
    assert.lengthOf(await safetyDifferences(), 0)

    // the same version again: someone changed it since → 409, nothing changed
    const stale = await update(client, A.yl1.disputes, { status: 'in_progress', version: 1 }).loginAs(community)
    stale.assertStatus(409)
    assert.equal((await db.from('safety_assessments').where('id', A.yl1.disputes).first()).status, 'completed')
    // the street may handle its communities' assessments
    ;(await update(client, A.yl2.order, { status: 'in_progress', score: null, version: 1 }).loginAs(await actor('handler'))).assertStatus(200)
  })

  test('考核办理 refuses bad input (422, nothing changed) and assessments outside the region (404)', async ({ client, assert }) => {
    const community = await actor('community')
    const refused = async (json: Record<string, unknown>, field: string, text: string) => {
      const response = await update(client, A.yl1.disputes, json).loginAs(community)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(json))
      assert.include(response.body().errors[0].message, text)
    }
    await refused({ status: 'completed', score: 30.5, version: 1 }, 'score', '分值 30')
    await refused({ status: 'completed', version: 1 }, 'score', '须填写得分')
    await refused({ status: 'not_started', score: 5, version: 1 }, 'score', '不能有得分')
    await refused({ status: 'completed', score: 10.25, version: 1 }, 'score', '一位小数')
    await refused({ status: 'done', version: 1 }, 'status', '考核状态')
    await refused({ status: 'completed', score: '20', version: 1 }, 'score', '得分')
    await refused({ status: 'completed', score: 20 }, 'version', '版本号')
    const row = await db.from('safety_assessments').where('id', A.yl1.disputes).first()
    assert.deepEqual([row.status, row.score, row.version], ['in_progress', null, 1])
    // another community's, another street's, one that does not exist
    ;(await update(client, A.yl2.fire, { status: 'completed', score: 30, version: 1 }).loginAs(community)).assertStatus(404)
    ;(await update(client, A.ny1.order, { status: 'completed', score: 30, version: 1 }).loginAs(await actor('handler'))).assertStatus(404)
    ;(await update(client, 99999, { status: 'completed', score: 30, version: 1 }).loginAs(community)).assertStatus(404)
    assert.equal((await db.from('safety_assessments').where('id', A.ny1.order).first()).version, 1)
    // the city configures, it does not handle
    ;(await update(client, A.yl1.fire, { status: 'completed', score: 30, version: 1 }).loginAs(await actor('city'))).assertStatus(403)
  })

  test('the city administrator configures a year\'s items: every community gets an assessment; fixed once the year has scores', async ({ client, assert }) => {
    const city = await actor('city')
    const next = year + 1
    const created = await client.post('/api/v1/safety/items').json({ year: next, title: '平安宣传', description: '宣传活动', max_score: 60, sort_order: 1 }).loginAs(city).withCsrfToken()
    created.assertStatus(201)
    assert.deepEqual([created.body().data.year, created.body().data.title, created.body().data.maxScore, created.body().data.communities, created.body().data.scored], [next, '平安宣传', 60, 4, 0])
    const id = created.body().data.id
    const assessments = await db.from('safety_assessments').where('item_id', id).orderBy('community_id')
    assert.deepEqual(assessments.map((row) => [row.community_id, row.status, row.score]), [
      [R.yl1, 'not_started', null], [R.yl2, 'not_started', null], [R.ny1, 'not_started', null], [R.gy1, 'not_started', null],
    ])
    await drain()
    const stats = (await client.visit('api.safety_stats.index').qs({ year: next }).loginAs(city)).body()
    assert.deepEqual(figures(stats.meta.totals), { communities: 4, items: 4, notStarted: 4, inProgress: 0, completed: 0, completionRate: 0, averageScore: null })

    const edited = await client.patch(`/api/v1/safety/items/${id}`).json({ title: '平安宣传进社区', max_score: 50 }).loginAs(city).withCsrfToken()
    edited.assertStatus(200)
    assert.deepEqual([edited.body().data.title, edited.body().data.maxScore, edited.body().data.sortOrder], ['平安宣传进社区', 50, 1])
    const duplicate = await client.post('/api/v1/safety/items').json({ year: next, title: '平安宣传进社区', max_score: 10 }).loginAs(city).withCsrfToken()
    duplicate.assertStatus(422)
    assert.equal(duplicate.body().errors[0].field, 'title')

    // this year has scores: its items are fixed
    const locked = await client.post('/api/v1/safety/items').json({ year, title: '新增考核', max_score: 10 }).loginAs(city).withCsrfToken()
    locked.assertStatus(422)
    assert.equal(locked.body().errors[0].field, 'year')
    ;(await client.patch(`/api/v1/safety/items/${I.fire}`).json({ title: '改名', max_score: 40 }).loginAs(city).withCsrfToken()).assertStatus(422)
    assert.equal((await db.from('safety_items').where('id', I.fire).first()).title, '消防安全隐患排查整治')
    ;(await client.patch('/api/v1/safety/items/99999').json({ title: '改名', max_score: 40 }).loginAs(city).withCsrfToken()).assertStatus(404)
    const bad = await client.post('/api/v1/safety/items').json({ year: next, title: '', max_score: 101 }).loginAs(city).withCsrfToken()
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['title', 'max_score'])

    const listed = await client.visit('api.safety_items.index').qs({ year }).loginAs(await actor('head'))
    listed.assertStatus(200)
    assert.deepEqual(listed.body().data.map((row: any) => [row.id, row.communities, row.scored]), [[I.fire, 4, 3], [I.order, 4, 1], [I.disputes, 4, 0]])
    assert.deepEqual([listed.body().meta.locked, listed.body().meta.years], [true, [next, year, year - 1]])
    // only the city configures
    ;(await client.post('/api/v1/safety/items').json({ year: next, title: '街道新增', max_score: 10 }).loginAs(await actor('head')).withCsrfToken()).assertStatus(403)
  })
})
