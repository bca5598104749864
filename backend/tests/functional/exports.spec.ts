import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { Disk } from 'flydrive'
import { S3Driver } from 'flydrive/drivers/s3'
import { useStorage } from '#services/file_storage'
import { startS3Stub, type S3Stub } from '../../stubs/s3_stub.ts'
import env from '#start/env'
import clock from '#services/clock'
import { R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { syncWarehouse } from '#tests/support/warehouse'
import { createExportsQueue, exportRunJobId, useExportsQueue } from '#modules/exports/export_queue'
import { produceExportRun } from '#modules/exports/export_run_processor'
import { exportsTick, expireOldFiles } from '#modules/exports/export_tick'
import { nextRunAt } from '#modules/exports/export_schedule'
import { DateTime } from 'luxon'

const FIRST_TRY = { attemptsMade: 0, maxAttempts: 3 }

let connection: Redis
let queue: Queue

async function counts() {
  const [subscriptions] = await db.from('export_subscriptions').count('* as n')
  const [runs] = await db.from('export_runs').count('* as n')
  return { subscriptions: Number(subscriptions.n), runs: Number(runs.n) }
}

test.group('导出中心 · schedule (Asia/Shanghai)', () => {
  test('daily, weekly and monthly due times are Shenzhen times, strictly after now', ({ assert }) => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' })
    const shown = (value: DateTime) => value.setZone('Asia/Shanghai').toFormat("yyyy-LL-dd HH:mm ccc")
    // 2026-12-07 is a Monday; 23:30 UTC on the 6th is already 07:30 on the 7th in Shenzhen
    assert.equal(shown(nextRunAt({ frequency: 'daily', timeOfDay: '08:00' }, at('2026-12-06T23:30:00'))), '2026-12-07 08:00 Mon')
    assert.equal(shown(nextRunAt({ frequency: 'daily', timeOfDay: '08:00' }, at('2026-12-07T00:00:00'))), '2026-12-08 08:00 Tue')
    assert.equal(shown(nextRunAt({ frequency: 'weekly', timeOfDay: '09:30', weekday: 5 }, at('2026-12-07T00:00:00'))), '2026-12-11 09:30 Fri')
    assert.equal(shown(nextRunAt({ frequency: 'weekly', timeOfDay: '07:00', weekday: 1 }, at('2026-12-07T00:00:00'))), '2026-12-14 07:00 Mon')
    assert.equal(shown(nextRunAt({ frequency: 'monthly', timeOfDay: '06:00', monthDay: 1 }, at('2026-12-07T00:00:00'))), '2027-01-01 06:00 Fri')
    assert.equal(shown(nextRunAt({ frequency: 'monthly', timeOfDay: '06:00', monthDay: 28 }, at('2026-12-07T00:00:00'))), '2026-12-28 06:00 Mon')
  })
})

