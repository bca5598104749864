import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import { Worker } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import clock from '#services/clock'
import { appUrl } from '#config/app'
import { USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { smsStub, wechatStub } from '#tests/support/identity'
import { notify, markSubjectRead } from '#modules/messages/notifier'
import { onMessageRead, offMessageRead, type ReadListener } from '#modules/messages/read_listeners'
import { deliveryStatusOf } from '#modules/messages/delivery_summary'
import { deliverMessage } from '#modules/messages/deliver_message'
import { createDeliveryQueue, deliveryJobId, requeueWaitingDeliveries, useDeliveryQueue, MESSAGE_DELIVERIES_QUEUE } from '#modules/messages/delivery_queue'
import { deliveryProcessor } from '#modules/messages/delivery_worker'
import type { NotificationRequest } from '#modules/messages/notification'

const SEND = '/cgi-bin/message/template/send'
const OPENID = { handler: 'o_msg_handler_0001', head: 'o_msg_head_0001' }

/** a request to the world's street handler (WeChat bound) and community handler (no WeChat) */
function request(overrides: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    reason: 'test.remind',
    kind: 'reminder',
    module: 'todos',
    recipientIds: [USERS.handler.id, USERS.community.id],
    title: '请及时更新物业项目信息',
    summary: '翠园小区的信息已超过 90 天未更新。',
    senderId: USERS.head.id,
    ...overrides,
  }
}

async function deliveriesOf(messageIds: number[]) {
  return db.from('message_deliveries').whereIn('message_id', messageIds).orderBy('id')
}

let connection: Redis
let queue: Queue

