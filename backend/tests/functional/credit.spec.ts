import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { credit } from '@szpm/core'
import clock from '#services/clock'
import { R, E } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { reconcileWarehouse } from '#tests/support/warehouse'
import { CR, S, onCreditDay, resetCreditWorld } from '#tests/support/credit'

const METRICS = Object.keys(credit.statistics!.metrics)
const pick = (row: Record<string, unknown>, keys: readonly string[] = METRICS) => Object.fromEntries(['name', ...keys].map((key) => [key, row[key]]))
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])
const FIGURES = ['subjects', 'badSubjects', 'records', 'countingRecords', 'expiredRecords', 'goodRecords', 'badRecords']

test.group('信用信息 · statistics from the warehouse', (group) => {
  group.setup(resetCreditWorld)
  group.each.setup(onCreditDay)

  test('a street head sees its communities; a company on two communities is one subject in the 合计', async ({ client, assert }) => {
    const response = await client.visit('api.credit_stats.index').loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.map((row: any) => pick(row, FIGURES)), [
      { name: '园岭一社区', subjects: 2, badSubjects: 1, records: 3, countingRecords: 2, expiredRecords: 1, goodRecords: 1, badRecords: 1 },
      { name: '园岭二社区', subjects: 2, badSubjects: 1, records: 2, countingRecords: 1, expiredRecords: 1, goodRecords: 0, badRecords: 1 },
    ])
    assert.deepEqual(pick({ name: '合计', ...meta.totals }, FIGURES), { name: '合计', subjects: 3, badSubjects: 2, records: 5, countingRecords: 3, expiredRecords: 2, goodRecords: 1, badRecords: 2 })
    assert.deepInclude(meta.totals, { commendationRecords: 1, penaltyRecords: 1, courtJudgmentRecords: 1, rectificationRecords: 0, topTenRecords: 0, happyEstateRecords: 0 })
  })

  test('the district drills to its streets, the community to its estates; the city sees both districts', async ({ client, assert }) => {
    const district = await client.visit('api.credit_stats.index').loginAs(await actor('futian'))
    assert.deepEqual(district.body().data.map((r: any) => [r.name, r.subjects, r.countingRecords, r.happyEstateRecords]), [
      ['园岭街道', 3, 3, 0],
      ['南园街道', 1, 1, 1],
    ])
    const city = await client.visit('api.credit_stats.index').loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((r: any) => [r.name, r.subjects, r.badSubjects, r.records]), [
      ['福田区', 3, 2, 6],
      ['罗湖区', 1, 1, 1],
    ])
    const community = await client.visit('api.credit_stats.index').qs({ region_id: R.yl1 }).loginAs(await actor('head'))
    assert.deepEqual(community.body().data.map((r: any) => [r.id, r.level, r.records, r.badRecords]), [
      [E.e1, 'estate', 3, 1],
      [E.e2, 'estate', 0, 0],
    ])
  })

  test('a record counts on its last day and shows 已过期 the day after', async ({ client, assert }) => {
    const head = await actor('head')
    // 幸福小区 at 南园 counts until 2026-12-07 (today); 责令整改 at 园岭一 until 2026-12-06
    const today = await client.visit('api.credit_stats.index').qs({ region_id: R.nanyuan }).loginAs(await actor('futian'))
    assert.equal(today.body().meta.totals.happyEstateRecords, 1)
    clock.travelTo('2026-12-08T00:00:00+08:00')
    const tomorrow = await client.visit('api.credit_stats.index').qs({ region_id: R.nanyuan }).loginAs(await actor('futian'))
    assert.deepInclude(tomorrow.body().meta.totals, { happyEstateRecords: 0, expiredRecords: 1 })
    clock.travelTo('2026-12-06T23:59:59+08:00')
    const before = await client.visit('api.credit_stats.index').loginAs(head)
    assert.deepInclude(before.body().meta.totals, { rectificationRecords: 1, badSubjects: 2, expiredRecords: 1 })
    const list = await client.visit('api.credit_records.index').qs({ category: 'rectification' }).loginAs(head)
    assert.deepEqual(list.body().data.map((r: any) => [r.validUntil, r.validity, r.validityName]), [['2026-12-06', 'counting', '有效']])
  })

  test('every cell opens the records behind it, in the same number', async ({ client, assert }) => {
    for (const who of ['head', 'city'] as const) {
      const user = await actor(who)
      const stats = (await client.visit('api.credit_stats.index').loginAs(user)).body()
      for (const [key, metric] of Object.entries(credit.statistics!.metrics)) {
        if (!metric.records) continue
        const list = await client.visit('api.credit_records.index').qs({ ...metric.records }).loginAs(user)
        list.assertStatus(200)
        assert.equal(list.body().meta.total, stats.meta.totals[key], `${who}: ${metric.label} (${key})`)
      }
    }
  })

  test('the records: subject, masked ID number, category, severity, validity; search by name, code and masked ID', async ({ client, assert }) => {
    const head = await actor('head')
    const e1 = (await client.visit('api.credit_records.index').qs({ estate_id: E.e1 }).loginAs(head)).body()
    assert.equal(e1.meta.total, 3)
    assert.deepEqual(e1.data[0], {
      id: CR.commendation, districtName: '福田区', streetName: '园岭街道', communityName: '园岭一社区', estateId: E.e1, estateName: e1.data[0].estateName,
      subjectId: S.company, subjectName: '测试物业公司', subjectKind: 'company', subjectKindName: '物业企业', subjectCode: '91440300MA5DTEST0X',
      polarity: 'good', polarityName: '良好信息', category: 'commendation', categoryName: '表彰信息', severity: null, severityName: '',
      decidedOn: '2025-12-08', validUntil: '2027-12-07', validity: 'counting', validityName: '有效', source: '深圳市住房和建设局', documentNo: '深建信〔2025〕1号',
    })
    const leader = e1.data.find((r: any) => r.subjectId === S.leader)
    assert.deepInclude(leader, { subjectName: '张三', subjectKindName: '项目负责人', subjectCode: '440304********1234', severity: 'grave', severityName: '严重', categoryName: '法院判决' })
    const search = async (q: string) => (await client.visit('api.credit_records.index').qs({ q }).loginAs(head)).body().data.map((r: any) => r.id)
    assert.deepEqual(await search('张三'), [CR.courtJudgment])
    assert.deepEqual(await search('440304********1234'), [CR.courtJudgment])
    assert.deepEqual(await search('440304199001011234'), [CR.courtJudgment])
    // a part of an ID number finds nothing (it would reveal the number)
    assert.deepEqual(await search('19900101'), [])
    assert.sameMembers(await search('MA5DTEST'), [CR.commendation, CR.rectification, CR.penalty])
    const people = await client.visit('api.credit_records.index').qs({ subject_kind: 'owner', validity: 'expired' }).loginAs(head)
    assert.deepEqual(people.body().data.map((r: any) => [r.subjectName, r.categoryName, r.validityName]), [['李四', '连续六个月排名前十', '已过期']])
  })

  test('a region out of reach is a 404; bad input a 422 with the field in Chinese; features guard the routes', async ({ client, assert }) => {
    const head = await actor('head')
    ;(await client.visit('api.credit_stats.index').qs({ region_id: R.gy1 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.credit_records.index').qs({ region_id: R.guiyuan }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.credit_records.export').qs({ region_id: R.luohu }).loginAs(head)).assertStatus(404)
    const cases: [Record<string, string>, string][] = [
      [{ polarity: 'neutral' }, 'polarity'],
      [{ category: 'award' }, 'category'],
      [{ subject_kind: 'tenant' }, 'subject_kind'],
      [{ validity: 'maybe' }, 'validity'],
      [{ region_id: '1 OR 1=1' }, 'region_id'],
      [{ q: 'x'.repeat(51) }, 'q'],
    ]
    for (const [qs, field] of cases) {
      const response = await client.visit('api.credit_records.index').qs(qs).loginAs(head)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field)
      assert.match(response.body().errors[0].message, /[\u4e00-\u9fa5]/)
    }
    // a party secretary holds no credit feature by default (a street handler reads credit, never enters it)
    ;(await client.visit('api.credit_stats.index').loginAs(await actor('party'))).assertStatus(403)
    ;(await client.visit('api.credit_records.index').loginAs(await actor('party'))).assertStatus(403)
    ;(await client.visit('api.credit_records.index').loginAs(await actor('handler'))).assertStatus(200)
  })

  test('exports: the table with its 合计, and the records with the ID numbers masked', async ({ client, assert }) => {
    const head = await actor('head')
    const stats = await client.visit('api.credit_stats.export').loginAs(head)
    stats.assertStatus(200)
    const sheet = await readSheet(stats.body())
    assert.deepEqual(sheet.rows[0].slice(0, 8), ['社区', '有记录的信用主体(个)', '有有效不良信息的主体(个)', '信用记录总数(条)', '有效记录(条)', '已过期记录(条)', '有效良好信息(条)', '有效不良信息(条)'])
    assert.deepEqual(sheet.rows[3].slice(0, 8), ['合计', 3, 2, 5, 3, 2, 1, 2])
    const records = await readSheet((await client.visit('api.credit_records.export').qs({ subject_kind: 'project_leader' }).loginAs(head)).body())
    assert.equal(records.rows[0][0], '所属区')
    assert.lengthOf(records.rows, 2)
    assert.include(records.rows[1], '440304********1234')
    assert.notInclude(records.rows[1], '440304199001011234')
  })

  test('按月趋势: the records decided per month on the estates of the region, 良好 / 不良, every month listed, exported', async ({ client, assert }) => {
    const head = await actor('head')
    const year2025 = await client.visit('api.credit_trend.index').qs({ from: '2025-01', to: '2025-12' }).loginAs(head)
    year2025.assertStatus(200)
    const { data, meta } = year2025.body()
    assert.deepInclude(meta, { from: '2025-01', to: '2025-12' })
    assert.equal(meta.region.name, '园岭街道')
    assert.lengthOf(data, 12)
    assert.deepEqual(data.filter((row: any) => row.records > 0), [
      { month: '2025-01', records: 1, goodRecords: 0, badRecords: 1 },
      { month: '2025-12', records: 2, goodRecords: 1, badRecords: 1 },
    ])
    assert.deepEqual(data[5], { month: '2025-06', records: 0, goodRecords: 0, badRecords: 0 })
    // whatever the validity today: the expired 2023 record counts in its month
    const old = (await client.visit('api.credit_trend.index').qs({ from: '2023-05', to: '2023-05' }).loginAs(head)).body()
    assert.deepEqual(old.data, [{ month: '2023-05', records: 1, goodRecords: 1, badRecords: 0 }])
    // default: the twelve months up to this one (2026-12-07); the city sees 罗湖's June record, the street none
    const city = (await client.visit('api.credit_trend.index').loginAs(await actor('city'))).body()
    assert.deepInclude(city.meta, { from: '2026-01', to: '2026-12' })
    assert.deepEqual(city.data.filter((row: any) => row.records > 0), [{ month: '2026-06', records: 1, goodRecords: 0, badRecords: 1 }])
    const community = (await client.visit('api.credit_trend.index').qs({ region_id: R.yl1, from: '2025-12', to: '2025-12' }).loginAs(head)).body()
    assert.deepEqual(community.data, [{ month: '2025-12', records: 2, goodRecords: 1, badRecords: 1 }])
    // the sum over the months equals the records list decided in them
    const sheet = await client.visit('api.credit_trend.export').qs({ from: '2025-01', to: '2025-12' }).loginAs(head)
    sheet.assertStatus(200)
    const { rows } = await readSheet(sheet.body())
    assert.deepEqual(rows[0], ['月份', '信用记录(条)', '良好信息(条)', '不良信息(条)'])
    assert.deepEqual(rows.find((row) => row[0] === '2025-12'), ['2025-12', 2, 1, 1])
    assert.lengthOf(rows, 13)
    // bad months 422 naming the field in Chinese; reversed or too long a range 422; another district 404
    const bad = await client.visit('api.credit_trend.index').qs({ from: '2025-13' }).loginAs(head)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'from')
    assert.include(bad.body().errors[0].message, '开始月份')
    const reversed = await client.visit('api.credit_trend.index').qs({ from: '2025-06', to: '2025-01' }).loginAs(head)
    reversed.assertStatus(422)
    assert.equal(reversed.body().errors[0].message, '结束月份不能早于开始月份')
    ;(await client.visit('api.credit_trend.index').qs({ from: '2020-01', to: '2025-01' }).loginAs(head)).assertStatus(422)
    ;(await client.visit('api.credit_trend.index').qs({ region_id: R.luohu }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.credit_trend.export').qs({ region_id: R.luohu }).loginAs(head)).assertStatus(404)
  })

  test('the cube reads the per-estate rollup, equal at every level and on every day to the raw facts grouped per request', async ({ assert }) => {
    const { buildSql, raw, levels, CREDIT_PER_ESTATE, CREDIT_PER_ESTATE_FROM_FACTS } = await import('@szpm/warehouse')
    const warehouse = await app.container.make('warehouse')
    const rollupRows = await warehouse.query<{ estate_id: number; credit_records: string }>(raw('SELECT estate_id, credit_records FROM credit_estate_totals FINAL ORDER BY estate_id'))
    assert.deepEqual(rollupRows.map((row) => [Number(row.estate_id), Number(row.credit_records)]), [[E.e1, 3], [E.e3, 2], [E.e4, 1], [E.e5, 1]])
    // the edges of validity: the day before a record ends, its last day, the day after
    for (const asOf of ['2026-12-06', '2026-12-07', '2026-12-08', '2020-01-01']) {
      for (const level of [...levels, null]) {
        const { sql } = buildSql({ cube: 'credit', metrics: METRICS, ...(level ? { dimensions: [level] } : {}), params: { asOf } }, 'literal')
        assert.include(sql, CREDIT_PER_ESTATE)
        const fromFacts = sql.replace(CREDIT_PER_ESTATE, CREDIT_PER_ESTATE_FROM_FACTS)
        const [cube, facts] = await Promise.all([warehouse.query(raw(sql)), warehouse.query(raw(fromFacts))])
        assert.isAbove(cube.length, 0)
        assert.deepEqual(cube, facts, `${level ?? 'totals'} as of ${asOf}`)
      }
    }
  })

  test('a new record reaches the warehouse through the outbox, and the warehouse agrees with PostgreSQL', async ({ client, assert }) => {
    const { writeCreditRecordOutbox } = await import('@szpm/etl')
    const { drain } = await import('#tests/support/warehouse')
    await db.transaction(async (trx) => {
      const [row] = await trx.table('credit_records').insert({
        subject_id: S.owner, estate_id: E.e3, polarity: 'bad', category: 'rectification', severity: 'minor', decided_on: '2026-12-01', valid_until: '2027-11-30',
        source: '园岭街道办事处', document_no: '深建信〔2026〕99号', attachments: '[]', version: 1, created_at: new Date(), updated_at: new Date(),
      }).returning('id')
      await writeCreditRecordOutbox((sql, params) => trx.rawQuery(sql, params as any).then((r: any) => r.rows), [row.id], { paramStyle: 'knex' })
    })
    await drain()
    const response = await client.visit('api.credit_stats.index').loginAs(await actor('head'))
    assert.deepInclude(response.body().data[1], { name: '园岭二社区', badSubjects: 2, rectificationRecords: 1 })
    // the drain recomputed the estate's rollup row (its records sorted by id, the new one last)
    const { raw } = await import('@szpm/warehouse')
    const warehouse = await app.container.make('warehouse')
    const [e3] = await warehouse.query<Record<string, unknown>>(raw(`SELECT credit_records, credit_bad, credit_valid FROM credit_estate_totals FINAL WHERE estate_id = ${E.e3}`))
    assert.equal(Number(e3.credit_records), 3)
    assert.equal((e3.credit_bad as number[]).at(-1), 1)
    assert.equal((e3.credit_valid as string[]).at(-1), '2027-11-30')
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table.startsWith('credit')), [])
  })
})

