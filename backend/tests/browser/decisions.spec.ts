import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import clock from '#services/clock'
import User from '#models/user'
import BallotService from '#modules/voting/ballot_service'
import MeetingService from '#modules/voting/meeting_service'
import { exportedFileName, loginOnH5, loginOnPc } from '#tests/support/browser'
import { syncWarehouse } from '#tests/support/warehouse'
import { E, R, resetWorld } from '#tests/support/world'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()

/**
 * 业主决策情况 (module 8) in the browser: the drill path 区 → 街道 → 社区 → 物业项目 → 会议 → 议题 on PC (the
 * city administrator) and on H5 at 375 px (the street head), over one closed 业主大会 of e1 held through
 * the services as docs/decisions.md's functional test holds it (tests/support/voting.ts's register; houses
 * 1–50 in building 1, 51–100 in building 2): 80 houses vote, the ordinary topic passes, the 3/4 one fails.
 */
async function holdMeeting() {
  await db.rawQuery(`UPDATE houses SET building = CASE WHEN number::int <= 50 THEN '1' ELSE '2' END WHERE estate_id = ?`, [E.e1])
  const director = await User.findOrFail(11)
  const meetings = new MeetingService()
  const draft = await meetings.create(director, {
    estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE,
    topics: [{ title: '选聘深圳市某某物业服务有限公司', art278_item: 4 }, { title: '筹集维修资金', art278_item: 6 }],
  })
  await meetings.publish(director, draft.id, 1)
  clock.travelTo(DURING)
  const ids = await houseIds()
  const topics = await db.from('voting_topics').where('meeting_id', draft.id).orderBy('seq').select('id')
  const ballots = new BallotService()
  for (let n = 1; n <= 90; n++) {
    if (n > 70 && n <= 80) continue
    const account = n <= 60 ? 2001 : n <= 70 ? 2002 : 2004
    const choice = n <= 45 ? 'agree' : n <= 60 ? 'oppose' : 'abstain'
    for (const topic of topics) await ballots.castByOwner(account, { topicId: Number(topic.id), houseId: ids.get(n)!, choice, requestId: randomUUID() })
  }
  clock.travelTo(CLOSE)
  await meetings.close(director, draft.id, 2)
  await syncWarehouse()
  return { meetingId: draft.id, topicIds: topics.map((t) => Number(t.id)) }
}

