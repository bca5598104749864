import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { storage } from '#services/file_storage'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import { C, P, postgresFigures, seedTraining } from '#tests/support/training'
import { tinyMp4, tinyPdf } from '#database/generators/training'
import EstateService from '#modules/estates/estate_service'

/**
 * 宣传培训: 学习情况统计 from the warehouse (one fact per learning record) equal to PostgreSQL at every
 * level, the records behind each number (穿透) down to the person, exports, the learner's progress
 * (idempotent, never backwards, through the outbox), courses with checked uploads and the version rule.
 * The small world is in tests/support/training.ts.
 */
const METRICS = ['staffEnrolled', 'staffCompleted', 'staffHours', 'staffCompletionRate', 'leadEnrolled', 'leadCompleted', 'leadHours', 'leadCompletionRate'] as const
const figures = (row: Record<string, any>) => Object.fromEntries(METRICS.map((key) => [key, Math.round(row[key] * 1e6) / 1e6]))
const rounded = (values: Record<string, number>) => figures(values)
/** what reconcile finds on this module's fact table and its rollup (the other modules' tables are theirs to test) */
const learningDifferences = async () =>
  (await reconcileWarehouse()).differences.filter((difference) => ['learning_record_facts', 'learning_estate_totals'].includes(difference.table))
const fileNameOf = (disposition: string) => decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '')

