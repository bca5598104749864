import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Region from '#models/region'
import clock from '#services/clock'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import { ID_NUMBER, PHONE, S, postgresStaffFigures, seedStaff } from '#tests/support/staff'

/**
 * 从业人员信息 (module 9): the statistics from the warehouse (one fact row per practitioner, per
 * certificate, per estate) drilled 街道 → 社区 → 物业项目, equal to PostgreSQL's own figures; the
 * practitioners behind each number (masked); the exports; 提醒更新 (once per manager per day); the
 * project manager's maintenance (validated, version, 404 outside their estates) reaching the warehouse
 * through the outbox. The small world: tests/support/staff.ts.
 */
const fileNameOf = (disposition: string) => decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')
const FIGURES = ['practitioners', 'estateStaff', 'companyStaff', 'managers', 'service', 'security', 'cleaning', 'certificateHolders', 'expiredCertificates', 'estates', 'estatesMissing', 'estatesStale'] as const
const figures = (row: Record<string, unknown>) => FIGURES.map((key) => row[key])
const PERSON = { name: '吴保安', id_number: '44030419850505123X', phone: '13912345678', post: 'security' }

test.group('从业人员信息: statistics, records, exports', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedStaff()
    await syncWarehouse()
  })

  test('street → communities → estates from the warehouse, equal to PostgreSQL at every level', async ({ client, assert }) => {
    const handler = await actor('handler')
    const street = await client.get('/api/v1/stats/staff').loginAs(handler)
    street.assertStatus(200)
    const { data, meta } = street.body()
    assert.equal(meta.childLevel, 'community')
    //                                   all est com mgr svc sec cln cert exp  estates missing stale
    assert.deepEqual(data.map((row: any) => [row.name, ...figures(row)]), [
      ['园岭一社区', 4, 3, 1, 1, 1, 1, 1, 2, 1, 2, 1, 0],
      ['园岭二社区', 1, 1, 0, 1, 0, 0, 0, 0, 0, 2, 1, 1],
    ])
    assert.deepEqual(figures(meta.totals), figures(await postgresStaffFigures({ level: 'street', id: R.yuanling })))
    for (const communityId of [R.yl1, R.yl2]) {
      const community = (await client.get('/api/v1/stats/staff').qs({ region_id: communityId }).loginAs(handler)).body()
      assert.equal(community.meta.childLevel, 'estate')
      assert.deepEqual(figures(community.meta.totals), figures(await postgresStaffFigures({ level: 'community', id: communityId })))
    }
    // a community's estates, and its company staff as one row (estate id 0)
    const yl1 = (await client.get('/api/v1/stats/staff').qs({ region_id: R.yl1 }).loginAs(handler)).body()
    assert.sameDeepMembers(yl1.data.map((row: any) => [row.id, row.name, row.practitioners, row.estatesMissing]), [
      [E.e1, '翠园小区', 3, 0],
      [E.e2, '锦华苑', 0, 1],
      [0, '物业服务企业从业人员', 1, 0],
    ])
    // the city: every district equals PostgreSQL
    const city = (await client.get('/api/v1/stats/staff').loginAs(await actor('city'))).body()
    for (const row of city.data) {
      assert.deepEqual(figures(row), figures(await postgresStaffFigures({ level: 'district', id: row.id })), row.name)
    }
    assert.deepEqual(figures(city.meta.totals), figures(await postgresStaffFigures({ level: 'city', id: R.city })))
    assert.deepEqual((await reconcileWarehouse()).differences.filter((difference) => difference.table === 'staff_facts'), [])
  })

  test('the practitioners behind each number: filters, masking, company staff, scope', async ({ client, assert }) => {
    const handler = await actor('handler')
    const list = (qs: Record<string, unknown>) => client.get('/api/v1/staff/records').qs(qs).loginAs(handler)
    const all = await list({ region_id: R.yl1 })
    all.assertStatus(200)
    assert.equal(all.body().meta.total, 4)
    const lead = all.body().data.find((row: any) => row.id === S.lead1)
    assert.deepInclude(lead, {
      staffGroup: 'estate', staffGroupName: '物业项目从业人员', estateId: E.e1, estateName: '翠园小区', communityName: '园岭一社区',
      name: '张经理', post: 'manager', postName: '项目经理', isLead: true, certificateCount: 2, expiredCertificateCount: 1,
      certificateNames: '物业管理师证书、物业项目经理岗位证书', hiredOn: '2022-03-01',
      idNumber: `${ID_NUMBER(S.lead1).slice(0, 6)}********${ID_NUMBER(S.lead1).slice(-4)}`, phone: `${PHONE(S.lead1).slice(0, 3)}****${PHONE(S.lead1).slice(7)}`,
    })
    // what each metric's 穿透 asks for lists exactly the people it counts
    const ids = async (qs: Record<string, unknown>) => (await list(qs)).body().data.map((row: any) => row.id)
    assert.deepEqual(await ids({ region_id: R.yl1, group: 'company' }), [S.company1])
    assert.deepEqual(await ids({ region_id: R.yl1, estate_id: 0 }), [S.company1])
    assert.deepEqual(await ids({ post: 'manager' }), [S.lead1, S.lead3])
    assert.deepEqual(await ids({ certified: '1' }), [S.lead1, S.guard1])
    assert.deepEqual(await ids({ certified: '0', region_id: R.yl1 }), [S.cleaner1, S.company1])
    assert.deepEqual(await ids({ expired: '1' }), [S.lead1])
    assert.deepEqual(await ids({ estate_id: E.e1, q: '保安' }), [S.guard1])
    assert.deepEqual(await ids({ q: '锦华' }), [])
    assert.deepEqual(await ids({ q: '赵' }), [S.lead3])
    // outside the handler's street: 404; bad filters: 422 with the field
    ;(await list({ region_id: R.ny1 })).assertStatus(404)
    const bad = await list({ post: 'pilot', per_page: 0 })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['post', 'per_page'])
    assert.include(bad.body().errors.find((error: any) => error.field === 'post').message, '岗位')
    // a role without the module: 403
    ;(await client.get('/api/v1/staff/records').loginAs(await actor('party'))).assertStatus(403)
  })

  test('every table exports to Excel: the drill table with 合计, the practitioners masked', async ({ client, assert }) => {
    const handler = await actor('handler')
    const table = await client.get('/api/v1/stats/staff/export').loginAs(handler)
    table.assertStatus(200)
    assert.equal(fileNameOf(table.header('content-disposition')), '从业人员信息-园岭街道.xlsx')
    const { rows } = await readSheet(table.body())
    assert.deepEqual(rows[0].slice(0, 4), ['社区', '从业人员(人)', '物业项目从业人员(人)', '物业服务企业从业人员(人)'])
    assert.deepEqual(rows.map((row) => [row[0], row[1]]), [['社区', '从业人员(人)'], ['园岭一社区', 4], ['园岭二社区', 1], ['合计', 5]])
    const people = await client.get('/api/v1/staff/records/export').qs({ region_id: R.yl1, group: 'estate' }).loginAs(handler)
    people.assertStatus(200)
    const sheet = (await readSheet(people.body())).rows
    assert.deepEqual(sheet[0], ['所属区', '所属街道', '所属社区', '物业项目', '人员类别', '物业服务企业', '姓名', '身份证号', '联系电话', '岗位', '项目负责人', '证书', '过期证书'])
    assert.lengthOf(sheet, 4)
    const row = sheet.find((cells) => cells[6] === '张经理')!
    assert.equal(row[7], `${ID_NUMBER(S.lead1).slice(0, 6)}********${ID_NUMBER(S.lead1).slice(-4)}`)
    assert.equal(row[8], `${PHONE(S.lead1).slice(0, 3)}****${PHONE(S.lead1).slice(7)}`)
    assert.notInclude(JSON.stringify(sheet), PHONE(S.lead1))
    ;(await client.get('/api/v1/staff/records/export').loginAs(await actor('party'))).assertStatus(403)
  })
})