test.group('导出中心 · API and worker', (group) => {
  group.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    return async () => {
      useExportsQueue(undefined)
      await connection.quit()
    }
  })
  group.each.setup(async () => {
    await db.connection('owner').rawQuery('TRUNCATE export_runs, export_subscriptions, messages RESTART IDENTITY CASCADE')
    queue = createExportsQueue(connection, { prefix: `szpm-test-exports-${randomUUID().slice(0, 8)}` })
    useExportsQueue(queue)
    clock.travelTo('2026-12-07T07:59:00+08:00')
    return async () => {
      clock.reset()
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })

  test('lists the statistics tables the user may export', async ({ client, assert }) => {
    const head = await client.visit('api.exports.tables').loginAs(await actor('head'))
    head.assertStatus(200)
    const modules = head.body().data.map((row: { module: string }) => row.module)
    assert.includeMembers(modules, ['projects', 'filings', 'evaluations'])
    assert.deepEqual(head.body().meta.region, { id: R.yuanling, name: '园岭街道' })
    assert.deepEqual(head.body().meta.frequencies.map((f: { label: string }) => f.label), ['每天', '每周', '每月'])
    // a party secretary exports only 党建园地 by default (party_building.export)
    const party = await client.visit('api.exports.tables').loginAs(await actor('party'))
    assert.deepEqual(party.body().data.map((row: { module: string }) => row.module), ['party_building'])
  })

  test('bad subscriptions answer 422 / 404 with the field and change nothing', async ({ client, assert }) => {
    const head = await actor('head')
    const cases: [Record<string, unknown>, number, string | null][] = [
      [{ module: 'nope', frequency: 'daily', time_of_day: '08:00' }, 422, 'module'],
      [{ module: 'projects', frequency: 'hourly', time_of_day: '08:00' }, 422, 'frequency'],
      [{ module: 'projects', frequency: 'daily', time_of_day: '8点' }, 422, 'time_of_day'],
      [{ module: 'projects', frequency: 'daily', time_of_day: '24:00' }, 422, 'time_of_day'],
      [{ module: 'projects', frequency: 'weekly', time_of_day: '08:00' }, 422, 'weekday'],
      [{ module: 'projects', frequency: 'monthly', time_of_day: '08:00', month_day: 31 }, 422, 'month_day'],
      // another street's region: exactly like a missing one
      [{ module: 'projects', region_id: R.nanyuan, frequency: 'daily', time_of_day: '08:00' }, 404, null],
    ]
    for (const [body, status, field] of cases) {
      const response = await client.post('/api/v1/export-subscriptions').json(body).withCsrfToken().loginAs(head)
      response.assertStatus(status)
      const error = response.body().errors[0]
      assert.match(error.message, /[\u4e00-\u9fff]/, JSON.stringify(body))
      if (field) assert.equal(error.field, field, JSON.stringify(body))
    }
    const party = await client.post('/api/v1/export-subscriptions').json({ module: 'projects', frequency: 'daily', time_of_day: '08:00' }).withCsrfToken().loginAs(await actor('party'))
    party.assertStatus(422)
    assert.equal(party.body().errors[0].message, '您没有导出这张统计表的权限')
    assert.deepEqual(await counts(), { subscriptions: 0, runs: 0 })
  })

  test('a daily 08:00 subscription produces its file at 08:00 Shenzhen time, once, with an in-app message; the download equals the page', async ({ client, assert }) => {
    const head = await actor('head')
    const created = await client.post('/api/v1/export-subscriptions').json({ module: 'projects', frequency: 'daily', time_of_day: '08:00' }).withCsrfToken().loginAs(head)
    created.assertStatus(201)
    assert.include(created.body().data, { module: 'projects', title: '项目管理统计', regionName: '园岭街道', scheduleName: '每天 08:00', nextRunAt: '2026-12-07T00:00:00.000Z' })

    // 07:59 Shenzhen: not due yet
    assert.deepEqual(await exportsTick(), { created: 0, requeued: 0, expired: 0 })
    clock.travelTo('2026-12-07T08:00:05+08:00')
    assert.equal((await exportsTick()).created, 1)
    // a repeated tick (or a second worker) makes no second run for the same due time
    assert.equal((await exportsTick()).created, 0)
    const [run] = await db.from('export_runs').select('*')
    assert.include(run, { user_id: USERS.head.id, module: 'projects', region_id: R.yuanling, status: 'queued' })
    assert.equal(new Date(run.due_at).toISOString(), '2026-12-07T00:00:00.000Z')
    assert.isNotNull(await queue.getJob(exportRunJobId(run.id)))
    const subscription = await db.from('export_subscriptions').first()
    assert.equal(new Date(subscription.next_run_at).toISOString(), '2026-12-08T00:00:00.000Z')

    const result = await produceExportRun(run.id, FIRST_TRY)
    assert.include(result, { runId: run.id })
    const done = await db.from('export_runs').where('id', run.id).first()
    assert.include(done, { status: 'done', progress: 100 })
    assert.match(done.file_name, /^项目管理-园岭街道-20261207-\d{4}\.xlsx$/)
    assert.isTrue(await drive.use().exists(done.file_key))
    // the same job again does nothing (idempotent)
    assert.deepEqual(await produceExportRun(run.id, FIRST_TRY), { runId: run.id, skipped: true })

    const messages = await db.from('messages').where('recipient_id', USERS.head.id)
    assert.lengthOf(messages, 1)
    assert.include(messages[0], { kind: 'export', module: 'exports', subject_type: 'export_run', subject_id: run.id, subject_page: 'exports' })

    const requestId = `t-${randomUUID()}`
    const download = await client.get(`/api/v1/exports/${run.id}/download`).header('X-Request-Id', requestId).loginAs(head)
    download.assertStatus(200)
    const page = await client.visit('api.project_stats.export').loginAs(head)
    const [file, shown] = [await readSheet(download.body()), await readSheet(page.body())]
    assert.deepEqual(file.rows, shown.rows)
    assert.equal(done.row_count, shown.rows.length - 1)
    const [audit] = await db.from('audit_logs').where('request_id', requestId)
    assert.include(audit, { action: 'export', outcome: 'success', user_id: USERS.head.id, route: 'api.exports.download' })
    assert.include(audit.detail, { table: 'projects', region_id: R.yuanling, row_count: done.row_count, run_id: run.id })

    // the run list shows it, and exports to Excel
    const list = await client.visit('api.exports.index').loginAs(head)
    assert.include(list.body().data[0], { id: run.id, scheduled: true, status: 'done', statusName: '已完成', progress: 100 })
    const sheet = await readSheet((await client.visit('api.exports.export').loginAs(head)).body())
    assert.equal(sheet.rows[1][0], '项目管理统计')
  })

  test('立即导出 runs in the background; another user sees none of it; the file expires after its retention', async ({ client, assert }) => {
    const handler = await actor('handler')
    const requested = await client.post('/api/v1/exports').json({ module: 'filings', region_id: R.yl1 }).withCsrfToken().loginAs(handler)
    requested.assertStatus(202)
    const runId = requested.body().data.id
    assert.include(requested.body().data, { status: 'queued', statusName: '排队中', scheduled: false, regionName: '园岭一社区' })
    assert.isNotNull(await queue.getJob(exportRunJobId(runId)))

    // not ready yet: 409, nothing sent
    const early = await client.get(`/api/v1/exports/${runId}/download`).loginAs(handler)
    early.assertStatus(409)
    assert.equal(early.body().errors[0].message, '文件尚未生成完成，请稍后再下载')

    await produceExportRun(runId, FIRST_TRY)
    const shown = await client.get(`/api/v1/exports/${runId}`).loginAs(handler)
    assert.include(shown.body().data, { status: 'done', progress: 100 })

    // another user (same street, even its head): 404 for the run and its file
    const head = await actor('head')
    ;(await client.get(`/api/v1/exports/${runId}`).loginAs(head)).assertStatus(404)
    ;(await client.get(`/api/v1/exports/${runId}/download`).loginAs(head)).assertStatus(404)
    assert.deepEqual((await client.visit('api.exports.index').loginAs(head)).body().data, [])

    const { file_key: key } = await db.from('export_runs').where('id', runId).first()
    clock.travelTo('2026-12-14T08:00:00+08:00')
    assert.equal(await expireOldFiles(), 1)
    assert.isFalse(await drive.use().exists(key))
    const gone = await client.get(`/api/v1/exports/${runId}/download`).loginAs(handler)
    gone.assertStatus(410)
    assert.equal(gone.body().errors[0].message, '文件已过期，请重新导出')
    assert.include(await db.from('export_runs').where('id', runId).first(), { status: 'expired', file_key: null })
  })

  test('后台导出 of a records list keeps the page\'s filters and scope: the file equals the download; a bad filter is a 422 and writes nothing', async ({ client, assert }) => {
    const handler = await actor('handler')
    const bad = await client.post('/api/v1/exports').json({ module: 'filings', kind: 'records', query: { contract_status: 'bogus' } }).withCsrfToken().loginAs(handler)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'contract_status')
    const foreign = await client.post('/api/v1/exports').json({ module: 'filings', kind: 'records', region_id: R.nanyuan }).withCsrfToken().loginAs(handler)
    foreign.assertStatus(404)
    assert.deepEqual(await counts(), { subscriptions: 0, runs: 0 })

    const requested = await client.post('/api/v1/exports').json({ module: 'filings', kind: 'records', region_id: R.yl1, query: { contract_status: 'filed' } }).withCsrfToken().loginAs(handler)
    requested.assertStatus(202)
    assert.include(requested.body().data, { kind: 'records', title: '备案记录', regionName: '园岭一社区' })
    const runId = requested.body().data.id
    await produceExportRun(runId, FIRST_TRY)
    const done = await db.from('export_runs').where('id', runId).first()
    assert.include(done, { status: 'done', progress: 100 })
    const file = await readSheet((await client.get(`/api/v1/exports/${runId}/download`).loginAs(handler)).body())
    const page = await readSheet((await client.visit('api.estate_filings.export').qs({ region_id: R.yl1, contract_status: 'filed' }).loginAs(handler)).body())
    assert.deepEqual(file.rows, page.rows)
    assert.isAbove(page.rows.length, 1)
    assert.equal(done.row_count, page.rows.length - 1)
    // the filter was applied: the unfiltered list is longer
    const all = await readSheet((await client.visit('api.estate_filings.export').qs({ region_id: R.yl1 }).loginAs(handler)).body())
    assert.isAbove(all.rows.length, page.rows.length)
  })

  test('a run whose subscriber lost the feature fails with the reason, sends nothing, and is not retried', async ({ assert }) => {
    const [run] = await db
      .table('export_runs')
      .insert({ user_id: USERS.handler.id, module: 'projects', region_id: R.yuanling, query: JSON.stringify({ region_id: R.yuanling }), status: 'queued', requested_at: new Date() })
      .returning('*')
    await db.from('user_features').where({ user_id: USERS.handler.id, feature: 'projects.export' }).delete()
    try {
      assert.deepEqual(await produceExportRun(run.id, FIRST_TRY), { runId: run.id, failed: '您已没有导出这张统计表的权限' })
      assert.include(await db.from('export_runs').where('id', run.id).first(), { status: 'failed', error: '您已没有导出这张统计表的权限', file_key: null })
      assert.lengthOf(await db.from('messages'), 0)
    } finally {
      await db.table('user_features').insert({ user_id: USERS.handler.id, feature: 'projects.export', granted_at: new Date() })
    }
  })

  test('subscriptions are the user\'s own: list, cancel, another\'s answers 404', async ({ client, assert }) => {
    const head = await actor('head')
    const created = await client.post('/api/v1/export-subscriptions').json({ module: 'filings', frequency: 'weekly', weekday: 5, time_of_day: '17:30' }).withCsrfToken().loginAs(head)
    created.assertStatus(201)
    assert.equal(created.body().data.scheduleName, '每周五 17:30')
    const id = created.body().data.id
    ;(await client.delete(`/api/v1/export-subscriptions/${id}`).withCsrfToken().loginAs(await actor('handler'))).assertStatus(404)
    assert.lengthOf((await client.visit('api.export_subscriptions.index').loginAs(head)).body().data, 1)
    ;(await client.delete(`/api/v1/export-subscriptions/${id}`).withCsrfToken().loginAs(head)).assertStatus(200)
    assert.deepEqual(await counts(), { subscriptions: 0, runs: 0 })
  })
})