test.group('宣传培训 · 学习情况统计 and 学习记录', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedTraining()
    await syncWarehouse()
  })

  test('drill-down city → district → street → community → estate, from the warehouse, equals PostgreSQL', async ({ client, assert }) => {
    const stats = async (who: 'city' | 'futian' | 'head', region?: number) => {
      const response = await client.visit('api.training_statistics.index').qs(region ? { region_id: region } : {}).loginAs(await actor(who))
      response.assertStatus(200)
      return response.body()
    }
    const city = await stats('city')
    assert.equal(city.meta.childLevel, 'district')
    assert.deepEqual(city.data.map((row: any) => [row.id, row.staffEnrolled, row.staffCompleted, row.leadEnrolled, row.leadCompleted]), [
      [R.futian, 6, 3, 4, 2],
      [R.luohu, 1, 1, 0, 0],
    ])
    // the company practitioner's record is nobody's estate: not counted
    assert.deepEqual(figures(city.meta.totals), rounded(await postgresFigures()))
    assert.deepEqual(figures(city.meta.totals), rounded({ staffEnrolled: 7, staffCompleted: 4, staffHours: 249 / 60, staffCompletionRate: 4 / 7, leadEnrolled: 4, leadCompleted: 2, leadHours: 105 / 60, leadCompletionRate: 0.5 }))
    for (const row of city.data) assert.deepEqual(figures(row), rounded(await postgresFigures('district', row.id)))

    const district = await stats('futian')
    assert.deepEqual(district.data.map((row: any) => row.id), [R.yuanling, R.nanyuan])
    for (const row of district.data) assert.deepEqual(figures(row), rounded(await postgresFigures('street', row.id)))

    const street = await stats('head', R.yuanling)
    assert.equal(street.meta.childLevel, 'community')
    assert.deepEqual(street.data.map((row: any) => [row.id, row.staffEnrolled, row.staffCompleted, row.staffHours, row.leadEnrolled]), [
      [R.yl1, 3, 1, 99 / 60, 2],
      [R.yl2, 1, 1, 1, 0],
    ])
    for (const row of street.data) assert.deepEqual(figures(row), rounded(await postgresFigures('community', row.id)))

    const community = await stats('futian', R.yl1)
    assert.equal(community.meta.childLevel, 'estate')
    assert.deepEqual(community.meta.breadcrumb.map((crumb: any) => crumb.id), [R.futian, R.yuanling, R.yl1])
    assert.deepEqual(community.data.map((row: any) => [row.id, row.staffEnrolled, row.leadEnrolled, row.leadCompletionRate]), [
      [E.e1, 3, 2, 0.5],
      [E.e2, 0, 0, 0],
    ])
    assert.lengthOf(await learningDifferences(), 0)
  })

  test('穿透: the records behind each number, down to the person — group, completion, estate, keyword; phones masked; scope', async ({ client, assert }) => {
    const head = await actor('head')
    const list = (qs: Record<string, unknown>) => client.visit('api.training_records.index').qs(qs).loginAs(head)
    const street = (await client.visit('api.training_statistics.index').loginAs(head)).body().meta.totals

    const staff = await list({ group: 'staff' })
    staff.assertStatus(200)
    assert.equal(staff.body().meta.total, street.staffEnrolled)
    const completed = (await list({ group: 'staff', completed: '1' })).body()
    assert.equal(completed.meta.total, street.staffCompleted)
    const hours = staff.body().data.reduce((sum: number, row: any) => sum + row.hours, 0)
    assert.closeTo(hours, street.staffHours, 1e-9)

    const leads = (await list({ group: 'lead', region_id: R.yl1 })).body()
    assert.equal(leads.meta.total, 2)
    const first = leads.data.find((row: any) => row.courseId === C.video)
    assert.deepInclude(first, {
      practitionerId: P.lead1, learnerName: '张经理', post: '项目经理', isLead: true, phone: '139****0010', estateId: E.e1, estateName: '翠园小区',
      communityName: '园岭一社区', streetName: '园岭街道', districtName: '福田区', courseTitle: '消防设施日常巡查', courseKindName: '视频', progress: 100, hours: 1, completed: true,
    })
    assert.match(first.completedAt, /^2026-10-05T01:00:00/)

    const estate = (await list({ estate_id: E.e1, completed: '0' })).body()
    assert.deepEqual(estate.data.map((row: any) => [row.learnerName, row.courseId, row.progress]).sort(), [['张经理', C.leadDoc, 50], ['李保安', C.video, 40]].sort())
    assert.deepEqual((await list({ q: '王保' })).body().data.map((row: any) => row.practitionerId), [P.cleaner3])
    assert.equal((await list({ q: '合同备案' })).body().meta.total, 1)
    // the company practitioner has no estate: never in the list
    assert.notInclude((await client.visit('api.training_records.index').loginAs(await actor('city'))).body().data.map((row: any) => row.practitionerId), P.company)

    // outside the street: 404, nothing listed
    ;(await list({ region_id: R.gy1 })).assertStatus(404)
    ;(await client.visit('api.training_statistics.index').qs({ region_id: R.gy1 }).loginAs(head)).assertStatus(404)
    // bad filters: 422 naming the field in Chinese
    const bad = await list({ group: 'everyone', completed: 'yes' })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['group', 'completed'])
    assert.include(bad.body().errors.find((error: any) => error.field === 'group').message, '人员类别')
  })

  test('an estate moved to another community takes the records of its learners along (outbox), reconcile finds 0 differences', async ({ client, assert }) => {
    // 碧海花园 (e3: 王保洁, 1 record, completed) moves from 园岭二社区 to 园岭一社区
    await new EstateService().moveToCommunity(E.e3, R.yl1)
    assert.equal(Number((await db.from('outbox_events').where('topic', 'learning_record').count('* as n'))[0].n), 1)
    await drain()
    const street = (await client.visit('api.training_statistics.index').loginAs(await actor('head'))).body()
    assert.deepEqual(street.data.map((row: any) => [row.id, row.staffEnrolled, row.staffCompleted]), [
      [R.yl1, 4, 2],
      [R.yl2, 0, 0],
    ])
    assert.lengthOf(await learningDifferences(), 0)
  })

  test('every table exports to Excel: the drill table with 合计, the records with masked phones', async ({ client, assert }) => {
    const futian = await actor('futian')
    const table = await client.visit('api.training_statistics.export').loginAs(futian)
    table.assertStatus(200)
    assert.equal(fileNameOf(table.header('content-disposition')), '宣传培训-福田区.xlsx')
    const { rows } = await readSheet(table.body())
    assert.deepEqual(rows[0], ['街道', '从业人员报名(人次)', '从业人员完成(人次)', '从业人员学时(小时)', '从业人员完成率', '项目负责人报名(人次)', '项目负责人完成(人次)', '项目负责人学时(小时)', '项目负责人完成率'])
    assert.deepEqual(rows.slice(1), [
      ['园岭街道', 4, 2, 2.65, '50.0%', 2, 1, 1.25, '50.0%'],
      ['南园街道', 2, 1, 0.5, '50.0%', 2, 1, 0.5, '50.0%'],
      ['合计', 6, 3, 3.15, '50.0%', 4, 2, 1.75, '50.0%'],
    ])
    const records = await client.visit('api.training_records.export').qs({ group: 'lead' }).loginAs(futian)
    records.assertStatus(200)
    const sheet = (await readSheet(records.body())).rows
    assert.deepEqual(sheet[0].slice(0, 8), ['所属区', '所属街道', '所属社区', '物业项目', '学员', '岗位', '项目负责人', '手机号码'])
    assert.lengthOf(sheet, 5)
    assert.includeMembers(sheet.slice(1).map((row) => row[7]), ['139****0010', '138****0004'])
    // the street handler reads and exports it by default (roles.ts); a party secretary holds none of the module
    ;(await client.visit('api.training_records.export').loginAs(await actor('handler'))).assertStatus(200)
    ;(await client.visit('api.training_records.export').loginAs(await actor('party'))).assertStatus(403)
  })
})

