import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
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

  test('an owner binds as 业主 at 375 px, votes per house, changes a ballot, and reads the result once closed', async ({ browser, assert }) => {
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
      await page.locator('[data-test="identity-send-code"]').click()
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
      const { default: MeetingService } = await import('#modules/voting/meeting_service')
      const director = await (await import('#models/user')).default.findOrFail(11)
      await new MeetingService().close(director, Number(meeting.id), 1)
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
  })
})