test.group('信用信息 · subjects (信用主体查询 and the subject page)', (group) => {
  group.setup(resetCreditWorld)
  group.each.setup(onCreditDay)

  test('a street sees the companies seated in it or managing its estates, and the people of its estates', async ({ client, assert }) => {
    const response = await client.visit('api.credit_subjects.index').loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.equal(meta.total, 3)
    assert.deepEqual(data[0], {
      id: S.company, kind: 'company', kindName: '物业企业', name: '测试物业公司', code: '91440300MA5DTEST0X', estateId: null, placeName: '园岭街道',
      estates: 6, managedArea: '210000.00', records: 4, goodRecords: 2, badRecords: 1, expiredRecords: 1, score: 99, grade: 'A',
    })
    assert.deepEqual(data.slice(1).map((r: any) => [r.id, r.kindName, r.code, r.placeName, r.badRecords, r.expiredRecords, r.score, r.grade]), [
      [S.leader, '项目负责人', '440304********1234', '园岭街道 · 园岭一社区 · 翠园小区', 1, 0, null, null],
      [S.owner, '业主', '440303********2345', '园岭街道 · 园岭二社区 · 碧海花园', 0, 1, null, null],
    ])
    // 罗湖 sees the company (it manages 桂园新村), 桂园物业 (seated in 桂园) and its own director
    const luohu = await client.visit('api.credit_subjects.index').loginAs(await actor('luohu'))
    assert.sameMembers(luohu.body().data.map((r: any) => r.id), [S.company, S.otherCompany, S.director])
    const city = await client.visit('api.credit_subjects.index').qs({ per_page: 50 }).loginAs(await actor('city'))
    assert.equal(city.body().meta.total, 6)
  })

  test('filters: kind, records of a kind in a period, name / code / masked ID; ordered by 在管面积', async ({ client, assert }) => {
    const city = await actor('city')
    const ids = async (qs: Record<string, string>) => (await client.visit('api.credit_subjects.index').qs(qs).loginAs(city)).body().data.map((r: any) => r.id)
    assert.deepEqual(await ids({ subject_kind: 'company' }), [S.company, S.otherCompany])
    assert.deepEqual(await ids({ polarity: 'bad', from: '2026-01-01', to: '2026-12-31' }), [S.director])
    assert.deepEqual(await ids({ polarity: 'good', from: '2023-01-01', to: '2023-12-31' }), [S.owner])
    assert.deepEqual(await ids({ q: '440304********4567' }), [S.supervisor])
    assert.deepEqual(await ids({ q: '赵六' }), [S.supervisor])
    assert.deepEqual(await ids({ q: 'MA5GUIYU' }), [S.otherCompany])
    assert.deepEqual((await ids({ sort: 'area' })).slice(0, 2), [S.company, S.otherCompany])
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '2026-06-01', to: '2026-01-01' }, 'to'],
      [{ sort: 'name' }, 'sort'],
      [{ subject_kind: 'tenant' }, 'subject_kind'],
    ]
    for (const [qs, field] of cases) {
      const response = await client.visit('api.credit_subjects.index').qs(qs).loginAs(city)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field)
      assert.match(response.body().errors[0].message, /[\u4e00-\u9fa5]/)
    }
  })

  test('a company page: its records with 已过期 and the points that make its score, and its indicators', async ({ client, assert }) => {
    const response = await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))
    response.assertStatus(200)
    const { subject, records, indicators } = response.body().data
    assert.deepInclude(subject, { score: 99, grade: 'A', goodRecords: 2, badRecords: 1 })
    assert.deepEqual(records.map((r: any) => [r.id, r.categoryName, r.validityName, r.points]), [
      [CR.commendation, '表彰信息', '有效', 2],
      [CR.rectification, '责令整改', '已过期', null],
      [CR.penalty, '行政处罚', '有效', -5],
      [CR.happyEstate, '幸福小区', '有效', 2],
    ])
    assert.deepEqual(indicators.map((i: any) => i.label), ['在管面积', '共有资金账户', '信息公开率', '人员培训情况', '通知公告响应率', '安全检查情况', '评价反馈率'])
    assert.deepEqual(indicators.slice(0, 6).map((i: any) => i.value), ['210000.00㎡（6个项目）', '0个（基本账户开户率 0.00%）', '0.00%', '-', '-', '-'])
    // 安全检查情况 from the bureaus' tasks on its estates: one of two checklists filled in, two problems, one rectified
    const [task] = await db.table('inspection_tasks').insert({ title: '消防安全检查', deadline: '2026-12-31', region_id: R.futian, target_mode: 'estates' }).returning('id')
    const [item1, item2] = await db.table('inspection_items').multiInsert([{ task_id: task.id, position: 1, content: '消防通道' }, { task_id: task.id, position: 2, content: '灭火器' }]).returning('id')
    const [done] = await db.table('inspection_targets').multiInsert([{ task_id: task.id, estate_id: E.e1, state: 'rectifying' }, { task_id: task.id, estate_id: E.e2 }]).returning('id')
    await db.table('inspection_answers').multiInsert([
      { target_id: done.id, item_id: item1.id, result: 'problem', description: '堵塞', measures: '清理', rectified: true, rectified_on: '2026-12-01' },
      { target_id: done.id, item_id: item2.id, result: 'problem', description: '过期', measures: '更换' },
    ])
    const inspected = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data.indicators
    assert.equal(inspected[5].value, '完成率 50.00%（发现问题 2 个，已整改 1 个）')
    // the day after 幸福小区's last day, the score drops by its 2 points
    clock.travelTo('2026-12-08T09:00:00+08:00')
    const later = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data
    assert.deepInclude(later.subject, { score: 97, grade: 'A', expiredRecords: 2 })
    assert.equal(later.records.find((r: any) => r.id === CR.happyEstate).validityName, '已过期')
  })

  test('a person page shows the ID number masked; a subject outside the region, or none, is a 404', async ({ client, assert }) => {
    const head = await actor('head')
    const leader = await client.visit('api.credit_subjects.show', { id: S.leader }).loginAs(head)
    leader.assertStatus(200)
    assert.deepInclude(leader.body().data.subject, { code: '440304********1234', score: null, grade: null })
    assert.deepEqual(leader.body().data.indicators, [])
    assert.notInclude(JSON.stringify(leader.body()), '199001011234')
    for (const id of [S.director, S.supervisor, S.otherCompany, 999999]) {
      const response = await client.visit('api.credit_subjects.show', { id }).loginAs(head)
      response.assertStatus(404)
    }
    ;(await client.visit('api.credit_subjects.index').qs({ region_id: R.guiyuan }).loginAs(head)).assertStatus(404)
  })
})