test.group('messages · notify', (group) => {
  group.setup(async () => {
    await resetWorld()
    connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    return async () => {
      useDeliveryQueue(undefined)
      await connection.quit()
    }
  })
  group.each.setup(async () => {
    await db.connection('owner').rawQuery('TRUNCATE messages RESTART IDENTITY CASCADE')
    await db.from('users').where('id', USERS.handler.id).update({ wechat_openid: OPENID.handler })
    await db.from('users').where('id', USERS.head.id).update({ wechat_openid: OPENID.head })
    queue = createDeliveryQueue(connection, { prefix: `szpm-test-msg-${randomUUID().slice(0, 8)}` })
    useDeliveryQueue(queue)
    wechatStub().clear()
    smsStub().clear()
    clock.travelTo('2026-12-07T10:00:00+08:00')
    return async () => {
      clock.reset()
      await queue.obliterate({ force: true })
      await queue.close()
    }
  })

  test('writes one message per recipient, a WeChat delivery for the bound account, and queues it after commit', async ({ assert }) => {
    const result = await notify(request({ subject: { type: 'estate', id: 1, page: 'estate' } }))
    assert.deepEqual(result.sent.map((row) => row.userId), [USERS.handler.id, USERS.community.id])
    assert.deepEqual(result.skipped, [])
    const messages = await db.from('messages').orderBy('id')
    assert.lengthOf(messages, 2)
    assert.include(messages[0], { recipient_id: USERS.handler.id, sender_id: USERS.head.id, kind: 'reminder', module: 'todos', reason: 'test.remind',
      subject_type: 'estate', subject_id: 1, subject_page: 'estate', read_at: null, sms_fallback: false })
    // no WeChat and no SMS asked for: the community handler has the in-app message only
    const deliveries = await deliveriesOf(messages.map((m) => m.id))
    assert.deepEqual(deliveries.map((d) => [d.message_id, d.channel, d.status, d.attempts]), [[messages[0].id, 'wechat', 'queued', 0]])
    const job = await queue.getJob(deliveryJobId(deliveries[0].id))
    assert.deepEqual(job?.data, { deliveryId: deliveries[0].id })
    const events = await db.from('message_delivery_events').where('delivery_id', deliveries[0].id)
    assert.deepEqual(events.map((e) => e.status), ['queued'])
  })

  test('at most once per recipient per reason per Asia/Shanghai day: the second is skipped with when the first went', async ({ assert }) => {
    clock.travelTo('2026-12-07T23:58:00+08:00')
    const first = await notify(request())
    const before = { messages: await db.from('messages').count('* as n'), jobs: await queue.getJobCounts() }
    clock.travelTo('2026-12-07T23:59:30+08:00')
    const second = await notify(request({ title: '再次提醒' }))
    assert.deepEqual(second.sent, [])
    assert.deepEqual(second.skipped.map((row) => row.userId).sort(), [USERS.handler.id, USERS.community.id].sort())
    const created = await db.from('messages').where('id', first.sent[0].messageId).first()
    for (const skipped of second.skipped) assert.equal(skipped.lastSentAt.toMillis(), new Date(created.created_at).getTime())
    assert.equal(second.skipped[0].lastSentAt.toFormat('yyyy-MM-dd HH:mm ZZ'), '2026-12-07 23:58 +08:00')
    // nothing written, nothing sent
    assert.deepEqual(await db.from('messages').count('* as n'), before.messages)
    assert.deepEqual(await queue.getJobCounts(), before.jobs)
    assert.lengthOf(await db.from('message_deliveries'), 1)
    // another reason the same day is another message
    const other = await notify(request({ reason: 'test.other', recipientIds: [USERS.handler.id] }))
    assert.lengthOf(other.sent, 1)
    // the next day in Shenzhen (still 7 December in UTC) is allowed again
    clock.travelTo('2026-12-08T00:00:30+08:00')
    const nextDay = await notify(request())
    assert.lengthOf(nextDay.sent, 2)
    assert.deepEqual(nextDay.skipped, [])
    const days = await db.from('messages').where('reason', 'test.remind').select(db.raw(`to_char(sent_on, 'YYYY-MM-DD') as d`)).orderBy('id')
    assert.deepEqual(days.map((row) => row.d), ['2026-12-07', '2026-12-07', '2026-12-08', '2026-12-08'])
  })

  test('two notify calls at the same time write one message per recipient', async ({ assert }) => {
    const [a, b] = await Promise.all([notify(request({ recipientIds: [USERS.handler.id] })), notify(request({ recipientIds: [USERS.handler.id] }))])
    assert.equal(a.sent.length + b.sent.length, 1)
    assert.equal(a.skipped.length + b.skipped.length, 1)
    assert.lengthOf(await db.from('messages'), 1)
    assert.lengthOf(await db.from('message_deliveries'), 1)
    assert.equal((await queue.getJobCounts()).waiting, 1)
  })

  test("in the caller's transaction: nothing is queued before commit, nothing at all after a rollback", async ({ assert }) => {
    const trx = await db.transaction()
    const result = await notify(request({ recipientIds: [USERS.handler.id] }), trx)
    assert.equal((await queue.getJobCounts()).waiting, 0)
    await trx.rollback()
    assert.lengthOf(await db.from('messages'), 0)
    assert.equal((await queue.getJobCounts()).waiting, 0)

    const committed = await db.transaction()
    const again = await notify(request({ recipientIds: [USERS.handler.id] }), committed)
    assert.lengthOf(again.sent, 1)
    assert.notEqual(again.sent[0].messageId, result.sent[0].messageId)
    assert.equal((await queue.getJobCounts()).waiting, 0)
    await committed.commit() // the after-commit hook has added the job when commit resolves
    assert.equal((await queue.getJobCounts()).waiting, 1)
  })

  test('refuses a malformed request (unknown kind, page, user) and writes nothing', async ({ assert }) => {
    await assert.rejects(() => notify(request({ kind: 'spam' as any })), /unknown kind/)
    await assert.rejects(() => notify(request({ subject: { type: 'x', id: 1, page: 'no-such-page' } })), /not a page/)
    await assert.rejects(() => notify(request({ recipientIds: [USERS.handler.id, 999999] })), /no such users: 999999/)
    await assert.rejects(() => notify(request({ reason: '' })), /reason/)
    assert.lengthOf(await db.from('messages'), 0)
    assert.deepEqual(await notify(request({ recipientIds: [] })), { sent: [], skipped: [] })
  })

  test('delivers the WeChat template message with the deep link into the H5, and records it', async ({ assert }) => {
    const { sent } = await notify(request({ recipientIds: [USERS.handler.id], subject: { type: 'estate', id: 3, page: 'estate' } }))
    const [delivery] = await deliveriesOf([sent[0].messageId])
    assert.equal(await deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3 }), 'sent')
    const [message] = wechatStub().sent(OPENID.handler)
    assert.equal(message.url, `${appUrl.replace(/\/+$/, '')}/m/estates/3`)
    assert.equal(message.client_msg_id, `szpm-delivery-${delivery.id}`)
    assert.equal(message.template_id, 'szpm-reminder-template')
    assert.equal(message.data.first.value, '请及时更新物业项目信息')
    const row = await db.from('message_deliveries').where('id', delivery.id).first()
    assert.include(row, { status: 'sent', attempts: 1, last_error: null, external_id: String(message.msgid) })
    assert.isNotNull(row.sent_at)
    const events = await db.from('message_delivery_events').where('delivery_id', delivery.id).orderBy('id')
    assert.deepEqual(events.map((e) => [e.status, e.attempt]), [['queued', 0], ['sending', 1], ['sent', 1]])
    // a second run of the same job does nothing
    assert.equal(await deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3 }), 'already_done')
    assert.lengthOf(wechatStub().sent(OPENID.handler), 1)

    const summary = await deliveryStatusOf([sent[0].messageId, 424242])
    assert.deepInclude(summary.get(sent[0].messageId)![0], { channel: 'wechat', status: 'sent', attempts: 1, lastError: null })
    assert.deepEqual(summary.get(424242), [])
  })

  test('a message without a subject links to itself in the H5', async ({ assert }) => {
    const { sent } = await notify(request({ recipientIds: [USERS.handler.id] }))
    const [delivery] = await deliveriesOf([sent[0].messageId])
    await deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3 })
    assert.equal(wechatStub().sent(OPENID.handler)[0].url, `${appUrl.replace(/\/+$/, '')}/m/messages/${sent[0].messageId}`)
  })

  test('the worker dies between WeChat\'s answer and the record: the retry records it, the user gets it once', async ({ assert }) => {
    const { sent } = await notify(request({ recipientIds: [USERS.handler.id] }))
    const [delivery] = await deliveriesOf([sent[0].messageId])
    await assert.rejects(() => deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3, afterSend: () => { throw new Error('killed') } }), 'killed')
    assert.include(await db.from('message_deliveries').where('id', delivery.id).first(), { status: 'sending', attempts: 1 })
    assert.equal(await deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3 }), 'sent')
    const response = await fetch(`${wechatStub().url}/__sent?client_msg_id=szpm-delivery-${delivery.id}`)
    const delivered = (await response.json()) as unknown[]
    assert.lengthOf(delivered, 1)
    assert.equal(wechatStub().calls()[SEND], 2)
    assert.include(await db.from('message_deliveries').where('id', delivery.id).first(), { status: 'sent', attempts: 2 })
  })

  test('through BullMQ: a job whose first run dies after the send is retried and the message reaches WeChat once', async ({ assert, cleanup }) => {
    const { sent } = await notify(request({ recipientIds: [USERS.handler.id] }))
    const [delivery] = await deliveriesOf([sent[0].messageId])
    const job = await queue.getJob(deliveryJobId(delivery.id))
    const base = deliveryProcessor()
    let runs = 0
    const worker = new Worker(
      MESSAGE_DELIVERIES_QUEUE,
      async (bullJob) => {
        runs++
        if (runs === 1) {
          return deliverMessage(bullJob.data.deliveryId, { attemptsMade: bullJob.attemptsMade, maxAttempts: 3, afterSend: () => { throw new Error('worker killed') } })
        }
        return base(bullJob)
      },
      { connection, prefix: (queue as any).opts.prefix, concurrency: 1 }
    )
    cleanup(() => worker.close())
    // backoff of the real options would wait 10 s: move the retry forward
    for (let i = 0; i < 400; i++) {
      const state = await (await queue.getJob(deliveryJobId(delivery.id)))?.getState()
      if (state === 'delayed') await (await queue.getJob(deliveryJobId(delivery.id)))!.promote()
      if (state === 'completed') break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.equal(runs, 2)
    assert.include(await db.from('message_deliveries').where('id', delivery.id).first(), { status: 'sent', attempts: 2 })
    assert.lengthOf(wechatStub().sent(OPENID.handler), 1)
  })

  test('a WeChat error is retried with the reason kept, and fails after the last attempt', async ({ assert }) => {
    const { sent } = await notify(request({ recipientIds: [USERS.handler.id] }))
    const [delivery] = await deliveriesOf([sent[0].messageId])
    wechatStub().failNext(SEND, 45009, undefined, 3)
    await assert.rejects(() => deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3 }), '微信接口今日调用次数已达上限')
    assert.include(await db.from('message_deliveries').where('id', delivery.id).first(), { status: 'queued', attempts: 1, last_error: '微信接口今日调用次数已达上限' })
    await assert.rejects(() => deliverMessage(delivery.id, { attemptsMade: 1, maxAttempts: 3 }))
    await assert.rejects(() => deliverMessage(delivery.id, { attemptsMade: 2, maxAttempts: 3 }))
    assert.include(await db.from('message_deliveries').where('id', delivery.id).first(), { status: 'failed', attempts: 3, last_error: '微信接口今日调用次数已达上限' })
    // a failed delivery is not sent by a later run either
    assert.equal(await deliverMessage(delivery.id, { attemptsMade: 0, maxAttempts: 3 }), 'already_done')
    assert.lengthOf(wechatStub().sent(), 0)
    const events = await db.from('message_delivery_events').where('delivery_id', delivery.id).orderBy('id')
    assert.deepEqual(events.map((e) => e.status), ['queued', 'sending', 'queued', 'sending', 'queued', 'sending', 'failed'])
    const summary = await deliveryStatusOf([sent[0].messageId])
    assert.deepInclude(summary.get(sent[0].messageId)![0], { status: 'failed', attempts: 3, lastError: '微信接口今日调用次数已达上限', sentAt: null })
  })

  test('SMS where the module asks for it: without WeChat at once, and when WeChat refuses for good (43004)', async ({ assert }) => {
    const { sent } = await notify(request({ smsFallback: true }))
    const [toHandler, toCommunity] = sent
    const deliveries = await deliveriesOf([toHandler.messageId, toCommunity.messageId])
    assert.deepEqual(deliveries.map((d) => [d.message_id, d.channel]), [[toHandler.messageId, 'wechat'], [toCommunity.messageId, 'sms']])

    // no WeChat: the SMS carries the title and the link
    assert.equal(await deliverMessage(deliveries[1].id, { attemptsMade: 0, maxAttempts: 3 }), 'sent')
    const [sms] = smsStub().sent(USERS.community.phone)
    assert.deepEqual(sms.templateParam, { title: '请及时更新物业项目信息'.slice(0, 20), link: `${appUrl.replace(/\/+$/, '')}/m/messages/${toCommunity.messageId}` })

    // the handler does not follow the account: failed at once with the reason, SMS instead
    wechatStub().failNext(SEND, 43004)
    assert.equal(await deliverMessage(deliveries[0].id, { attemptsMade: 0, maxAttempts: 3 }), 'failed')
    assert.include(await db.from('message_deliveries').where('id', deliveries[0].id).first(), { status: 'failed', attempts: 1, last_error: '该微信用户未关注公众号' })
    const fallback = await db.from('message_deliveries').where({ message_id: toHandler.messageId, channel: 'sms' }).first()
    assert.include(fallback, { status: 'queued' })
    assert.isNotNull(await queue.getJob(deliveryJobId(fallback.id)))
    assert.equal(await deliverMessage(fallback.id, { attemptsMade: 0, maxAttempts: 3 }), 'sent')
    assert.lengthOf(smsStub().sent(USERS.handler.phone), 1)
  })

  test('Redis refusing the job does not fail the send: the delivery stays queued for the safety net', async ({ assert }) => {
    useDeliveryQueue({ addBulk: () => Promise.reject(new Error('Connection is closed.')) } as unknown as Queue)
    try {
      const { sent } = await notify(request({ recipientIds: [USERS.handler.id] }))
      assert.lengthOf(sent, 1)
      assert.include((await deliveriesOf([sent[0].messageId]))[0], { status: 'queued', attempts: 0 })
    } finally {
      useDeliveryQueue(queue)
    }
    clock.travelTo('2026-12-07T10:02:00+08:00')
    assert.equal(await requeueWaitingDeliveries(), 1)
    assert.equal((await queue.getJobCounts()).waiting, 1)
  })

  test('the safety net queues deliveries left without a job a minute after the commit', async ({ assert }) => {
    const { sent } = await notify(request({ recipientIds: [USERS.handler.id] }))
    const [delivery] = await deliveriesOf([sent[0].messageId])
    await queue.obliterate({ force: true }) // the job was lost (Redis wiped, crash before the add)
    assert.equal(await requeueWaitingDeliveries(), 0) // not yet a minute
    clock.travelTo('2026-12-07T10:02:00+08:00')
    assert.equal(await requeueWaitingDeliveries(), 1)
    assert.isNotNull(await queue.getJob(deliveryJobId(delivery.id)))
    assert.equal(await requeueWaitingDeliveries(), 0) // its job is waiting: not added twice
  })
})

