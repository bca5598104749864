import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import User from '#models/user'
import BallotService from '#modules/voting/ballot_service'
import MeetingService from '#modules/voting/meeting_service'
import { exportedFileName, loginOnPc } from '#tests/support/browser'
import { liftOtpLimits, sentCode } from '#tests/support/identity'
import { resetWorld, E } from '#tests/support/world'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`
/** the buyer of e1's houses 61–70 (tests/support/voting.ts), not yet an account */
const BUYER = { name: '业主300', phone: '13800000300' }

test.group('电子投票 · H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('an owner binds as 业主 at 375 px, votes per house, changes a ballot, and reads the result once closed; the street reads it on PC', async ({ browser, visit, assert }) => {
    const [meeting] = await db.table('voting_meetings').insert({
      estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE, status: 'published',
    }).returning('id')
    const [topic] = await db.table('voting_topics').insert({ meeting_id: meeting.id, seq: 1, title: '续聘物业服务企业', art278_item: 4 }).returning('id')
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await liftOtpLimits(BUYER.phone)
      await page.goto(`${base()}/m/`)
      await page.locator('[data-test="identity-owner"]').click()
      await page.locator('[data-test="identity-name"] input').fill(BUYER.name)
      await page.locator('[data-test="identity-phone"] input').fill(BUYER.phone)
      const sent = page.waitForResponse((response) => response.url().endsWith('/api/v1/identity/sms'))
      await page.locator('[data-test="identity-send-code"]').click()
      assert.equal((await sent).status(), 200)
      await page.locator('[data-test="identity-code"] input').fill(await sentCode(BUYER.phone))
      await page.locator('[data-test="identity-submit"]').click()
      await page.waitForURL((url) => url.pathname === '/m/')
      await page.locator('[data-test="entry-owner-voting"]').click()
      await page.waitForURL((url) => url.pathname === '/m/voting/mine')

      const ids = await houseIds()
      const topicCard = page.locator(`[data-test="topic-${topic.id}"]`)
      await topicCard.waitFor()
      // the buyer's ten houses, nothing voted yet; 同意 on 61–66, 反对 on 67–70
      assert.equal(await topicCard.locator('[data-test^="house-cell-"]').count(), 10)
      for (let n = 61; n <= 70; n++) {
        await topicCard.locator(`[data-test="house-${ids.get(n)}"] [data-test="choice-${n <= 66 ? 'agree' : 'oppose'}"]`).click()
      }
      await topicCard.locator('[data-test="submit-topic"]').click()
      await topicCard.locator(`[data-test="house-cell-${ids.get(67)}"]`).getByText('已表决：反对').waitFor()
      // a change of mind on house 70 replaces its ballot
      await topicCard.locator(`[data-test="house-${ids.get(70)}"] [data-test="choice-agree"]`).click()
      await topicCard.locator('[data-test="submit-topic"]').click()
      await topicCard.locator(`[data-test="house-cell-${ids.get(70)}"]`).getByText('已表决：同意').waitFor()
      const standing = await db.from('voting_standing_ballots').where('topic_id', topic.id).select('house_id', 'choice')
      const byNumber = new Map([...ids].map(([n, id]) => [id, n]))
      assert.deepEqual(standing.map((s) => [byNumber.get(Number(s.house_id)), s.choice]).sort((a, b) => Number(a[0]) - Number(b[0])),
        [61, 62, 63, 64, 65, 66, 67, 68, 69, 70].map((n) => [n, n <= 66 || n === 70 ? 'agree' : 'oppose']))
      assert.equal(Number((await db.from('voting_ballots').where('topic_id', topic.id).count('* as n'))[0].n), 11)

      // closed and tallied: the page shows the result instead of the ballot
      clock.travelTo(CLOSE)
      await new MeetingService().close(await User.findOrFail(11), Number(meeting.id), 1)
      await page.reload()
      await topicCard.locator('[data-test="topic-result"]').waitFor()
      // one owner of 73 took part: no quorum
      assert.include(await topicCard.locator('[data-test="topic-result"]').innerText(), '未通过')
      assert.include(await topicCard.innerText(), '955.50 / 10385.50 ㎡，1 / 73 人')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.isAtMost(width, 375)
    } finally {
      await context.close()
    }

    // the street head reads the same result on PC: the six numbers and the verdict, never a ballot
    const pc = await loginOnPc(visit, 'head')
    await pc.goto(`${base()}/voting/meetings/${meeting.id}`)
    const card = pc.locator(`[data-test="topic-${topic.id}"]`)
    await card.locator('[data-test="topic-numbers"]').waitFor()
    assert.equal((await card.locator('[data-test="verdict"]').innerText()).trim(), '未通过')
    const numbers = await card.locator('[data-test="topic-numbers"]').innerText()
    for (const figure of ['10385.50', '73', '955.50', '1']) assert.include(numbers, figure)
    assert.notInclude(await pc.locator('body').innerText(), BUYER.name)
  })
})

test.group('电子投票 · PC', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('the director publishes and, after the period, closes and tallies; the street head reads the result and exports it', async ({ visit, assert }) => {
    const director = await User.findOrFail(11)
    const draft = await new MeetingService().create(director, {
      estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE,
      topics: [{ title: '续聘物业服务企业', art278_item: 4 }, { title: '筹集维修资金', art278_item: 6 }],
    })
    const page = await loginOnPc(visit, 'director')
    // a draft without a voting period is refused at its field, nothing is saved
    await page.goto(`${base()}/voting/meetings`)
    await page.locator('[data-test="create-meeting"]').click()
    await page.locator('[data-test="form-title"]').fill('临时会议')
    await page.locator('[data-test="form-save"]').click()
    await page.locator('[data-test="create-dialog"] .el-form-item__error').first().waitFor()
    assert.equal(Number((await db.from('voting_meetings').count('* as n'))[0].n), 1)
    await page.keyboard.press('Escape')

    await page.locator(`[data-test="meeting-${draft.id}"]`).click()
    await page.locator('[data-test="publish"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test="meeting-status"]', { hasText: '已发布' }).waitFor()

    // houses 1–50 agree, 51–60 oppose (single owners); nobody else votes
    const ids = await houseIds()
    const topics = await db.from('voting_topics').where('meeting_id', draft.id).orderBy('seq').select('id')
    for (const topic of topics) {
      for (let n = 1; n <= 60; n++) {
        await new BallotService().castByOwner(2001, { topicId: Number(topic.id), houseId: ids.get(n)!, choice: n <= 50 ? 'agree' : 'oppose', requestId: randomUUID() })
      }
    }
    // before the end the server refuses to tally, and says why
    await page.locator('[data-test="close"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByText('投票期尚未结束，不能计票').waitFor()
    clock.travelTo(CLOSE)
    await page.locator('[data-test="close"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test="meeting-status"]', { hasText: '已结束' }).waitFor()
    // 60 of 73 owners and 6,630 of 10,385.50 m² took part: short of 2/3 of the area, so nothing passes
    const verdicts = await page.locator('[data-test="verdict"]').allInnerTexts()
    assert.deepEqual(verdicts.map((v) => v.trim()), ['未通过', '未通过'])

    // the street head, in the same browser after the director's session is gone
    await page.context().clearCookies()
    const head = await loginOnPc(visit, 'head')
    await head.goto(`${base()}/voting/meetings`)
    await head.locator(`[data-test="status-${draft.id}"]`, { hasText: '已结束' }).waitFor()
    assert.equal(await exportedFileName(head), '表决结果.xlsx')
    await head.locator(`[data-test="meeting-${draft.id}"]`).click()
    const numbers = await head.locator(`[data-test="topic-${topics[0].id}"] [data-test="topic-numbers"]`).innerText()
    for (const figure of ['10385.50', '73', '6630.00', '60', '5275.00', '50']) assert.include(numbers, figure)
    assert.include(numbers, '面积未达到、人数达到三分之二')
  })
})

test.group('电子投票 · PC 居代业 and paper ballots', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('the street head convenes as the 居代业 body for an estate without a committee from 新建表决会议', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await page.goto(`${base()}/voting/meetings`)
    await page.locator('[data-test="create-meeting"]').click()
    await page.locator('[data-test="form-estate"]').click()
    // 园岭's estates without a committee are offered (锦华苑, 星河雅居); 翠园小区 (with one) is not
    // the options come from GET voting/proxy_estates: wait for them before reading the list
    await page.locator('.el-select-dropdown__item:visible', { hasText: '居代业' }).first().waitFor()
    const offered = await page.locator('.el-select-dropdown__item:visible').allInnerTexts()
    assert.sameMembers(offered.map((o) => o.trim()), ['锦华苑（未成立业委会，居代业）', '星河雅居（未成立业委会，居代业）'])
    await page.locator('.el-select-dropdown__item:visible', { hasText: '锦华苑' }).click()
    await page.locator('[data-test="form-title"]').fill('锦华苑首次业主大会')
    const [start, end] = [page.locator('[data-test="create-dialog"] .el-range-input').first(), page.locator('[data-test="create-dialog"] .el-range-input').last()]
    await start.click()
    await start.fill('2026-12-08 09:00:00')
    await start.press('Enter')
    await end.fill('2026-12-20 18:00:00')
    await end.press('Enter')
    const confirm = page.locator('.el-picker-panel__footer .el-button', { hasText: '确定' })
    // Enter on the end input usually applies the range and the panel fades out (a 确定 caught mid-fade is
    // detached before the click lands); when the panel stays open, 确定 applies it
    if (await confirm.isVisible()) await confirm.click({ timeout: 2000 }).catch(() => undefined)
    await page.locator('.el-date-range-picker').waitFor({ state: 'hidden' })
    await page.locator('[data-test="form-topic-0"] [data-test="topic-title"]').fill('选举业主委员会成员')
    await page.locator('[data-test="form-save"]').click()
    await page.waitForURL((url) => /\/voting\/meetings\/\d+$/.test(url.pathname))
    await page.locator('[data-test="meeting-title"]', { hasText: '锦华苑首次业主大会' }).waitFor()
    const meeting = await db.from('voting_meetings').select('estate_id', 'convener', 'status', 'opens_at', 'closes_at').firstOrFail()
    assert.deepEqual([Number(meeting.estate_id), meeting.convener, meeting.status], [E.e2, 'proxy', 'draft'])
    assert.equal(new Date(meeting.opens_at).toISOString(), new Date('2026-12-08T09:00:00+08:00').toISOString())
    assert.equal(new Date(meeting.closes_at).toISOString(), new Date('2026-12-20T18:00:00+08:00').toISOString())
    // its convener publishes it
    await page.locator('[data-test="publish"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test="meeting-status"]', { hasText: '已发布' }).waitFor()
  })

  test('the director enters a paper ballot with its scan on 表决结果; the entry log shows it', async ({ visit, assert }) => {
    const [meeting] = await db.table('voting_meetings').insert({
      estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE, status: 'published',
    }).returning('id')
    const [topic] = await db.table('voting_topics').insert({ meeting_id: meeting.id, seq: 1, title: '续聘物业服务企业', art278_item: 4 }).returning('id')
    const page = await loginOnPc(visit, 'director')
    await page.goto(`${base()}/voting/meetings/${meeting.id}`)
    await page.locator('[data-test="paper-enter"]').click()
    await page.locator('[data-test="paper-house"]').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^\s*1栋1单元5\s*$/ }).click()
    await page.locator('[data-test="paper-choice-1"]').getByText('反对').click()
    await page.locator('[data-test="paper-scan-input"]').setInputFiles({ name: '选票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
    await page.locator('[data-test="paper-scan-name"]', { hasText: '选票.pdf' }).waitFor()
    await page.locator('[data-test="paper-save"]').click()
    await page.locator('[data-test="paper-table"]').getByText('1栋1单元5').waitFor()
    assert.include(await page.locator('[data-test="paper-table"]').innerText(), '议题1：反对')
    const ballot = await db.from('voting_ballots').select('topic_id', 'choice', 'channel', 'user_id').firstOrFail()
    assert.deepEqual([Number(ballot.topic_id), ballot.choice, ballot.channel, Number(ballot.user_id)], [Number(topic.id), 'oppose', 'paper', 11])
    // 导出Excel of the entry log
    assert.equal(await exportedFileName(page, '[data-test="paper-export"]'), `纸质选票录入记录-${meeting.id}.xlsx`)
  })
})