test.group('宣传培训 · the learner and the courses', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedTraining()
    await syncWarehouse()
  })

  test('progress: enrols on the first step, idempotent, never backwards, completes at 100 — through the outbox', async ({ client, assert }) => {
    const manager = await actor('manager')
    const step = (course: number, progress: unknown) => client.post(`/api/v1/training/courses/${course}/progress`).json({ progress }).withCsrfToken().loginAs(manager)
    const record = () => db.from('learning_records').where({ practitioner_id: P.lead1, course_id: C.leadDoc }).firstOrFail()

    const moved = await step(C.leadDoc, 80)
    moved.assertStatus(200)
    assert.deepInclude(moved.body().data, { courseId: C.leadDoc, progress: 80, hours: 24 / 60, completedAt: null })
    assert.include(await record(), { progress: 80, learned_minutes: 24 })
    assert.equal((await drain()).events, 1)

    // the same or a lower step changes nothing and writes no event
    for (const progress of [80, 30]) {
      const again = await step(C.leadDoc, progress)
      again.assertStatus(200)
      assert.equal(again.body().data.progress, 80)
    }
    assert.equal((await drain()).events, 0)
    assert.include(await record(), { progress: 80 })

    const done = await step(C.leadDoc, 100)
    assert.isNotNull(done.body().data.completedAt)
    assert.include(await record(), { progress: 100, learned_minutes: 30 })
    await drain()
    const e1 = (await client.visit('api.training_statistics.index').qs({ region_id: R.yl1 }).loginAs(await actor('head'))).body().data[0]
    assert.include(e1, { id: E.e1, leadEnrolled: 2, leadCompleted: 2, leadCompletionRate: 1 })
    assert.closeTo(e1.leadHours, 1.5, 1e-9)
    assert.lengthOf(await learningDifferences(), 0)

    // my courses: both (项目负责人), with my progress
    const mine = await client.visit('api.training_learning.index').loginAs(manager)
    assert.deepEqual(mine.body().data.map((course: any) => [course.id, course.progress]).sort(), [[C.video, 100], [C.leadDoc, 100]])
    assert.deepEqual(mine.body().meta.learner, { name: '张经理', isLead: true })

    // bad input: 422 with the field, nothing changed
    for (const progress of [101, -1, '50', 12.5, null]) {
      const bad = await step(C.video, progress)
      bad.assertStatus(422)
      assert.equal(bad.body().errors[0].field, 'progress')
      assert.include(bad.body().errors[0].message, '学习进度')
    }
    // not a learner (no practitioner has the handler's phone), an unknown course: 404
    ;(await client.post(`/api/v1/training/courses/${C.video}/progress`).json({ progress: 10 }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(404)
    ;(await step(999, 10)).assertStatus(404)
    assert.deepEqual((await client.visit('api.training_learning.index').loginAs(await actor('handler'))).body(), { data: [], meta: { learner: null } })
  })

  test('a course for 项目负责人 is not open to other practitioners', async ({ client, assert }) => {
    // 业委会主任 `director` is a guard of e1 here (by phone)
    await db.table('practitioners').insert({ staff_group: 'estate', estate_id: E.e1, company_name: '测试物业公司', name: '周保安', id_number: '440304199001010099', phone: USERS.director.phone, post: '秩序维护员', is_lead: false })
    const director = await actor('director')
    ;(await client.post(`/api/v1/training/courses/${C.leadDoc}/progress`).json({ progress: 10 }).withCsrfToken().loginAs(director)).assertStatus(404)
    ;(await client.visit('api.training_courses.media', { id: C.leadDoc }).loginAs(director)).assertStatus(404)
    const open = await client.post(`/api/v1/training/courses/${C.video}/progress`).json({ progress: 10 }).withCsrfToken().loginAs(director)
    open.assertStatus(200)
    assert.deepEqual((await client.visit('api.training_learning.index').loginAs(director)).body().data.map((course: any) => course.id), [C.video])
  })

  test('courses: upload checked by content and size, created, played, changed with the version rule', async ({ client, assert }) => {
    const city = await actor('city')
    const upload = (content: Buffer, name: string, who = city) => client.post('/api/v1/training/media').file('file', content, { filename: name }).withCsrfToken().loginAs(who)

    const pdf = tinyPdf(['course'])
    const staged = await upload(pdf, '合同备案.pdf')
    assert.equal(staged.status(), 201, JSON.stringify(staged.body()))
    assert.deepInclude(staged.body().data, { fileName: '合同备案.pdf', contentType: 'application/pdf', kind: 'document', sizeBytes: pdf.length })
    const video = await upload(tinyMp4(60), '巡查.mp4')
    video.assertStatus(201)

    // the extension lies, an unsupported type, nothing at all, too large
    for (const [content, name] of [[Buffer.from('%PDF-1.4'), 'fake.mp4'], [tinyMp4(5), 'fake.pdf'], [Buffer.from('not a webm'), 'fake.webm']] as const) {
      const refused = await upload(content as Buffer, name)
      refused.assertStatus(422)
      assert.include(refused.body().errors[0].message, '不符')
    }
    const exe = await upload(Buffer.from('MZ'), 'tool.exe')
    exe.assertStatus(422)
    assert.equal(exe.body().errors[0].field, 'file')
    ;(await upload(Buffer.concat([pdf, Buffer.alloc(16 * 1024 * 1024)]), 'big.pdf')).assertStatus(422)
    ;(await client.post('/api/v1/training/media').json({}).withCsrfToken().loginAs(city)).assertStatus(422)

    const create = (json: Record<string, unknown>) => client.post('/api/v1/training/courses').json(json).withCsrfToken().loginAs(city)
    const input = { title: '物业服务合同备案实务（政策解读）', kind: 'document', audience: 'all', duration_minutes: 20, page_count: 8, media_token: staged.body().data.token }
    // a document course with a video file, bad fields: 422, nothing created
    const wrongKind = await create({ ...input, media_token: video.body().data.token })
    wrongKind.assertStatus(422)
    assert.equal(wrongKind.body().errors[0].field, 'media_token')
    const bad = await create({ ...input, title: '', audience: 'owners', duration_minutes: 0 })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((error: any) => error.field), ['title', 'audience', 'duration_minutes'])
    assert.include(bad.body().errors.find((error: any) => error.field === 'duration_minutes').message, '课程时长')
    assert.equal(Number((await db.from('training_courses').count('* as n'))[0].n), 2)

    const created = await create(input)
    created.assertStatus(201)
    const course = created.body().data
    assert.deepInclude(course, { title: input.title, kind: 'document', kindName: '文档', audience: 'all', durationMinutes: 20, pageCount: 8, version: 1, published: true })
    const row = await db.from('training_courses').where('id', course.id).firstOrFail()
    assert.equal(row.created_by, USERS.city.id)
    assert.isTrue(await storage().exists(row.storage_key))
    // a token is claimed once
    ;(await create(input)).assertStatus(422)

    // the player: a learner of its audience and the catalogue's readers get the file; others 404
    const played = await client.visit('api.training_courses.media', { id: course.id }).loginAs(await actor('manager'))
    played.assertStatus(200)
    assert.equal(played.header('content-type'), 'application/pdf')
    assert.deepEqual(Buffer.from(played.body()), pdf)
    ;(await client.visit('api.training_courses.media', { id: course.id }).loginAs(await actor('futian'))).assertStatus(200)
    ;(await client.visit('api.training_courses.media', { id: course.id }).loginAs(await actor('party'))).assertStatus(404)

    // the catalogue
    const catalogue = await client.visit('api.training_courses.index').qs({ kind: 'document', q: '政策' }).loginAs(await actor('futian'))
    assert.deepEqual(catalogue.body().data.map((item: any) => item.id), [course.id])

    // a change with the version read; a stale version is a 409 and changes nothing
    const update = (json: Record<string, unknown>, id = course.id) => client.patch(`/api/v1/training/courses/${id}`).json(json).withCsrfToken().loginAs(city)
    const changed = await update({ title: '合同备案实务', audience: 'lead', duration_minutes: 25, version: 1 })
    changed.assertStatus(200)
    assert.deepInclude(changed.body().data, { title: '合同备案实务', audience: 'lead', durationMinutes: 25, version: 2 })
    const stale = await update({ title: '旧版本', audience: 'all', duration_minutes: 25, version: 1 })
    stale.assertStatus(409)
    assert.include((await db.from('training_courses').where('id', course.id).firstOrFail()), { title: '合同备案实务', version: 2 })
    ;(await update({ title: '不存在', audience: 'all', duration_minutes: 5, version: 1 }, 999)).assertStatus(404)

    // a new length recounts the learned minutes of its records, and the warehouse follows
    const lengthened = await update({ title: '消防设施日常巡查', audience: 'all', duration_minutes: 120, version: 1 }, C.video)
    lengthened.assertStatus(200)
    assert.include(await db.from('learning_records').where({ practitioner_id: P.guard1, course_id: C.video }).firstOrFail(), { learned_minutes: 48 })
    assert.equal((await drain()).events, 4)
    assert.lengthOf(await learningDifferences(), 0)

    // only the city and district administrators keep courses
    ;(await client.post('/api/v1/training/courses').json(input).withCsrfToken().loginAs(await actor('head'))).assertStatus(403)
  })
})
