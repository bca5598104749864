import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { USERS, resetWorld } from '#tests/support/world'
import { loginOnH5 } from '#tests/support/browser'
import { notify } from '#modules/messages/notifier'
import { createDeliveryQueue, useDeliveryQueue } from '#modules/messages/delivery_queue'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** 我的消息 on the H5: the home tile's unread badge, kind tabs, opening a message reads it and opens its subject. */
test.group('H5 · 我的消息', (group) => {
  const ids: Record<string, number> = {}
  group.setup(async () => {
    const connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    const queue = createDeliveryQueue(connection, { prefix: `szpm-test-h5msg-${randomUUID().slice(0, 8)}` })
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
    const base = { module: 'todos', recipientIds: [USERS.handler.id], senderId: null }
    ids.estate = (await notify({ ...base, reason: 'h5.reminder', kind: 'reminder', title: '请更新翠园小区信息', summary: '翠园小区的信息已超过 90 天未更新。', subject: { type: 'estate', id: 1, page: 'estate' } })).sent[0].messageId
    ids.urge = (await notify({ ...base, reason: 'h5.urge', kind: 'urge', title: '催办：请尽快处理', summary: '请于本周内完成。' })).sent[0].messageId
  })

  test('the tile shows the unread count; tabs filter; opening reads the message and opens its subject', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'handler')
      const tile = page.locator('[data-test="entry-messages"]')
      await tile.locator('.van-badge', { hasText: '2' }).waitFor()
      await tile.click()
      await page.waitForURL((url) => url.pathname === '/m/messages')
      await page.locator(`[data-test="message-row-${ids.urge}"].message--unread`).waitFor()

      // 催办 tab: the urge only
      await page.locator('[data-test="message-tab-urge"]').click()
      await page.waitForURL((url) => url.searchParams.get('kind') === 'urge')
      await page.locator(`[data-test="message-row-${ids.estate}"]`).waitFor({ state: 'detached' })

      // a message without a subject opens by itself, read
      await page.locator(`[data-test="message-row-${ids.urge}"]`).click()
      await page.waitForURL((url) => url.pathname === `/m/messages/${ids.urge}`)
      assert.equal(await page.locator('[data-test="message-title"]').innerText(), '催办：请尽快处理')
      assert.isNotNull((await db.from('messages').where('id', ids.urge).first()).read_at)

      // back to 全部: the estate reminder opens the estate page
      await page.goBack()
      await page.locator('[data-test="message-tab-all"]').click()
      await page.locator(`[data-test="message-row-${ids.urge}"].message--read`).waitFor()
      await page.locator(`[data-test="message-row-${ids.estate}"]`).click()
      await page.waitForURL((url) => url.pathname === '/m/estates/1')
      assert.isNotNull((await db.from('messages').where('id', ids.estate).first()).read_at)
    } finally {
      await context.close()
    }
  })
})
