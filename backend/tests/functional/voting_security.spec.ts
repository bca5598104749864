import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import clock from '#services/clock'
import BallotService from '#modules/voting/ballot_service'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'

/**
 * The issue's security paragraph, the rules not checked elsewhere (voting_ballots.spec.ts checks
 * "only the bound owner of that house" and "only inside the period"; voting_paper_ballots.spec.ts the
 * paper entries): every ballot write is audited — without the choice; an owner sees only their own
 * houses' ballots; a concurrent double submit with one key counts once.
 */
async function publishedMeeting() {
  const [meeting] = await db.table('voting_meetings').insert({
    estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE, status: 'published',
  }).returning('id')
  const [topic] = await db.table('voting_topics').insert({ meeting_id: meeting.id, seq: 1, title: '议题1', art278_item: 4 }).returning('id')
  return { meetingId: Number(meeting.id), topicId: Number(topic.id) }
}

test.group('Voting · security', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('every ballot write is audited, accepted or refused, with who and which topic but never the choice', async ({ client, assert }) => {
    const ids = await houseIds()
    const { topicId } = await publishedMeeting()
    // the audit log is append-only (never reset between tests): this test's rows come after this id
    const before = Number((await db.from('audit_logs').max('id as id'))[0].id ?? 0)
    const owner = await User.findOrFail(2001)
    const cast = (houseId: number, choice: string) => client.visit('api.owner_ballots.store', { id: topicId })
      .json({ house_id: houseId, choice, request_id: randomUUID() }).withCsrfToken().loginAs(owner)
    ;(await cast(ids.get(1)!, 'agree')).assertStatus(201)
    ;(await cast(ids.get(61)!, 'oppose')).assertStatus(404)
    clock.travelTo(CLOSE)
    ;(await cast(ids.get(2)!, 'abstain')).assertStatus(422)
    const rows = await db.from('audit_logs').where('id', '>', before).where('route', 'api.owner_ballots.store').orderBy('id').select('action', 'outcome', 'status', 'user_id', 'detail')
    assert.deepEqual(rows.map((r) => [r.action, r.outcome, Number(r.status), Number(r.user_id)]), [
      ['write', 'success', 201, 2001],
      ['access_denied', 'denied', 404, 2001],
      ['write', 'failure', 422, 2001],
    ])
    assert.equal(Number(rows[0].detail.params.id), topicId)
    assert.sameMembers(rows[0].detail.body_keys, ['house_id', 'choice', 'request_id'])
    for (const row of rows) assert.notMatch(JSON.stringify(row.detail), /agree|oppose|abstain/)
  })

  test('an owner sees only the ballots of their own houses; nobody else sees an individual ballot', async ({ client, assert }) => {
    const ids = await houseIds()
    const { meetingId, topicId } = await publishedMeeting()
    const service = new BallotService()
    await service.castByOwner(2001, { topicId, houseId: ids.get(1)!, choice: 'oppose', requestId: randomUUID() })
    await service.castByOwner(2002, { topicId, houseId: ids.get(61)!, choice: 'agree', requestId: randomUUID() })
    const buyer = await client.visit('api.owner_ballots.index').loginAs(await User.findOrFail(2002))
    const houses = buyer.body().data[0].topics[0].houses
    assert.sameMembers(houses.map((h: any) => h.id), Array.from({ length: 10 }, (_, i) => ids.get(61 + i)))
    assert.notInclude(JSON.stringify(buyer.body()), 'oppose')
    // an account bound to nobody sees no meeting at all
    const stranger = await client.visit('api.owner_ballots.index').loginAs(await User.findOrFail(2005))
    assert.deepEqual(stranger.body().data, [])
    // the convener and the street read totals only, live while open
    for (const who of ['director', 'head'] as const) {
      const shown = await client.visit('api.voting_meetings.show', { id: meetingId }).loginAs(await actor(who))
      shown.assertStatus(200)
      assert.equal(shown.body().data.topics[0].result.participatingOwners, 2)
      assert.notMatch(JSON.stringify(shown.body()), /choice|oppose|"agree"/)
    }
  })

  test('a double submit with one key, sent concurrently, makes one ballot', async ({ assert }) => {
    const ids = await houseIds()
    const { topicId } = await publishedMeeting()
    const service = new BallotService()
    const requestId = randomUUID()
    const results = await Promise.all(Array.from({ length: 6 }, () =>
      service.castByOwner(2001, { topicId, houseId: ids.get(3)!, choice: 'agree', requestId })))
    assert.lengthOf(new Set(results.map((r) => r.ballotId)), 1)
    assert.equal(results.filter((r) => !r.replayed).length, 1)
    assert.equal(Number((await db.from('voting_ballots').where('topic_id', topicId).count('* as n'))[0].n), 1)
    assert.equal(Number((await db.from('voting_standing_ballots').where('topic_id', topicId).count('* as n'))[0].n), 1)
  })

  test('through the API: a double submit counts once, a replay after the end changes nothing, another account cannot reuse the key', async ({ client, assert }) => {
    const ids = await houseIds()
    const { topicId } = await publishedMeeting()
    const before = Number((await db.from('audit_logs').max('id as id'))[0].id ?? 0)
    const owner = await User.findOrFail(2001)
    const body = { house_id: ids.get(4), choice: 'agree', request_id: randomUUID() }
    const send = (who: User, json: Record<string, unknown> = body) =>
      client.visit('api.owner_ballots.store', { id: topicId }).json(json).withCsrfToken().loginAs(who)
    // six submits of one ballot at once (a double tap, a retry): one 201, the others 200 replayed with the same ballot
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(owner)))
    assert.deepEqual(answers.map((a) => a.status()).sort(), [200, 200, 200, 200, 200, 201])
    assert.lengthOf(new Set(answers.map((a) => a.body().data.ballotId)), 1)
    for (const answer of answers.filter((a) => a.status() === 200)) assert.isTrue(answer.body().meta.replayed)
    assert.equal(Number((await db.from('voting_ballots').where('topic_id', topicId).count('* as n'))[0].n), 1)
    // every submit is audited as a write
    const writes = await db.from('audit_logs').where('id', '>', before).where('route', 'api.owner_ballots.store').where('action', 'write').count('* as n')
    assert.equal(Number(writes[0].n), 6)

    // another account holding the key (bound to houses 61–70) learns nothing from it and casts nothing
    const buyer = await User.findOrFail(2002)
    const foreign = await send(buyer)
    foreign.assertStatus(422)
    assert.deepEqual(foreign.body().errors.map((e: any) => e.field), ['request_id'])
    assert.notInclude(JSON.stringify(foreign.body()), 'agree')
    const ownHouse = await send(buyer, { ...body, house_id: ids.get(61) })
    ownHouse.assertStatus(422)
    assert.equal(Number((await db.from('voting_ballots').where('topic_id', topicId).count('* as n'))[0].n), 1)

    // after the end: the replay answers the ballot it made, a new ballot is refused, nothing changes
    clock.travelTo(CLOSE)
    const replay = await send(owner)
    replay.assertStatus(200)
    assert.isTrue(replay.body().meta.replayed)
    const late = await send(owner, { ...body, choice: 'oppose', request_id: randomUUID() })
    late.assertStatus(422)
    assert.equal(late.body().errors[0].message, '投票已结束，选票不能再提交或修改')
    const standing = await db.from('voting_standing_ballots').where('topic_id', topicId).select('house_id', 'choice')
    assert.deepEqual(standing.map((s) => [Number(s.house_id), s.choice]), [[ids.get(4), 'agree']])
  })
})
