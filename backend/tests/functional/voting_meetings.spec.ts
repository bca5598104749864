import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import clock from '#services/clock'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'

/**
 * 电子投票 through the API: the director of e1 convenes a meeting, publishes it (its bound owners get
 * an in-app notice), owners vote on H5, the director closes it after the period and the result is
 * stored; the street reads the totals, never a ballot. The register is tests/support/voting.ts's.
 */
const MEETING = {
  estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE,
  topics: [
    { title: '选聘深圳市某某物业服务有限公司', art278_item: 4 },
    { title: '筹集维修资金', description: '每平方米 2 元', art278_item: 6 },
  ],
}

test.group('Voting · meetings through the API', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('convene, publish, vote, close: the stored result is the tally, the street sees totals only', async ({ client, assert }) => {
    const director = await actor('director')
    const created = await client.visit('api.voting_meetings.store').json(MEETING).withCsrfToken().loginAs(director)
    created.assertStatus(201)
    const meetingId = created.body().data.id
    assert.equal(created.body().data.convener, 'committee')
    assert.equal(created.body().data.status, 'draft')

    const published = await client.visit('api.voting_meetings.publish', { id: meetingId }).json({ version: 1 }).withCsrfToken().loginAs(director)
    published.assertStatus(200)
    assert.equal(published.body().data.status, 'published')
    // the four bound owner accounts of e1's houses got the notice, 2005 (bound to nobody) did not
    const notified = await db.from('messages').where('reason', `voting.publish:${meetingId}`).orderBy('recipient_id').select('recipient_id')
    assert.deepEqual(notified.map((m) => Number(m.recipient_id)), [2001, 2002, 2003, 2004])
    // the announcement went through 信息公开 in the same transaction: published, from 电子投票, the topics as its agenda
    const announcements = await db.from('disclosures').where({ source: 'voting', source_id: meetingId })
    assert.lengthOf(announcements, 1)
    assert.equal(announcements[0].state, 'published')
    assert.equal(Number(announcements[0].estate_id), E.e1)
    assert.equal(announcements[0].title, '业主大会表决公告：2026年第一次业主大会')
    for (const text of ['选聘深圳市某某物业服务有限公司', '第6项', '微信电子投票']) assert.include(announcements[0].body_html, text)

    clock.travelTo(DURING)
    const ids = await houseIds()
    const owner = await User.findOrFail(2001)
    const mine = await client.visit('api.owner_ballots.index').loginAs(owner)
    mine.assertStatus(200)
    assert.lengthOf(mine.body().data, 1)
    const [ordinary, special] = mine.body().data[0].topics
    assert.lengthOf(ordinary.houses, 60)
    assert.isNull(ordinary.result)
    // houses 1–45 agree on both topics, 46–60 oppose; the buyer (61–70) and the developer abstain
    for (let n = 1; n <= 90; n++) {
      if (n > 70 && n <= 80) continue
      const voter = n <= 60 ? owner : await User.findOrFail(n <= 70 ? 2002 : 2004)
      const choice = n <= 45 ? 'agree' : n <= 60 ? 'oppose' : 'abstain'
      for (const topic of [ordinary, special]) {
        const cast = await client.visit('api.owner_ballots.store', { id: topic.id })
          .json({ house_id: ids.get(n), choice, request_id: randomUUID() }).withCsrfToken().loginAs(voter)
        cast.assertStatus(201)
      }
    }
    const replayKey = randomUUID()
    const first = await client.visit('api.owner_ballots.store', { id: ordinary.id }).json({ house_id: ids.get(1), choice: 'agree', request_id: replayKey }).withCsrfToken().loginAs(owner)
    const replay = await client.visit('api.owner_ballots.store', { id: ordinary.id }).json({ house_id: ids.get(1), choice: 'agree', request_id: replayKey }).withCsrfToken().loginAs(owner)
    first.assertStatus(201)
    replay.assertStatus(200)
    assert.isTrue(replay.body().meta.replayed)
    assert.equal(replay.body().data.ballotId, first.body().data.ballotId)

    // closing before the period ends is refused
    const early = await client.visit('api.voting_meetings.close', { id: meetingId }).json({ version: 2 }).withCsrfToken().loginAs(director)
    early.assertStatus(422)
    assert.equal(early.body().errors[0].message, '投票期尚未结束，不能计票')

    clock.travelTo(CLOSE)
    const closed = await client.visit('api.voting_meetings.close', { id: meetingId }).json({ version: 2 }).withCsrfToken().loginAs(director)
    closed.assertStatus(200)
    assert.equal(closed.body().data.status, 'closed')
    const late = await client.visit('api.owner_ballots.store', { id: ordinary.id }).json({ house_id: ids.get(50), choice: 'agree', request_id: randomUUID() }).withCsrfToken().loginAs(owner)
    late.assertStatus(422)

    const head = await actor('head')
    const shown = await client.visit('api.voting_meetings.show', { id: meetingId }).loginAs(head)
    shown.assertStatus(200)
    const [r4, r6] = shown.body().data.topics.map((t: any) => t.result)
    // 73 owners (tests/support/voting.ts); 62 took part: 60 single owners, the buyer, the developer
    assert.deepInclude(r4, { totalOwners: 73, participatingOwners: 62, agreeOwners: 45, totalArea: '10385.50', passed: true })
    // area agreeing: houses 1–45 = 45·80 + (1+…+45) = 4,635 m² of 6,630 + 955.5 + 999.9 = 8,585.40 m² taking part
    assert.deepInclude(r4, { participatingArea: '8585.40', agreeArea: '4635.00' })
    assert.deepInclude(r6, { agreeOwners: 45, passed: false })
    assert.deepEqual(r6.threshold, { area: false, owners: false, met: false })
    assert.equal(shown.body().data.topics[1].rule, '参与表决专有部分面积和人数均达四分之三以上同意')
    // stored with the topics, and no ballot of anyone is in what the street reads
    const stored = await db.from('voting_topics').where('meeting_id', meetingId).orderBy('seq').select('passed')
    assert.deepEqual(stored.map((t) => t.passed), [true, false])
    assert.notInclude(JSON.stringify(shown.body()), 'choice')

    // 导出表决结果: one row per topic with the six numbers and the verdict
    const exported = await client.visit('api.voting_meetings.export').qs({ estate_id: E.e1 }).loginAs(head)
    exported.assertStatus(200)
    const sheet = await readSheet(exported.body())
    assert.equal(sheet.name, '表决结果')
    assert.deepEqual(sheet.rows.slice(1).map((row: any[]) => [row[7], row[9], row[10], row[11], row[12], row[13], row[14], row[15]]), [
      ['1. 选聘深圳市某某物业服务有限公司', '10385.50', 73, '8585.40', 62, '4635.00', 45, '通过'],
      ['2. 筹集维修资金', '10385.50', 73, '8585.40', 62, '4635.00', 45, '未通过'],
    ])
  })

  test('who convenes: the director for their estate, the street only for an estate without a committee', async ({ client, assert }) => {
    const head = await actor('head')
    const withCommittee = await client.visit('api.voting_meetings.store').json(MEETING).withCsrfToken().loginAs(head)
    withCommittee.assertStatus(422)
    assert.equal(withCommittee.body().errors[0].field, 'estate_id')
    const proxy = await client.visit('api.voting_meetings.store').json({ ...MEETING, estate_id: E.e2 }).withCsrfToken().loginAs(head)
    proxy.assertStatus(201)
    assert.equal(proxy.body().data.convener, 'proxy')
    // the director may not act on the street's meeting, nor a project manager convene
    const director = await actor('director')
    const foreign = await client.visit('api.voting_meetings.publish', { id: proxy.body().data.id }).json({ version: 1 }).withCsrfToken().loginAs(director)
    foreign.assertStatus(404)
    const manager = await client.visit('api.voting_meetings.store').json(MEETING).withCsrfToken().loginAs(await actor('manager'))
    manager.assertStatus(404)
    // another street's handler cannot see the meeting (404), the estate's own street can
    const nanyuan = await client.visit('api.voting_meetings.show', { id: proxy.body().data.id }).loginAs(await actor('nanyuan'))
    nanyuan.assertStatus(404)
    const futian = await client.visit('api.voting_meetings.show', { id: proxy.body().data.id }).loginAs(await actor('futian'))
    futian.assertStatus(200)
    const luohu = await client.visit('api.voting_meetings.show', { id: proxy.body().data.id }).loginAs(await actor('luohu'))
    luohu.assertStatus(404)
    assert.equal(Number((await db.from('voting_meetings').count('* as n'))[0].n), 1)
  })

  test('bad input: 422 with the field in Chinese, nothing written; a stale version is a 409', async ({ client, assert }) => {
    const director = await actor('director')
    const reversed = await client.visit('api.voting_meetings.store').json({ ...MEETING, closes_at: '2026-11-30T09:00:00+08:00' }).withCsrfToken().loginAs(director)
    reversed.assertStatus(422)
    assert.deepEqual(reversed.body().errors.map((e: any) => [e.field, e.message]), [['closes_at', '投票结束时间应晚于开始时间']])
    const impossible = await client.visit('api.voting_meetings.store').json({ ...MEETING, opens_at: '2026-02-30T09:00:00+08:00' }).withCsrfToken().loginAs(director)
    impossible.assertStatus(422)
    const badItem = await client.visit('api.voting_meetings.store').json({ ...MEETING, topics: [{ title: '议题', art278_item: 10 }] }).withCsrfToken().loginAs(director)
    badItem.assertStatus(422)
    assert.equal(badItem.body().errors[0].field, 'topics.0.art278_item')
    assert.match(badItem.body().errors[0].message, /民法典第二百七十八条事项/)
    const noTopics = await client.visit('api.voting_meetings.store').json({ ...MEETING, topics: [] }).withCsrfToken().loginAs(director)
    noTopics.assertStatus(422)
    assert.equal(Number((await db.from('voting_meetings').count('* as n'))[0].n), 0)

    const created = await client.visit('api.voting_meetings.store').json(MEETING).withCsrfToken().loginAs(director)
    const stale = await client.visit('api.voting_meetings.publish', { id: created.body().data.id }).json({ version: 7 }).withCsrfToken().loginAs(director)
    stale.assertStatus(409)
    const ballot = await client.visit('api.owner_ballots.store', { id: 1 }).json({ house_id: 'x', choice: 'maybe', request_id: 'nope' }).withCsrfToken().loginAs(await User.findOrFail(2001))
    ballot.assertStatus(422)
    assert.sameMembers(ballot.body().errors.map((e: any) => e.field), ['house_id', 'choice', 'request_id'])
  })
})
