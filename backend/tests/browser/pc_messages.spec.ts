import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { USERS, resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'
import { notify } from '#modules/messages/notifier'
import { createDeliveryQueue, useDeliveryQueue } from '#modules/messages/delivery_queue'

/** 我的消息 on PC: the header bell's unread badge, kind tabs, opening a message reads it and opens its subject. */
test.group('PC · 我的消息', (group) => {
  const ids: Record<string, number> = {}
  group.setup(async () => {
    const connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    const queue = createDeliveryQueue(connection, { prefix: `szpm-test-pcmsg-${randomUUID().slice(0, 8)}` })
    useDeliveryQueue(queue)
    return async () => {
      useDeliveryQueue(undefined)
      await queue.obliterate({ force: true })
      await queue.close()
      await connection.quit()
    }
  })
  group.each.setup(async () => {
    await resetWorld()
    const base = { module: 'todos', recipientIds: [USERS.handler.id], summary: '', senderId: USERS.head.id }
    ids.estate = (await notify({ ...base, reason: 'pc.reminder', kind: 'reminder', title: '请更新翠园小区信息', summary: '翠园小区的信息已超过 90 天未更新。', subject: { type: 'estate', id: 1, page: 'estate' } })).sent[0].messageId
    ids.urge = (await notify({ ...base, reason: 'pc.urge', kind: 'urge', title: '催办：请尽快处理', summary: '请于本周内完成。' })).sent[0].messageId
  })

  test('the bell shows the unread count; a message without a subject opens by itself and is read', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    const badge = page.locator('[data-test="header-message-badge"] .el-badge__content')
    await badge.filter({ hasText: '2' }).waitFor()

    await page.locator('[data-test="header-messages"]').click()
    await page.waitForURL((url) => url.pathname === '/messages')
    await page.locator(`[data-test="open-${ids.urge}"]`).waitFor()
    assert.equal(await page.locator('.message-unread').count(), 2)

    // the 催办 tab lists the urge only
    await page.locator('[data-test="tab-urge"]').click()
    await page.waitForURL((url) => url.searchParams.get('kind') === 'urge')
    await page.locator(`[data-test="open-${ids.estate}"]`).waitFor({ state: 'detached' })
    assert.equal(await page.locator('.message-row').count(), 1)

    await page.locator(`[data-test="open-${ids.urge}"]`).click()
    await page.waitForURL((url) => url.pathname === `/messages/${ids.urge}`)
    assert.equal(await page.locator('[data-test="message-title"]').innerText(), '催办：请尽快处理')
    await badge.filter({ hasText: '1' }).waitFor()
    assert.isNotNull((await db.from('messages').where('id', ids.urge).first()).read_at)
    assert.isNull((await db.from('messages').where('id', ids.estate).first()).read_at)
  })

  test('a message with a subject opens its page; 全部已读 clears the badge', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    await page.locator('[data-test="nav-messages"]').click()
    await page.waitForURL((url) => url.pathname === '/messages')
    await page.locator(`[data-test="open-${ids.estate}"]`).click()
    await page.waitForURL((url) => url.pathname === '/estates/1')
    assert.isNotNull((await db.from('messages').where('id', ids.estate).first()).read_at)

    await page.goBack()
    await page.waitForURL((url) => url.pathname === '/messages')
    await page.locator(`[data-test="state-${ids.estate}"]`, { hasText: '已读' }).waitFor()
    await page.locator('[data-test="read-all"]').click()
    await page.locator(`[data-test="state-${ids.urge}"]`, { hasText: '已读' }).waitFor()
    await page.locator('[data-test="header-message-badge"] .el-badge__content').waitFor({ state: 'hidden' })
    const unread = await db.from('messages').where('recipient_id', USERS.handler.id).whereNull('read_at')
    assert.lengthOf(unread, 0)
  })
})
