import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import clock from '#services/clock'
import { loginOnH5, loginOnPc } from '#tests/support/browser'
import { E, USERS, resetWorld } from '#tests/support/world'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, extraHTTPHeaders: { 'x-stub-openid': 'o_stub_h5_notice_manager' } }

/** the read / unread counts of a notice's row in 部门已发消息 */
async function counts(page: Page, id: number) {
  await page.locator(`[data-test="read-${id}"]`).waitFor()
  return [await page.locator(`[data-test="read-${id}"]`).innerText(), await page.locator(`[data-test="unread-${id}"]`).innerText()].map((text) => text.trim())
}

test.group('通知发布 · publish on PC, read on H5, counts on PC', (group) => {
  group.each.setup(async () => {
    clock.travelTo('2026-11-28T10:00:00+08:00')
    await resetWorld()
    return () => clock.reset()
  })

  test('the street handler publishes to 翠园小区, its 项目经理 reads it on the phone, 部门已发消息 counts the read, 催办 once a day', async ({ visit, browser, assert }) => {
    // ── PC: 园岭经办人 → 发布通知 (rich text, chosen estate 翠园小区, both audiences)
    const pc = await loginOnPc(visit, 'handler')
    await pc.goto(new URL('/notices/publish', pc.url()).toString())
    await pc.locator('[data-test="notice-title"]').fill('关于冬季消防检查的通知')
    await pc.locator('[data-test="editor-area"]').click()
    await pc.keyboard.type('请各项目')
    await pc.locator('[data-test="editor-bold"]').click()
    await pc.keyboard.type('本周内')
    await pc.locator('[data-test="editor-bold"]').click()
    await pc.keyboard.type('完成自查。')
    await pc.locator('[data-test="notice-scope"]').getByText('指定物业项目').click()
    await pc.locator(`[data-test="estate-${E.e1}"]`).click()
    assert.include(await pc.locator('[data-test="notice-reach"]').innerText(), '1 个物业项目的 2 个账号')
    await pc.locator('[data-test="notice-submit"]').click()
    await pc.getByText('发布成功，已通知 2 位接收人').first().waitFor()
    await pc.waitForURL((url) => /^\/notices\/\d+$/.test(url.pathname))
    const id = Number(new URL(pc.url()).pathname.split('/').pop())
    assert.include(await pc.locator('[data-test="detail-counts"]').innerText(), '已读 0，未读 2')
    assert.include(await pc.locator('[data-test="notice-body"]').innerText(), '请各项目本周内完成自查。')
    const stored = await db.from('notices').where('id', id).firstOrFail()
    assert.match(stored.body_html, /<(strong|b)>本周内<\/(strong|b)>/)
    assert.lengthOf(await db.from('notice_receipts').where('notice_id', id), 2)

    await pc.goto(new URL('/notices', pc.url()).toString())
    assert.deepEqual(await counts(pc, id), ['0', '2'])

    // ── H5: 园岭项目经理 binds WeChat as 项目经理, opens 我的消息 (notices) and reads it
    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'manager')
      const base = new URL(h5.url())
      await h5.goto(new URL('/m/notices/inbox', base).toString())
      await h5.waitForURL((url) => url.pathname === '/m/messages' && url.searchParams.get('kind') === 'notice')
      const message = await db.from('messages').where('reason', `notices.publish:${id}`).where('recipient_id', USERS.manager.id).firstOrFail()
      await h5.locator(`[data-test="message-row-${message.id}"]`).click()
      if (!/\/m\/notices\/received\//.test(h5.url())) {
        const open = h5.locator('[data-test="open-subject"]')
        await open.waitFor({ timeout: 5000 }).then(() => open.click()).catch(() => {})
      }
      await h5.waitForURL((url) => url.pathname === `/m/notices/received/${id}`)
      assert.equal((await h5.locator('[data-test="received-title"]').innerText()).trim(), '关于冬季消防检查的通知')
      assert.include(await h5.locator('[data-test="notice-body"]').innerText(), '本周内完成自查')
      assert.include(await h5.locator('[data-test="received-estates"]').innerText(), '翠园小区（项目经理）')
      const overflow = await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await phone.close()
    }
    const receipt = await db.from('notice_receipts').where('notice_id', id).where('user_id', USERS.manager.id).firstOrFail()
    assert.isNotNull(receipt.read_at)

    // ── PC: the counts moved; 催办 reaches the director; a second 催办 the same day says when
    await pc.reload()
    assert.deepEqual(await counts(pc, id), ['1', '1'])
    await pc.locator(`[data-test="urge-button-${id}"]`).click()
    await pc.locator('.el-message-box__btns .el-button--primary').click()
    await pc.getByText('已向 1 位未读接收人发送催办').first().waitFor()
    await pc.locator(`[data-test="urge-button-${id}"]`).click()
    await pc.locator('.el-message-box__btns .el-button--primary').click()
    await pc.getByText(/今天 \d{2}:\d{2} 已催办过，每天只能催办一次/).first().waitFor()
    assert.lengthOf(await db.from('notice_urges').where('notice_id', id), 1)

    // 显示催办: the urge as its own row under the notice
    await pc.locator('[data-test="show-urges"]').click()
    await pc.waitForURL((url) => url.searchParams.get('show_urges') === '1')
    const urgeRow = pc.locator('[data-test^="urge-"]:not([data-test^="urge-button"])').first()
    await urgeRow.waitFor()
    assert.equal((await urgeRow.innerText()).trim(), '【催办】关于冬季消防检查的通知')

    // ── PC: the 业委会主任 finds it under 通知公告 on the home 工作台 and opens it
    const other = await browser.newContext()
    const director = await loginOnPc(async (url) => {
      const page = await other.newPage()
      await page.goto(new URL(url, pc.url()).toString())
      return page
    }, 'director')
    const directorMessage = await db.from('messages').where('reason', `notices.publish:${id}`).where('recipient_id', USERS.director.id).firstOrFail()
    await director.locator(`[data-test="home-notice-${directorMessage.id}"]`).click()
    await director.waitForURL((url) => url.pathname === `/notices/received/${id}`)
    assert.equal((await director.locator('[data-test="received-title"]').innerText()).trim(), '关于冬季消防检查的通知')
    await other.close()
    await pc.reload()
    assert.deepEqual(await counts(pc, id), ['2', '0'])
  })

  test('on the phone, the street handler publishes, reads 部门已发消息 with its counts and urges the unread once a day', async ({ browser, assert }) => {
    const phone = await browser.newContext({ ...PHONE, extraHTTPHeaders: { 'x-stub-openid': 'o_stub_h5_notice_handler' } })
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'handler')
      await h5.locator('[data-test="entry-notices"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/notices')
      // 发布通知消息 on the phone: title, text, chosen estates 翠园小区 and 碧海花园
      await h5.locator('[data-test="publish-link"]').click()
      await h5.waitForURL((url) => url.pathname === '/m/notices/publish')
      await h5.locator('[data-test="notice-title"] input').fill('手机端催办测试')
      await h5.locator('[data-test="notice-text"] textarea').fill('第一段<script>x</script>\n第二段')
      await h5.locator('[data-test="notice-scope"]').getByText('指定物业项目').click()
      await h5.locator(`[data-test="estate-${E.e1}"]`).click()
      await h5.locator(`[data-test="estate-${E.e3}"]`).click()
      assert.include(await h5.locator('[data-test="notice-reach"]').innerText(), '2 个物业项目的 3 个账号')
      await h5.locator('[data-test="notice-submit"]').click()
      await h5.waitForURL((url) => /^\/m\/notices\/\d+$/.test(url.pathname))
      const id = Number(new URL(h5.url()).pathname.split('/').pop())
      const stored = await db.from('notices').where('id', id).firstOrFail()
      assert.equal(stored.body_html, '<p>第一段&lt;script&gt;x&lt;/script&gt;</p><p>第二段</p>')
      await h5.goto(new URL('/m/notices', h5.url()).toString())
      await h5.locator(`[data-test="notice-${id}"]`).waitFor()
      assert.equal((await h5.locator(`[data-test="read-${id}"]`).innerText()).trim(), '0')
      assert.equal((await h5.locator(`[data-test="unread-${id}"]`).innerText()).trim(), '2')

      await h5.locator(`[data-test="urge-button-${id}"]`).click()
      await h5.locator('.van-dialog__confirm').click()
      await h5.getByText('已催办 2 人').waitFor()
      await h5.locator(`[data-test="urge-button-${id}"]`).click()
      await h5.locator('.van-dialog__confirm').click()
      await h5.getByText(/今天 \d{2}:\d{2} 已催办过/).waitFor()
      await h5.locator('.van-dialog__confirm').click()
      await h5.locator('.van-overlay').waitFor({ state: 'hidden' })
      assert.lengthOf(await db.from('notice_urges').where('notice_id', id), 1)

      await h5.locator('[data-test="show-urges"]').click()
      await h5.waitForURL((url) => url.searchParams.get('show_urges') === '1')
      await h5.locator('[data-test^="urge-"]:not([data-test^="urge-button"])').first().waitFor()

      // the detail lists who has not read it
      await h5.locator(`[data-test="notice-${id}"]`).click()
      await h5.waitForURL((url) => url.pathname === `/m/notices/${id}`)
      assert.include(await h5.locator('[data-test="detail-counts"]').innerText(), '2')
      await h5.locator(`[data-test="recipient-${USERS.director.id}-${E.e1}"]`).waitFor()
      assert.equal(await h5.locator('[data-test="recipient-list"] .van-cell').count(), 3)
    } finally {
      await phone.close()
    }
  })
})