test.group('从业人员信息: the estates behind the estate counts (穿透)', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedStaff()
    await syncWarehouse()
  })

  test('物业项目数 / 未填报项目 / 信息过期项目 open the estates they count, per region and per estate, with the state', async ({ client, assert }) => {
    const handler = await actor('handler')
    const estates = (qs: Record<string, unknown>) => client.get('/api/v1/staff/estate_states').qs(qs).loginAs(handler)
    const yl1 = await estates({ region_id: R.yl1 })
    yl1.assertStatus(200)
    assert.deepEqual(
      yl1.body().data.map((row: any) => [row.estateId, row.estateName, row.communityName, row.state, row.stateName, row.practitioners, row.confirmedOn]),
      [
        [E.e1, '翠园小区', '园岭一社区', 'current', '信息有效', 3, clock.today()],
        [E.e2, '锦华苑', '园岭一社区', 'missing', '未填报', 0, null],
      ]
    )
    const ids = async (qs: Record<string, unknown>) => (await estates(qs)).body().data.map((row: any) => row.estateId)
    assert.deepEqual(await ids({ state: 'missing' }), [E.e2, E.e6])
    assert.deepEqual(await ids({ state: 'stale' }), [E.e3])
    assert.deepEqual(await ids({ state: 'current', q: '翠园' }), [E.e1])
    // every number of the street's table and of each community's estates opens exactly as many estates
    const links = [['estates', {}], ['estatesMissing', { state: 'missing' }], ['estatesStale', { state: 'stale' }]] as const
    const street = (await client.get('/api/v1/stats/staff').loginAs(handler)).body()
    for (const row of street.data) {
      for (const [metric, filter] of links) assert.equal((await estates({ region_id: row.id, ...filter })).body().meta.total, row[metric], `${row.name} ${metric}`)
    }
    for (const [metric, filter] of links) assert.equal((await estates(filter)).body().meta.total, street.meta.totals[metric], `合计 ${metric}`)
    const community = (await client.get('/api/v1/stats/staff').qs({ region_id: R.yl2 }).loginAs(handler)).body()
    for (const row of community.data.filter((candidate: any) => candidate.id !== 0)) {
      for (const [metric, filter] of links) assert.equal((await estates({ estate_id: row.id, ...filter })).body().meta.total, row[metric], `${row.name} ${metric}`)
    }
    // the city: 南园's never-confirmed estate is stale
    const city = await client.get('/api/v1/staff/estate_states').qs({ state: 'stale' }).loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((row: any) => row.estateId), [E.e3, E.e4])
    // outside the street 404; bad input 422 naming the field in Chinese; no feature 403
    ;(await estates({ region_id: R.ny1 })).assertStatus(404)
    const bad = await estates({ state: 'gone', estate_id: 'x' })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['state', 'estate_id'])
    assert.include(bad.body().errors.find((error: any) => error.field === 'state').message, '信息状态')
    ;(await client.get('/api/v1/staff/estate_states').loginAs(await actor('party'))).assertStatus(403)
  })

  test('the estates list exports to Excel with the same filters and place columns', async ({ client, assert }) => {
    const handler = await actor('handler')
    const response = await client.get('/api/v1/staff/estate_states/export').qs({ state: 'missing' }).loginAs(handler)
    response.assertStatus(200)
    assert.include(fileNameOf(response.header('content-disposition')), '从业人员信息填报情况')
    const { rows } = await readSheet(response.body())
    assert.deepEqual(rows[0], ['所属区', '所属街道', '所属社区', '物业项目', '信息状态', '项目从业人员', '最近确认日期'])
    assert.deepEqual(rows.slice(1).map((row) => [row[2], row[3], row[4], row[5]]), [['园岭一社区', '锦华苑', '未填报', 0], ['园岭二社区', '星河雅居', '未填报', 0]])
    ;(await client.get('/api/v1/staff/estate_states/export').qs({ region_id: R.ny1 }).loginAs(handler)).assertStatus(404)
    ;(await client.get('/api/v1/staff/estate_states/export').loginAs(await actor('party'))).assertStatus(403)
  })
})