test.group('信用信息 · 录入信用记录 (city and district bureaus)', (group) => {
  group.each.setup(async () => {
    await resetCreditWorld()
    return onCreditDay()
  })

  const post = (client: any, who: any, id: number, json: Record<string, unknown>) => client.post(`/api/v1/credit/subjects/${id}/records`).json(json).withCsrfToken().loginAs(who)
  const VALID = { polarity: 'bad', category: 'penalty', severity: 'grave', decided_on: '2026-12-01', source: '福田区住房和建设局', document_no: '深建罚〔2026〕8号' }
  const count = async () => Number((await db.from('credit_records').count('* as n'))[0].n)

  test('the district records a 不良 record on a company estate: valid until the period ends, the score and the warehouse follow', async ({ client, assert }) => {
    const { drain } = await import('#tests/support/warehouse')
    const response = await post(client, await actor('futian'), S.company, { ...VALID, estate_id: E.e3 })
    response.assertStatus(201)
    assert.deepInclude(response.body().data, { subjectId: S.company, estateId: E.e3, categoryName: '行政处罚', severityName: '严重', decidedOn: '2026-12-01', validUntil: '2029-11-30', validityName: '有效', points: -10 })
    const row = await db.from('credit_records').where('id', response.body().data.id).first()
    assert.deepInclude(row, { subject_id: S.company, estate_id: E.e3, polarity: 'bad', severity: 'grave', created_by: 2, version: 1 })
    const page = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data
    assert.deepInclude(page.subject, { score: 89, grade: 'B' })
    await drain()
    const stats = await client.visit('api.credit_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    assert.equal(stats.body().meta.totals.penaltyRecords, 2)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table.startsWith('credit')), [])
  })

  test('a person record goes on their estate; 良好 has no severity and counts two years', async ({ client, assert }) => {
    const response = await post(client, await actor('city'), S.director, { polarity: 'good', category: 'happy_estate', decided_on: '2026-12-07', source: '深圳市住房和建设局', document_no: '深建〔2026〕1号' })
    response.assertStatus(201)
    assert.deepInclude(response.body().data, { estateId: E.e5, validUntil: '2028-12-06', severityName: '', points: null })
  })

  test('bad input is a 422 with the field in Chinese and nothing written; out of reach a 404; streets only read', async ({ client, assert }) => {
    const futian = await actor('futian')
    const before = await count()
    const refused: [number, Record<string, unknown>, string, RegExp][] = [
      [S.leader, { ...VALID, category: 'commendation' }, 'category', /不良信息没有该类别/],
      [S.leader, { ...VALID, severity: undefined }, 'severity', /严重程度/],
      [S.leader, { ...VALID, polarity: 'good', category: 'commendation' }, 'severity', /不分严重程度/],
      [S.leader, { ...VALID, decided_on: '2026-12-08' }, 'decided_on', /晚于今天/],
      [S.leader, { ...VALID, decided_on: '2026-02-30' }, 'decided_on', /日期/],
      [S.leader, { ...VALID, estate_id: E.e3 }, 'estate_id', /所属物业项目/],
      [S.leader, { ...VALID, source: '' }, 'source', /认定部门/],
      [S.leader, { ...VALID, document_no: 'x'.repeat(65) }, 'document_no', /文书编号/],
      [S.leader, { ...VALID, category: 'award' }, 'category', /信用信息类别/],
      [S.company, { ...VALID }, 'estate_id', /在管的物业项目/],
    ]
    for (const [id, json, field, message] of refused) {
      const response = await post(client, futian, id, json)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(json))
      assert.match(response.body().errors[0].message, message)
    }
    // 福田 cannot reach 罗湖's director, nor 桂园新村 of the company; a street head holds no credit.manage
    ;(await post(client, futian, S.director, VALID)).assertStatus(404)
    ;(await post(client, futian, S.company, { ...VALID, estate_id: E.e5 })).assertStatus(404)
    ;(await post(client, futian, 999999, VALID)).assertStatus(404)
    ;(await post(client, await actor('head'), S.leader, VALID)).assertStatus(403)
    assert.equal(await count(), before, 'nothing written by a refused request')
  })
})