test.group('业主决策情况 · drill-down to the meeting and the topic', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    return () => clock.reset()
  })

  test('PC: 区 → 街道 → 社区 → 物业项目 → 业主决策 tab → meeting → topic (results, 参与情况 by building, 表决结果); H5 at 375 px: the same path', async ({ visit, browser, assert }) => {
    const { meetingId, topicIds: [ordinary, special] } = await holdMeeting()

    const page = await loginOnPc(visit, 'city')
    await page.goto(new URL('/decisions', page.url()).toString())
    for (const region of [R.futian, R.yuanling]) {
      await page.locator(`[data-test="drill-${region}"]`).click()
      await page.waitForURL((url) => url.searchParams.get('region') === String(region))
    }
    await page.locator(`[data-test="drill-${R.yl1}"]`).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
    await page.locator(`[data-test="estate-${E.e1}"]`).waitFor()
    assert.equal(await text(page, `[data-test="cell-${E.e1}-topicsPassed"]`), '1')
    assert.equal(await text(page, `[data-test="cell-${E.e1}-topicsFailed"]`), '1')
    // the estate opens on its 业主决策 tab: the meeting, its topics with the six numbers and the results
    await page.locator(`[data-test="estate-${E.e1}"]`).click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e1}` && url.searchParams.get('tab') === 'decisions')
    const meeting = page.locator(`[data-test="decision-meeting-${meetingId}"]`)
    await meeting.waitFor()
    assert.include(await meeting.innerText(), '2026年第一次业主大会')
    assert.include(await meeting.innerText(), '通过 1 项 · 未通过 1 项')
    await page.locator(`[data-test="decision-topics-${meetingId}"]`).waitFor()
    assert.equal(await text(page, `[data-test="decision-result-${ordinary}"]`), '通过')
    assert.equal(await text(page, `[data-test="decision-result-${special}"]`), '未通过')
    const topics = await text(page, `[data-test="decision-topics-${meetingId}"]`)
    for (const figure of ['8585.40 / 10385.50', '62 / 73', '4635.00 / 45']) assert.include(topics, figure)
    assert.match(await exportedFileName(page, '[data-test="estate-decisions-export"]'), /\.xlsx$/)
    // a topic's 参与情况 by building: building 1 all 50 houses, building 2 30 of 50
    await page.locator(`[data-test="turnout-${ordinary}"]`).click()
    const turnout = page.locator('[data-test="turnout-table"] .el-table__body-wrapper tbody tr')
    await turnout.nth(1).waitFor()
    assert.deepEqual((await turnout.allInnerTexts()).map((row) => row.split(/\s+/).slice(0, 3)), [['1', '50', '50'], ['2', '50', '30']])
    await page.keyboard.press('Escape')
    // and the meeting's 表决结果 page (电子投票) with the rule and the numbers
    await page.locator(`[data-test="decision-meeting-result-${meetingId}"]`).click()
    await page.waitForURL((url) => url.pathname === `/voting/meetings/${meetingId}`)
    const numbers = await page.locator(`[data-test="topic-${ordinary}"] [data-test="topic-numbers"]`).innerText()
    for (const figure of ['10385.50', '73', '8585.40', '62', '4635.00', '45']) assert.include(numbers, figure)

    const phone = await browser.newContext(PHONE)
    try {
      const h5 = await phone.newPage()
      await loginOnH5(h5, 'city')
      await h5.goto(new URL('/m/decisions', h5.url()).toString())
      for (const region of [R.futian, R.yuanling, R.yl1]) {
        await h5.locator(`[data-test="drill-${region}"] .van-cell__title > span`).click()
        await h5.waitForURL((url) => url.searchParams.get('region') === String(region))
      }
      await h5.locator(`[data-test="drill-${E.e1}"]`).waitFor()
      await h5.locator(`[data-test="drill-${E.e1}"] .van-cell__title > span`).click()
      await h5.waitForURL((url) => url.pathname === `/m/estates/${E.e1}` && url.searchParams.get('tab') === 'decisions')
      const h5Meeting = h5.locator(`[data-test="decision-meeting-${meetingId}"]`)
      await h5Meeting.waitFor()
      assert.include(await h5Meeting.innerText(), '2026年第一次业主大会')
      assert.include(await h5.locator(`[data-test="decision-topic-${ordinary}"]`).innerText(), '通过')
      assert.include(await h5.locator(`[data-test="decision-topic-${special}"]`).innerText(), '未通过')
      // the topic: its six numbers, the result and the turnout by building, then by day
      await h5.locator(`[data-test="decision-topic-${ordinary}"]`).click()
      const sheet = h5.locator('[data-test="decision-topic-sheet"]')
      await sheet.locator('[data-test="decision-turnout"]').waitFor()
      const sheetText = await sheet.innerText()
      for (const figure of ['10385.50', '8585.40', '4635.00', '73', '62', '45']) assert.include(sheetText, figure)
      assert.include(await sheet.locator('[data-test="decision-topic-result"]').innerText(), '通过')
      assert.include(await sheet.locator('[data-test="decision-turnout"]').innerText(), '有效选票 30 张 · 房屋 50 套')
      await sheet.locator('[data-test="decision-turnout-by"] .van-tab', { hasText: '按日期' }).click()
      await sheet.locator('[data-test="decision-turnout"]', { hasText: '累计 80 张' }).waitFor()
      const overflow = await h5.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await phone.close()
    }
  }).timeout(180_000)
})