test.group('从业人员信息: 提醒更新', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedStaff()
  })

  test('reminds the managers of the missing or stale estates once a day; the second says when the last went', async ({ client, assert }) => {
    const handler = await actor('handler')
    const remind = () => client.post('/api/v1/staff/remind').json({}).loginAs(handler).withCsrfToken()
    const first = await remind()
    first.assertStatus(200)
    // 园岭: e2, e6 missing (no manager account), e3 stale (项目经理 `manager`); e1 is current
    assert.deepInclude(first.body().data, { estates: 3, sent: 1, skipped: 0 })
    const messages = await db.from('messages').where('reason', 'staff.remind').select('recipient_id', 'kind', 'module', 'sender_id', 'title')
    assert.deepEqual(messages, [{ recipient_id: USERS.manager.id, kind: 'reminder', module: 'staff', sender_id: USERS.handler.id, title: '【提醒更新】从业人员信息' }])
    const second = await remind()
    second.assertStatus(409)
    assert.match(second.body().errors[0].message, /^今天 \d{2}:\d{2} 已提醒过，每天只能提醒一次，本次未发送$/)
    assert.equal(await db.from('messages').where('reason', 'staff.remind').count('* as n').first().then((row) => Number(row.n)), 1)
    // 南园: e4 never confirmed → its manager
    const nanyuan = await client.post('/api/v1/staff/remind').json({}).loginAs(await actor('nanyuan')).withCsrfToken()
    nanyuan.assertStatus(200)
    assert.deepInclude(nanyuan.body().data, { estates: 1, sent: 1 })
    // a region outside the user's: 404; a bad region: 422; 桂园 (e5 current) has nothing to remind: 422
    ;(await client.post('/api/v1/staff/remind').json({ region_id: R.ny1 }).loginAs(handler).withCsrfToken()).assertStatus(404)
    const bad = await client.post('/api/v1/staff/remind').json({ region_id: 'x' }).loginAs(handler).withCsrfToken()
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
    const nothing = await client.post('/api/v1/staff/remind').json({}).loginAs(await actor('guiyuan')).withCsrfToken()
    nothing.assertStatus(422)
    assert.include(nothing.body().errors[0].message, '无需提醒')
  })
})