test.group("信用信息 · 信息公开率 among a company's indicators", (group) => {
  group.each.setup(async () => {
    await resetCreditWorld()
    return onCreditDay()
  })

  test('estates of the company with an announcement published in the last twelve months, over its estates; voided, drafts and older ones do not count', async ({ client, assert }) => {
    const template = Number((await db.from('disclosure_templates').where('code', 'general').firstOrFail()).id)
    const announcement = (estateId: number, state: string, publishedAt: string | null) => ({
      template_id: template, estate_id: estateId, title: '公告', fields: JSON.stringify({ content: '内容' }), body_html: '<p>内容</p>', state, source: 'manual',
      published_at: publishedAt, voided_at: state === 'voided' ? publishedAt : null, void_reason: state === 'voided' ? '作废' : null,
    })
    await db.table('disclosures').multiInsert([
      announcement(E.e1, 'published', '2026-11-01T10:00:00+08:00'),
      announcement(E.e1, 'published', '2026-10-01T10:00:00+08:00'),
      announcement(E.e3, 'published', '2025-12-08T10:00:00+08:00'),
      announcement(E.e4, 'published', '2025-12-06T10:00:00+08:00'),
      announcement(E.e2, 'voided', '2026-11-01T10:00:00+08:00'),
      announcement(E.e5, 'draft', null),
    ])
    const page = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data
    // e1 and e3 of its six estates: 2 / 6
    assert.equal(page.indicators.find((i: any) => i.key === 'disclosureRate').value, '33.33%')
    // a company managing no estate: '-'
    const other = (await client.visit('api.credit_subjects.show', { id: S.otherCompany }).loginAs(await actor('city'))).body().data
    assert.equal(other.indicators.find((i: any) => i.key === 'disclosureRate').value, '-')
  })
})

