import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { publishEvaluations } from '#services/outbox'
import { R, E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { drain, reconcileWarehouse } from '#tests/support/warehouse'
import { readSheet } from '#tests/support/excel'

/**
 * 街道社区评价 statistics, PostgreSQL → outbox → ETL → ClickHouse → API. Seeded halves:
 *
 *   2026年上半年 (6/1–6/30): e1 已审核 86 · e2 待审核 (submitted 70) | e3 待评价 · e6 已审核 55
 *                            e4 (南园) 自动计分 100 by the job · e5 (桂园) 已审核 92
 *   2025年下半年 (12/1–12/30): e1 已审核 60
 *
 * "Today" is moved with the server clock: inside the window the open halves are 待评价 / 待审核;
 * from 7/1 they count as 自动计分 100, although the close job has not run (their state is unchanged).
 */
const TEMPLATE_ID = 1
const ids: Record<string, number> = {}

async function ensureTemplate() {
  // resetWorld inserts template 1; insert a stand-in when it does not (yet)
  await db.rawQuery(
    `INSERT INTO evaluation_templates (id, name, status, items, version, created_at, updated_at)
     VALUES (?, '测试评分模板', 'retired', '[]'::jsonb, 1, now(), now()) ON CONFLICT DO NOTHING`,
    [TEMPLATE_ID]
  )
}

async function seed() {
  await ensureTemplate()
  const now = new Date()
  await db.table('evaluation_periods').multiInsert([
    { year: 2026, half: 1, opens_on: '2026-06-01', closes_on: '2026-06-30', template_id: TEMPLATE_ID, opened_at: now, closed_at: null },
    { year: 2025, half: 2, opens_on: '2025-12-01', closes_on: '2025-12-30', template_id: TEMPLATE_ID, opened_at: now, closed_at: now },
  ])
  const evaluation = (estateId: number, year: number, half: number, state: string, submitted: number | null, final: number | null) => ({
    estate_id: estateId, year, half, template_id: TEMPLATE_ID, state,
    submitted_score: submitted, submitted_at: submitted === null ? null : now, final_score: final,
    reviewed_at: state === 'reviewed' ? now : null, version: 1, created_at: now, updated_at: now,
  })
  const rows = await db.table('evaluations').multiInsert([
    evaluation(E.e1, 2026, 1, 'reviewed', 85, 86),
    evaluation(E.e2, 2026, 1, 'submitted', 70, null),
    evaluation(E.e3, 2026, 1, 'pending', null, null),
    evaluation(E.e6, 2026, 1, 'reviewed', 60, 55),
    evaluation(E.e4, 2026, 1, 'auto_scored', null, 100),
    evaluation(E.e5, 2026, 1, 'reviewed', 92, 92),
    evaluation(E.e1, 2025, 2, 'reviewed', 60, 60),
  ]).returning('id')
  const list = rows.map((row: any) => Number(row.id ?? row))
  Object.assign(ids, { e1: list[0], e2: list[1], e3: list[2], e6: list[3], e4: list[4], e5: list[5], e1old: list[6] })
  await db.transaction((trx) => publishEvaluations(trx, list))
  const drained = await drain()
  if (drained.events !== list.length) throw new Error(`expected ${list.length} outbox events, drained ${drained.events}`)
}

const METRIC_KEYS = ['estates', 'evaluated', 'pending', 'submitted', 'reviewed', 'autoScored', 'averageScore', 'below60', 'from60to69', 'from70to79', 'from80to89', 'from90to100']
const metrics = (row: any) => Object.fromEntries(METRIC_KEYS.map((key) => [key, row[key]]))
const m = (estates: number, evaluated: number, pending: number, submitted: number, reviewed: number, autoScored: number, averageScore: number | null, buckets: [number, number, number, number, number]) => ({
  estates, evaluated, pending, submitted, reviewed, autoScored, averageScore,
  below60: buckets[0], from60to69: buckets[1], from70to79: buckets[2], from80to89: buckets[3], from90to100: buckets[4],
})

test.group('街道社区评价 · statistics from the warehouse', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seed()
  })
  group.each.teardown(() => clock.reset())

  test('inside the window: drill-down per community, totals, average and distribution', async ({ client, assert }) => {
    clock.travelTo('2026-06-15T10:00:00')
    const response = await client.visit('api.evaluation_stats.index').loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.map((r: any) => [r.id, r.name, r.level]), [[R.yl1, '园岭一社区', 'community'], [R.yl2, '园岭二社区', 'community']])
    assert.deepEqual(metrics(data[0]), m(2, 2, 0, 1, 1, 0, 86, [0, 0, 0, 1, 0]))
    assert.deepEqual(metrics(data[1]), m(2, 1, 1, 0, 1, 0, 55, [1, 0, 0, 0, 0]))
    assert.deepEqual(meta.totals, m(4, 3, 1, 1, 2, 0, 70.5, [1, 0, 0, 1, 0]))
    assert.deepEqual(meta.region, { id: R.yuanling, level: 'street', name: '园岭街道' })
    assert.equal(meta.childLevel, 'community')
    assert.deepEqual(meta.breadcrumb, [{ id: R.yuanling, level: 'street', name: '园岭街道' }])
    assert.isString(meta.freshAt)
    // the default period is the latest that has started: the one open today
    assert.deepEqual(meta.period, {
      year: 2026, half: 1, label: '2026年上半年', opensOn: '2026-06-01', closesOn: '2026-06-30', isOpen: true, isClosed: false, finalised: false,
    })
  })

  test('as of: the last day of the window is still open; the day after, unreviewed halves count 100 before the close job runs', async ({ client, assert }) => {
    const handler = await actor('handler')
    const at = async (moment: string) => {
      clock.travelTo(moment)
      const response = await client.visit('api.evaluation_stats.index').loginAs(handler)
      response.assertStatus(200)
      return response.body()
    }
    const lastDay = await at('2026-06-30T23:59:00')
    assert.deepEqual(lastDay.meta.totals, m(4, 3, 1, 1, 2, 0, 70.5, [1, 0, 0, 1, 0]))
    assert.include(lastDay.meta.period, { isOpen: true, isClosed: false })

    const dayAfter = await at('2026-07-01T00:01:00')
    assert.deepEqual(metrics(dayAfter.data[0]), m(2, 2, 0, 0, 1, 1, 93, [0, 0, 0, 1, 1]))
    assert.deepEqual(metrics(dayAfter.data[1]), m(2, 1, 0, 0, 1, 1, 77.5, [1, 0, 0, 0, 1]))
    assert.deepEqual(dayAfter.meta.totals, m(4, 3, 0, 0, 2, 2, 85.25, [1, 0, 0, 1, 2]))
    assert.include(dayAfter.meta.period, { year: 2026, half: 1, isOpen: false, isClosed: true, finalised: false })
    // the stored states are unchanged: it is the as-of rule, not a job
    assert.equal((await db.from('evaluations').where('id', ids.e2).first()).state, 'submitted')

    // once the close job has marked the period, meta says so
    await db.from('evaluation_periods').where({ year: 2026, half: 1 }).update({ closed_at: new Date() })
    assert.isTrue((await at('2026-07-02')).meta.period.finalised)
  })

  test('drills into a community (estates) and up from a district and the city', async ({ client, assert }) => {
    clock.travelTo('2026-06-15')
    const community = await client.visit('api.evaluation_stats.index').qs({ region_id: R.yl1 }).loginAs(await actor('handler'))
    community.assertStatus(200)
    assert.deepEqual(community.body().data.map((r: any) => [r.id, r.name, r.level, r.submitted, r.reviewed, r.averageScore]), [
      [E.e1, '翠园小区', 'estate', 0, 1, 86],
      [E.e2, '锦华苑', 'estate', 1, 0, null],
    ])
    assert.deepEqual(community.body().meta.breadcrumb.map((c: any) => c.name), ['园岭街道', '园岭一社区'])

    const district = await client.visit('api.evaluation_stats.index').loginAs(await actor('futian'))
    assert.equal(district.body().meta.childLevel, 'street')
    assert.deepEqual(district.body().data.map((r: any) => [r.name, r.estates, r.autoScored, r.averageScore]), [['园岭街道', 4, 0, 70.5], ['南园街道', 1, 1, 100]])
    // averages travel unrounded (rounded once, where shown): 241/3, not 80.33
    assert.deepEqual(district.body().meta.totals, m(5, 3, 1, 1, 2, 1, 241 / 3, [1, 0, 0, 1, 1]))

    const city = await client.visit('api.evaluation_stats.index').loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((r: any) => [r.name, r.estates, r.reviewed, r.averageScore]), [['福田区', 5, 2, 241 / 3], ['罗湖区', 1, 1, 92]])
    assert.equal(city.body().meta.totals.estates, 6)

    const own = await client.visit('api.evaluation_stats.index').loginAs(await actor('community'))
    own.assertStatus(200)
    assert.deepEqual(own.body().data.map((r: any) => r.id), [E.e1, E.e2])
  })

  test('an explicit half-year; regions without evaluations show zeros and a null average', async ({ client, assert }) => {
    clock.travelTo('2026-06-15')
    const response = await client.visit('api.evaluation_stats.index').qs({ year: 2025, half: 2 }).loginAs(await actor('handler'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(metrics(data[0]), m(1, 1, 0, 0, 1, 0, 60, [0, 1, 0, 0, 0]))
    assert.deepEqual(metrics(data[1]), m(0, 0, 0, 0, 0, 0, null, [0, 0, 0, 0, 0]))
    assert.deepEqual(meta.totals, m(1, 1, 0, 0, 1, 0, 60, [0, 1, 0, 0, 0]))
    assert.deepEqual(meta.period, {
      year: 2025, half: 2, label: '2025年下半年', opensOn: '2025-12-01', closesOn: '2025-12-30', isOpen: false, isClosed: true, finalised: true,
    })
    // a half nobody has been evaluated in yet
    const empty = await client.visit('api.evaluation_stats.index').qs({ year: 2027, half: 1 }).loginAs(await actor('handler'))
    assert.deepEqual(empty.body().meta.totals, m(0, 0, 0, 0, 0, 0, null, [0, 0, 0, 0, 0]))
    assert.include(empty.body().meta.period, { label: '2027年上半年', isOpen: false, isClosed: false, finalised: false })
  })

  test('defaults: the latest half-year that has started; a missing year or half comes from it', async ({ client, assert }) => {
    const handler = await actor('handler')
    const periodAt = async (moment: string, qs: Record<string, number> = {}) => {
      clock.travelTo(moment)
      const response = await client.visit('api.evaluation_stats.index').qs(qs).loginAs(handler)
      response.assertStatus(200)
      return response.body().meta.period
    }
    assert.include(await periodAt('2026-05-31'), { year: 2025, half: 2, label: '2025年下半年' })
    assert.include(await periodAt('2026-06-01'), { year: 2026, half: 1 })
    assert.include(await periodAt('2026-11-30'), { year: 2026, half: 1, isClosed: true })
    assert.include(await periodAt('2026-12-01'), { year: 2026, half: 2, isOpen: true })
    assert.include(await periodAt('2026-11-30', { year: 2025 }), { year: 2025, half: 1 })
    assert.include(await periodAt('2026-11-30', { half: 2 }), { year: 2026, half: 2 })
  })

  test('a review moves the numbers once drained; reconciliation agrees', async ({ client, assert }) => {
    clock.travelTo('2026-06-20')
    await db.transaction(async (trx) => {
      await trx.from('evaluations').where('id', ids.e2).update({ state: 'reviewed', final_score: 68, reviewed_at: new Date() })
      await publishEvaluations(trx, [ids.e2])
    })
    const totals = async () => (await client.visit('api.evaluation_stats.index').loginAs(await actor('handler'))).body().meta.totals
    assert.include(await totals(), { submitted: 1, reviewed: 2 }) // not drained yet
    assert.equal((await drain()).events, 1)
    assert.deepEqual(await totals(), m(4, 3, 1, 0, 3, 0, 209 / 3, [1, 1, 0, 1, 0]))
    const check = await reconcileWarehouse()
    assert.deepEqual(check.differences, [])
  })

  test('a region outside the user scope answers 404 like a missing one', async ({ client }) => {
    const handler = await actor('handler')
    for (const regionId of [R.nanyuan, R.ny1, R.futian, R.city, R.gy1, 99999]) {
      const response = await client.visit('api.evaluation_stats.index').qs({ region_id: regionId }).loginAs(handler)
      response.assertStatus(404)
      response.assertBody({ errors: [{ message: '记录不存在' }] })
      const exported = await client.visit('api.evaluation_stats.export').qs({ region_id: regionId }).loginAs(handler)
      exported.assertStatus(404)
    }
    const community = await client.visit('api.evaluation_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('community'))
    community.assertStatus(404)
  })

  test('bad input gets a 422 naming the field in Chinese', async ({ client, assert }) => {
    const handler = await actor('handler')
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ year: '2019' }, 'year', '年度'],
      [{ year: '2101' }, 'year', '年度'],
      [{ year: '2026.5' }, 'year', '年度'],
      [{ year: "2026' OR 1=1 --" }, 'year', '年度'],
      [{ half: '0' }, 'half', '半年度'],
      [{ half: '3' }, 'half', '半年度'],
      [{ half: '1) OR (1=1' }, 'half', '半年度'],
      [{ region_id: 'abc' }, 'region_id', '区域'],
    ]
    for (const [qs, field, name] of cases) {
      for (const route of ['api.evaluation_stats.index', 'api.evaluation_stats.export']) {
        const response = await client.visit(route).qs(qs).loginAs(handler)
        response.assertStatus(422)
        const [error] = response.body().errors
        assert.equal(error.field, field, JSON.stringify(qs))
        assert.include(error.message, name, JSON.stringify(qs))
      }
    }
  })

  test('exports the same numbers to Excel, with the declared columns and the 合计 row', async ({ client, assert }) => {
    clock.travelTo('2026-07-01')
    const response = await client.visit('api.evaluation_stats.export').qs({ region_id: R.yuanling }).loginAs(await actor('handler'))
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.include(response.header('content-disposition'), encodeURIComponent('街道社区评价-园岭街道-2026年上半年.xlsx'))
    const sheet = await readSheet(response.body())
    assert.equal(sheet.name, '街道社区评价')
    assert.deepEqual(sheet.rows, [
      ['社区', '参评项目数(个)', '社区已评分(个)', '待评价(个)', '待审核(个)', '已审核(个)', '自动计分(个)', '平均分(分)', '60分以下(个)', '60–69分(个)', '70–79分(个)', '80–89分(个)', '90–100分(个)'],
      ['园岭一社区', 2, 2, 0, 0, 1, 1, 93, 0, 0, 0, 1, 1],
      ['园岭二社区', 2, 1, 0, 0, 1, 1, 77.5, 1, 0, 0, 0, 1],
      ['合计', 4, 3, 0, 0, 2, 2, 85.25, 1, 0, 0, 1, 2],
    ])
    const older = await client.visit('api.evaluation_stats.export').qs({ year: 2025, half: 2 }).loginAs(await actor('handler'))
    const rows = (await readSheet(older.body())).rows
    assert.deepEqual(rows[2], ['园岭二社区', 0, 0, 0, 0, 0, 0, '—', 0, 0, 0, 0, 0])
  })

  test('roles without the export feature are refused', async ({ client }) => {
    for (const who of ['party', 'community'] as const) {
      const response = await client.visit('api.evaluation_stats.export').loginAs(await actor(who))
      response.assertStatus(403)
    }
  })
})