test.group('从业人员信息: the project manager maintains the estate staff', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedStaff()
    await syncWarehouse()
  })

  test('list, add, edit with version, delete, confirm — each reaching the warehouse through the outbox', async ({ client, assert }) => {
    const manager = await actor('manager')
    const listed = await client.get(`/api/v1/staff/estates/${E.e3}`).loginAs(manager)
    listed.assertStatus(200)
    assert.deepEqual(listed.body().data.map((row: any) => row.id), [S.lead3])
    assert.deepInclude(listed.body().meta.estate, { estateId: E.e3, practitioners: 1, state: 'stale' })

    const created = await client.post(`/api/v1/staff/estates/${E.e3}/practitioners`).json({
      ...PERSON, id_number: '44030419850505123x', hired_on: '2024-05-01',
      certificates: [{ name: '保安员证', number: 'BA-1', issued_on: '2019-01-01', valid_until: '2020-01-01' }],
    }).loginAs(manager).withCsrfToken()
    created.assertStatus(201)
    const body = created.body().data
    assert.deepInclude(body, { name: '吴保安', estateId: E.e3, post: 'security', version: 1, certificateCount: 1, expiredCertificateCount: 1, idNumber: '440304********123X', phone: '139****5678' })
    assert.deepEqual(body.certificates.map((c: any) => [c.name, c.validUntil, c.expired]), [['保安员证', '2020-01-01', true]])
    const row = await db.from('practitioners').where('id', body.id).first()
    assert.deepInclude(row, { staff_group: 'estate', estate_id: E.e3, community_id: R.yl2, street_id: R.yuanling, district_id: R.futian, id_number: '44030419850505123X', company_name: '测试物业公司' })

    // an edit at the version read: certificates replaced; a second edit at the old version: 409, nothing changed
    const edit = (version: number, name: string) =>
      client.patch(`/api/v1/staff/practitioners/${body.id}`).json({ ...PERSON, name, version, certificates: [] }).loginAs(manager).withCsrfToken()
    const edited = await edit(1, '吴队长')
    edited.assertStatus(200)
    assert.deepInclude(edited.body().data, { name: '吴队长', version: 2, certificateCount: 0 })
    const stale = await edit(1, '冲突')
    stale.assertStatus(409)
    assert.equal((await db.from('practitioners').where('id', body.id).first()).name, '吴队长')

    const confirmed = await client.post(`/api/v1/staff/estates/${E.e3}/confirm`).json({}).loginAs(manager).withCsrfToken()
    confirmed.assertStatus(200)
    assert.deepInclude(confirmed.body().data, { estateId: E.e3, practitioners: 2, state: 'current' })

    // the warehouse follows the outbox: 园岭二社区 now has 2 practitioners, no stale estate, no expired certificate
    await drain()
    const handler = await actor('handler')
    const yl2 = () => client.get('/api/v1/stats/staff').loginAs(handler).then((r) => r.body().data.find((row: any) => row.id === R.yl2))
    assert.deepEqual(figures(await yl2()), [2, 2, 0, 1, 0, 1, 0, 0, 0, 2, 1, 0])
    assert.deepEqual(figures(await yl2()), figures(await postgresStaffFigures({ level: 'community', id: R.yl2 })))

    // delete needs the current version; then it is gone from PostgreSQL and the warehouse
    ;(await client.delete(`/api/v1/staff/practitioners/${body.id}`).json({ version: 1 }).loginAs(manager).withCsrfToken()).assertStatus(409)
    ;(await client.delete(`/api/v1/staff/practitioners/${body.id}`).json({ version: 2 }).loginAs(manager).withCsrfToken()).assertStatus(200)
    assert.isNull(await db.from('practitioners').where('id', body.id).first())
    await drain()
    assert.equal((await yl2()).practitioners, 1)
    assert.deepEqual((await reconcileWarehouse()).differences.filter((difference) => difference.table === 'staff_facts'), [])
  })

  test('bad input is a 422 naming the field in Chinese, nothing written; another estate or a director is a 404', async ({ client, assert }) => {
    const manager = await actor('manager')
    const before = await db.from('practitioners').count('* as n').first()
    const bad = await client.post(`/api/v1/staff/estates/${E.e1}/practitioners`).json({
      name: '', id_number: '12345', phone: '12345678901', post: 'pilot', is_lead: 'yes',
      certificates: [{ name: '证', number: 'N', issued_on: '2020-05-01', valid_until: '2020-01-01' }],
    }).loginAs(manager).withCsrfToken()
    bad.assertStatus(422)
    const errors = Object.fromEntries(bad.body().errors.map((error: any) => [error.field, error.message]))
    assert.includeMembers(Object.keys(errors), ['name', 'id_number', 'phone', 'post', 'is_lead', 'certificates.0.valid_until'])
    assert.include(errors.id_number, '身份证号')
    assert.include(errors['certificates.0.valid_until'], '有效期至')
    for (const message of Object.values(errors)) assert.notMatch(message as string, /[a-z_]{3,}/)
    assert.deepEqual(await db.from('practitioners').count('* as n').first(), before)

    // e4 is 南园's (not this manager's); e1's director is not its project manager; a government account has no estates.own
    ;(await client.get(`/api/v1/staff/estates/${E.e4}`).loginAs(manager)).assertStatus(404)
    ;(await client.post(`/api/v1/staff/estates/${E.e4}/practitioners`).json(PERSON).loginAs(manager).withCsrfToken()).assertStatus(404)
    ;(await client.patch(`/api/v1/staff/practitioners/${S.guard4}`).json({ ...PERSON, version: 1 }).loginAs(manager).withCsrfToken()).assertStatus(404)
    ;(await client.delete(`/api/v1/staff/practitioners/${S.guard4}`).json({ version: 1 }).loginAs(manager).withCsrfToken()).assertStatus(404)
    ;(await client.post(`/api/v1/staff/estates/${E.e4}/confirm`).json({}).loginAs(manager).withCsrfToken()).assertStatus(404)
    ;(await client.get(`/api/v1/staff/estates/${E.e1}`).loginAs(await actor('director'))).assertStatus(404)
    ;(await client.get(`/api/v1/staff/estates/${E.e1}`).loginAs(await actor('handler'))).assertStatus(403)
    // a company practitioner is not an estate's to edit
    ;(await client.patch(`/api/v1/staff/practitioners/${S.company1}`).json({ ...PERSON, version: 1 }).loginAs(manager).withCsrfToken()).assertStatus(404)
    assert.equal((await db.from('practitioners').where('id', S.guard4).first()).name, '钱保安')
    assert.isNull(await db.from('estate_staff_confirmations').where('estate_id', E.e4).first())
    assert.exists(await Region.find(R.yl1))
  })
})