test.group('messages · inbox API', (group) => {
  let calls: { userId: number; subjectId: number; messageId: number }[] = []
  const listener: ReadListener = async (trx, read) => {
    // runs inside the transaction of the read: the row is already read there
    const row = await trx.from('messages').where('id', read.messageId).first()
    assert(row.read_at !== null)
    calls.push({ userId: read.userId, subjectId: read.subjectId, messageId: read.messageId })
  }
  function assert(condition: boolean) {
    if (!condition) throw new Error('read listener ran outside the read')
  }
  const ids: Record<string, number> = {}

  group.setup(async () => {
    await resetWorld()
    const connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    const queue = createDeliveryQueue(connection, { prefix: `szpm-test-inbox-${randomUUID().slice(0, 8)}` })
    useDeliveryQueue(queue)
    onMessageRead('test_subject', listener)
    return async () => {
      offMessageRead('test_subject', listener)
      useDeliveryQueue(undefined)
      await queue.obliterate({ force: true })
      await queue.close()
      await connection.quit()
    }
  })
  group.each.setup(async () => {
    calls = []
    await db.connection('owner').rawQuery('TRUNCATE messages RESTART IDENTITY CASCADE')
    const to = [USERS.handler.id]
    ids.notice = (await notify(request({ reason: 't.notice', kind: 'notice', module: 'todos', recipientIds: to, title: '关于开展消防检查的通知', subject: { type: 'test_subject', id: 7, page: 'estate' } }))).sent[0].messageId
    ids.urge = (await notify(request({ reason: 't.urge', kind: 'urge', recipientIds: to, title: '催办：请尽快阅读' }))).sent[0].messageId
    ids.reminder = (await notify(request({ reason: 't.reminder', kind: 'reminder', recipientIds: to, senderId: null, title: '提醒更新' }))).sent[0].messageId
    ids.foreign = (await notify(request({ reason: 't.notice', kind: 'notice', recipientIds: [USERS.nanyuan.id], subject: { type: 'test_subject', id: 7, page: 'estate' } }))).sent[0].messageId
  })

  test('lists only the own messages, newest first, filtered by kind and unread, with the unread badge', async ({ client, assert }) => {
    const handler = await actor('handler')
    const all = await client.get('/api/v1/messages').loginAs(handler)
    all.assertStatus(200)
    assert.deepEqual(all.body().data.map((m: any) => m.id), [ids.reminder, ids.urge, ids.notice])
    assert.deepEqual(all.body().meta, { total: 3, page: 1, perPage: 20 })
    assert.deepInclude(all.body().data[2], { kind: 'notice', kindName: '通知', title: '关于开展消防检查的通知', senderName: USERS.head.name, moduleName: '待办事项',
      subject: { type: 'test_subject', id: 7, page: 'estate' }, readAt: null })
    assert.deepInclude(all.body().data[0], { senderName: null, subject: null })

    const urges = await client.get('/api/v1/messages').qs({ kind: 'urge' }).loginAs(handler)
    assert.deepEqual(urges.body().data.map((m: any) => m.id), [ids.urge])

    const count = await client.get('/api/v1/messages/unread_count').loginAs(handler)
    assert.deepEqual(count.body().data, { unread: 3, byKind: { notice: 1, urge: 1, reminder: 1, export: 0 } })

    const other = await client.get('/api/v1/messages').loginAs(await actor('nanyuan'))
    assert.deepEqual(other.body().data.map((m: any) => m.id), [ids.foreign])
  })

  test('opening a message marks it read once and runs the read listener once, in the same transaction', async ({ client, assert }) => {
    const handler = await actor('handler')
    const opened = await client.get(`/api/v1/messages/${ids.notice}`).loginAs(handler)
    opened.assertStatus(200)
    assert.equal(opened.body().data.id, ids.notice)
    assert.isString(opened.body().data.readAt)
    const row = await db.from('messages').where('id', ids.notice).first()
    assert.equal(new Date(row.read_at).toISOString(), opened.body().data.readAt)
    assert.deepEqual(calls, [{ userId: USERS.handler.id, subjectId: 7, messageId: ids.notice }])

    const again = await client.get(`/api/v1/messages/${ids.notice}`).loginAs(handler)
    assert.equal(again.body().data.readAt, opened.body().data.readAt)
    assert.lengthOf(calls, 1)

    const unread = await client.get('/api/v1/messages').qs({ unread: 'true' }).loginAs(handler)
    assert.deepEqual(unread.body().data.map((m: any) => m.id), [ids.reminder, ids.urge])
  })

  test("another user's message answers 404 and stays unread", async ({ client, assert }) => {
    const response = await client.get(`/api/v1/messages/${ids.foreign}`).loginAs(await actor('handler'))
    response.assertStatus(404)
    assert.isNull((await db.from('messages').where('id', ids.foreign).first()).read_at)
    assert.lengthOf(calls, 0)
    const missing = await client.get('/api/v1/messages/99999').loginAs(await actor('handler'))
    missing.assertStatus(404)
  })

  test('全部已读 marks every unread message (of a kind) read and runs the listeners; markSubjectRead too', async ({ client, assert }) => {
    const handler = await actor('handler')
    const urgesOnly = await client.post('/api/v1/messages/read_all').json({ kind: 'urge' }).withCsrfToken().loginAs(handler)
    urgesOnly.assertStatus(200)
    assert.deepEqual(urgesOnly.body().data, { marked: 1 })
    const all = await client.post('/api/v1/messages/read_all').json({}).withCsrfToken().loginAs(handler)
    assert.deepEqual(all.body().data, { marked: 2 })
    assert.deepEqual(calls.map((c) => c.messageId), [ids.notice])
    const unread = await db.from('messages').where('recipient_id', USERS.handler.id).whereNull('read_at')
    assert.lengthOf(unread, 0)
    assert.isNull((await db.from('messages').where('id', ids.foreign).first()).read_at)

    const bad = await client.post('/api/v1/messages/read_all').json({ kind: 'spam' }).withCsrfToken().loginAs(handler)
    bad.assertStatus(422)

    // the subject opened directly: the other user's message about it is read, once
    assert.equal(await markSubjectRead(USERS.nanyuan.id, 'test_subject', 7), 1)
    assert.equal(await markSubjectRead(USERS.nanyuan.id, 'test_subject', 7), 0)
    assert.deepEqual(calls.map((c) => c.messageId), [ids.notice, ids.foreign])
  })

  test('exports the own messages as Excel', async ({ client, assert }) => {
    const handler = await actor('handler')
    await client.get(`/api/v1/messages/${ids.urge}`).loginAs(handler)
    const response = await client.get('/api/v1/messages/export').loginAs(handler)
    response.assertStatus(200)
    assert.include(response.header('content-disposition'), encodeURIComponent('我的消息.xlsx'))
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0], ['类型', '标题', '内容', '来源', '发送人', '收到时间', '阅读时间'])
    assert.lengthOf(sheet.rows, 4)
    assert.deepEqual(sheet.rows.map((r) => r[1]), ['标题', '提醒更新', '催办：请尽快阅读', '关于开展消防检查的通知'])
    assert.equal(sheet.rows[1][4], '系统')
    assert.equal(sheet.rows[1][6], '未读')
    assert.notEqual(sheet.rows[2][6], '未读')
    const notices = await client.get('/api/v1/messages/export').qs({ kind: 'notice' }).loginAs(handler)
    assert.lengthOf((await readSheet(notices.body())).rows, 2)
  })

  test('bad filters answer 422 with a Chinese message', async ({ client, assert }) => {
    const response = await client.get('/api/v1/messages').qs({ kind: 'x', per_page: 1000 }).loginAs(await actor('handler'))
    response.assertStatus(422)
    assert.match(JSON.stringify(response.body()), /[\u4e00-\u9fa5]/)
  })
})