/** the S3 disk of config/drive.ts (flydrive + the AWS SDK), pointed at the local S3 stub */
function s3Disk(stub: S3Stub, secretAccessKey = stub.secretAccessKey) {
  return new Disk(
    new S3Driver({
      bucket: 'szpm',
      region: 'cn-south-1',
      endpoint: stub.url,
      forcePathStyle: true,
      credentials: { accessKeyId: stub.accessKeyId, secretAccessKey },
      visibility: 'private',
    })
  )
}

test.group('导出中心 · files in an S3-compatible bucket (the real S3 client against the S3 stub)', (group) => {
  let stub: S3Stub
  group.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    stub = await startS3Stub()
    connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    return async () => {
      useStorage(undefined)
      useExportsQueue(undefined)
      await connection.quit()
      await stub.close()
    }
  })
  group.each.setup(async () => {
    await db.connection('owner').rawQuery('TRUNCATE export_runs, export_subscriptions, messages RESTART IDENTITY CASCADE')
    queue = createExportsQueue(connection, { prefix: `szpm-test-exports-${randomUUID().slice(0, 8)}` })
    useExportsQueue(queue)
    stub.clear()
    return async () => {
      useStorage(undefined)
      clock.reset()
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })

  test('the file is put in the bucket (signed, with its length), downloaded from it, and deleted when it expires', async ({ client, assert }) => {
    useStorage(s3Disk(stub))
    const head = await actor('head')
    const requested = await client.post('/api/v1/exports').json({ module: 'projects' }).withCsrfToken().loginAs(head)
    requested.assertStatus(202)
    const runId = requested.body().data.id
    await produceExportRun(runId, FIRST_TRY)
    const run = await db.from('export_runs').where('id', runId).first()
    assert.include(run, { status: 'done' })
    const [object] = stub.objects()
    assert.include(object, { bucket: 'szpm', key: run.file_key, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    assert.equal(object.body.length, Number(run.size_bytes))

    const download = await client.get(`/api/v1/exports/${runId}/download`).loginAs(head)
    download.assertStatus(200)
    assert.deepEqual(Buffer.compare(download.body(), object.body), 0)

    clock.travelTo(DateTime.now().plus({ days: 8 }).toISO()!)
    assert.equal(await expireOldFiles(), 1)
    assert.lengthOf(stub.objects(), 0)
  })

  test('a bucket that refuses the signature (wrong secret) fails the try, keeps the reason, and leaves no file', async ({ client, assert }) => {
    useStorage(s3Disk(stub, 'not-the-secret'))
    const requested = await client.post('/api/v1/exports').json({ module: 'projects' }).withCsrfToken().loginAs(await actor('head'))
    const runId = requested.body().data.id
    await assert.rejects(() => produceExportRun(runId, FIRST_TRY))
    assert.include(await db.from('export_runs').where('id', runId).first(), { status: 'queued', error: '生成文件失败，请稍后重试', file_key: null, attempts: 1 })
    // the last try fails the run for good
    assert.deepEqual(await produceExportRun(runId, { attemptsMade: 2, maxAttempts: 3 }), { runId, failed: '生成文件失败，请稍后重试' })
    assert.include(await db.from('export_runs').where('id', runId).first(), { status: 'failed' })
    assert.lengthOf(stub.objects(), 0)
    assert.lengthOf(await db.from('messages'), 0)
  })
})