test.group('信用信息 · 修改 / 删除 and documents of a record', (group) => {
  group.each.setup(async () => {
    await resetCreditWorld()
    return onCreditDay()
  })

  const upload = async (client: any, who: Parameters<typeof actor>[0], content: Buffer, name: string) =>
    client.post('/api/v1/credit/attachments').file('file', content, { filename: name }).withCsrfToken().loginAs(await actor(who))
  const EDIT = { polarity: 'bad', category: 'penalty', severity: 'grave', decided_on: '2026-01-10', source: '福田区住房和建设局', document_no: '深建罚〔2026〕9号' }
  const put = async (client: any, who: Parameters<typeof actor>[0], id: number, json: Record<string, unknown>) =>
    client.put(`/api/v1/credit/records/${id}`).json(json).withCsrfToken().loginAs(await actor(who))
  const remove = async (client: any, who: Parameters<typeof actor>[0], id: number, version: number) =>
    client.delete(`/api/v1/credit/records/${id}`).json({ version }).withCsrfToken().loginAs(await actor(who))

  test('documents: uploaded under credit/, claimed by the record, shown on the subject page and downloaded (audited)', async ({ client, assert }) => {
    const pdf = await upload(client, 'futian', PDF, '处罚决定书.pdf')
    pdf.assertStatus(201)
    const photo = await upload(client, 'futian', PNG, '现场照片.png')
    const created = await client.post(`/api/v1/credit/subjects/${S.company}/records`)
      .json({ ...EDIT, decided_on: '2026-12-01', estate_id: E.e3, attachments: [pdf.body().data.token, photo.body().data.token] }).withCsrfToken().loginAs(await actor('futian'))
    created.assertStatus(201)
    const record = created.body().data
    assert.deepEqual(record.attachments.map((a: any) => [a.id, a.fileName, a.sizeBytes]), [[1, '处罚决定书.pdf', PDF.length], [2, '现场照片.png', PNG.length]])
    const stored = await db.from('credit_records').where('id', record.id).firstOrFail()
    assert.isTrue(stored.attachments.every((a: any) => a.storageKey.startsWith('credit/')))
    // a street reads the page and downloads the document; the download is audited
    const page = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data
    assert.deepEqual(page.records.find((r: any) => r.id === record.id).attachments.map((a: any) => a.fileName), ['处罚决定书.pdf', '现场照片.png'])
    assert.notInclude(JSON.stringify(page), 'storageKey')
    const download = await client.get(`/api/v1/credit/records/${record.id}/attachments/1`).loginAs(await actor('head'))
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    assert.include(decodeURIComponent(download.header('content-disposition')), '处罚决定书.pdf')
    const audited = await db.from('audit_logs').where({ action: 'export', route: 'api.credit_attachments.download', outcome: 'success' }).orderBy('id', 'desc').firstOrFail()
    assert.deepInclude(audited.detail, { credit_record_id: record.id, attachment_id: 1, file_name: '处罚决定书.pdf' })
    // a subject out of the user's reach, an unknown document: 404
    ;(await client.get(`/api/v1/credit/records/${CR.bottomTen}/attachments/1`).loginAs(await actor('head'))).assertStatus(404)
    ;(await client.get(`/api/v1/credit/records/${record.id}/attachments/9`).loginAs(await actor('head'))).assertStatus(404)
    // a token is claimed once
    const again = await client.post(`/api/v1/credit/subjects/${S.leader}/records`).json({ ...EDIT, attachments: [pdf.body().data.token] }).withCsrfToken().loginAs(await actor('futian'))
    again.assertStatus(422)
    assert.deepInclude(again.body().errors[0], { field: 'attachments.0', message: '该附件已使用过，请重新上传' })
  })

  test('documents only of allowed types and sizes, by their content; only credit.manage uploads; a token is its uploader’s', async ({ client, assert }) => {
    for (const [content, name, message] of [
      [PNG, 'fake.pdf', /不符/], [Buffer.from('MZ\x90\x00'), 'fake.jpg', /不符/], [PDF, 'tool.exe', /格式/], [Buffer.alloc(0), 'empty.pdf', /为空|格式/],
    ] as const) {
      const refused = await upload(client, 'futian', content as Buffer, name)
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].field, 'file')
      assert.match(refused.body().errors[0].message, message)
    }
    ;(await upload(client, 'futian', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf')).assertStatus(422)
    ;(await upload(client, 'head', PNG, 'a.png')).assertStatus(403)
    ;(await upload(client, 'party', PNG, 'a.png')).assertStatus(403)
    const token = (await upload(client, 'futian', PNG, 'a.png')).body().data.token
    const stolen = await client.post(`/api/v1/credit/subjects/${S.leader}/records`).json({ ...EDIT, attachments: [token] }).withCsrfToken().loginAs(await actor('city'))
    stolen.assertStatus(422)
    assert.deepInclude(stolen.body().errors[0], { field: 'attachments.0', message: '附件已失效，请重新上传' })
  })

  test('修改: fields, validity and score follow; documents added and dropped; a stale version is a 409; the warehouse follows', async ({ client, assert }) => {
    const { drain } = await import('#tests/support/warehouse')
    // 责令整改 一般 (expired yesterday) becomes 行政处罚 严重 of 2026-01-10: counts until 2029-01-09, −10
    const photo = (await upload(client, 'futian', PNG, '整改通知.png')).body().data.token
    const changed = await put(client, 'futian', CR.rectification, { ...EDIT, version: 1, attachments: [photo] })
    changed.assertStatus(200)
    assert.deepInclude(changed.body().data, { id: CR.rectification, estateId: E.e1, categoryName: '行政处罚', severityName: '严重', validUntil: '2029-01-09', validityName: '有效', points: -10, version: 2 })
    assert.deepEqual(changed.body().data.attachments.map((a: any) => a.fileName), ['整改通知.png'])
    const page = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data
    assert.deepInclude(page.subject, { score: 89, grade: 'B' })
    // the same version again is stale: 409 in Chinese, nothing changed
    const stale = await put(client, 'futian', CR.rectification, { ...EDIT, source: '别的部门', version: 1 })
    stale.assertStatus(409)
    assert.match(stale.body().errors?.[0]?.message ?? stale.body().message, /已被他人修改/)
    // drop the document
    const dropped = await put(client, 'futian', CR.rectification, { ...EDIT, version: 2, remove_attachments: [1] })
    dropped.assertStatus(200)
    assert.deepEqual(dropped.body().data.attachments, [])
    const unknown = await put(client, 'futian', CR.rectification, { ...EDIT, version: 3, remove_attachments: [1] })
    unknown.assertStatus(422)
    assert.deepInclude(unknown.body().errors[0], { field: 'remove_attachments.0', message: '该附件不属于这条信用记录' })
    const row = await db.from('credit_records').where('id', CR.rectification).firstOrFail()
    assert.deepInclude(row, { version: 3, source: '福田区住房和建设局', severity: 'grave', updated_by: 2 })
    // the warehouse: the 行政处罚 count of 园岭一 follows the change
    await drain()
    const stats = await client.visit('api.credit_stats.index').qs({ region_id: R.yl1 }).loginAs(await actor('head'))
    assert.equal(stats.body().meta.totals.penaltyRecords, 1)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table.startsWith('credit')), [])
  })

  test('修改 input: 422 per field in Chinese; out of reach a 404; streets only read', async ({ client, assert }) => {
    const refused: [Record<string, unknown>, string, RegExp][] = [
      [{ ...EDIT, version: 1, category: 'commendation' }, 'category', /不良信息没有该类别/],
      [{ ...EDIT, version: 1, severity: undefined }, 'severity', /严重程度/],
      [{ ...EDIT, version: 1, decided_on: '2026-12-08' }, 'decided_on', /晚于今天/],
      [{ ...EDIT, version: 1, source: '   ' }, 'source', /认定部门/],
      [{ ...EDIT, version: 0 }, 'version', /版本/],
      [{ ...EDIT }, 'version', /版本/],
      [{ ...EDIT, version: 1, attachments: ['nope'] }, 'attachments.0', /附件/],
    ]
    for (const [json, field, message] of refused) {
      const response = await put(client, 'futian', CR.rectification, json)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(json))
      assert.match(response.body().errors[0].message, message)
    }
    // a NUL character is refused by the input guard before any validator (400), nothing written
    ;(await put(client, 'futian', CR.rectification, { ...EDIT, version: 1, source: 'a\u0000b' })).assertStatus(400)
    // 福田 cannot reach 罗湖's record; none 999999; a street head holds no credit.manage
    ;(await put(client, 'futian', CR.bottomTen, { ...EDIT, version: 1 })).assertStatus(404)
    ;(await put(client, 'futian', 999999, { ...EDIT, version: 1 })).assertStatus(404)
    ;(await put(client, 'head', CR.rectification, { ...EDIT, version: 1 })).assertStatus(403)
    ;(await remove(client, 'head', CR.rectification, 1)).assertStatus(403)
    ;(await remove(client, 'futian', CR.bottomTen, 1)).assertStatus(404)
    const row = await db.from('credit_records').where('id', CR.rectification).firstOrFail()
    assert.deepInclude(row, { version: 1, category: 'rectification' })
  })

  test('删除: the record stops counting everywhere (page, score, lists, warehouse); stale is a 409; a deleted record is a 404', async ({ client, assert }) => {
    const { drain } = await import('#tests/support/warehouse')
    ;(await remove(client, 'futian', CR.penalty, 2)).assertStatus(409)
    const deleted = await remove(client, 'futian', CR.penalty, 1)
    deleted.assertStatus(200)
    const row = await db.from('credit_records').where('id', CR.penalty).firstOrFail()
    assert.isNotNull(row.deleted_at)
    assert.equal(row.deleted_by, 2)
    // the company loses the −5 of 行政处罚: 100 + 2 + 2 = 104
    const page = (await client.visit('api.credit_subjects.show', { id: S.company }).loginAs(await actor('head'))).body().data
    assert.deepInclude(page.subject, { score: 104, grade: 'A' })
    assert.notInclude(page.records.map((r: any) => r.id), CR.penalty)
    assert.equal(page.subject.badRecords, 0)
    const list = (await client.visit('api.credit_records.index').qs({ region_id: R.yuanling }).loginAs(await actor('head'))).body()
    assert.notInclude(list.data.map((r: any) => r.id), CR.penalty)
    ;(await remove(client, 'futian', CR.penalty, 2)).assertStatus(404)
    ;(await put(client, 'futian', CR.penalty, { ...EDIT, version: 2 })).assertStatus(404)
    await drain()
    const stats = await client.visit('api.credit_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    assert.equal(stats.body().meta.totals.penaltyRecords, 0)
    const trend = await client.visit('api.credit_trend.index').qs({ region_id: R.yuanling, from: '2025-01', to: '2025-01' }).loginAs(await actor('head'))
    assert.equal(trend.body().data[0].badRecords, 0)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table.startsWith('credit')), [])
  })
})
