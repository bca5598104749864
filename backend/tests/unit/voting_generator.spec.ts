import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators, SCALES } from '#database/generators/index'
import type { Scale } from '#database/generators/index'
import { tallyTopic } from '#modules/voting/ballot_service'

const SMALL: Scale = { communitiesPerStreet: [2, 3], estatesPerCommunity: [3, 5], housesPerEstate: [20, 60], streets: ['园岭街道', '南园街道'], votingMeetings: 24 }

/** 电子投票's demo and city data (generators/voting.ts), which 业主决策情况 reads. */
test.group('voting generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('the city scale asks for ≈ 1,500 meetings (≈ 6,000 topics at 2–6 each)', ({ assert }) => {
    assert.equal(SCALES.city.votingMeetings, 1500)
    assert.equal(SCALES.demo.votingMeetings, undefined)
  })

  test('meetings of both kinds and three states; a closed topic stores exactly what the real tally computes from the register and the standing ballots', async ({ assert }) => {
    const generators = GENERATORS.filter((generator) => ['regions', 'estates', 'houses_and_owners', 'accounts', 'estate_accounts', 'voting'].includes(generator.name))
    const result = await withClient((client) => runGenerators(generators, { client, scale: SMALL, seed: 17, fresh: true }))
    assert.equal(result.rows.voting_meetings, 24)
    const meetings = await db.from('voting_meetings').select('status', 'kind', 'convener').count('* as n').groupBy('status', 'kind', 'convener')
    const states = new Set(meetings.map((m) => m.status))
    assert.sameMembers([...states], ['draft', 'published', 'closed'])
    assert.include(meetings.map((m) => m.kind), 'owners_assembly')

    const topics = await db.from('voting_topics as t').join('voting_meetings as m', 'm.id', 't.meeting_id').select('t.id', 't.result', 't.passed', 'm.status').orderBy('t.id')
    const closed = topics.filter((t) => t.status === 'closed')
    assert.isAbove(closed.length, 10)
    for (const topic of closed) {
      const live = await tallyTopic(Number(topic.id))
      assert.deepEqual(topic.result, JSON.parse(JSON.stringify(live)), `topic ${topic.id}`)
      assert.equal(topic.passed, live.passed)
    }
    // turnout and agreement vary: some topics pass, others fail
    assert.isAbove(closed.filter((t) => t.passed).length, 0)
    assert.isAbove(closed.filter((t) => !t.passed).length, 0)
    // open and draft topics carry no result; drafts have no ballots
    assert.isTrue(topics.filter((t) => t.status !== 'closed').every((t) => t.result === null && t.passed === null))
    const [{ n: draftBallots }] = await db.from('voting_ballots as b').join('voting_topics as t', 't.id', 'b.topic_id').join('voting_meetings as m', 'm.id', 't.meeting_id').where('m.status', 'draft').count('* as n')
    assert.equal(Number(draftBallots), 0)

    // the standing ballot of a house is its latest ballot, and a few were replaced
    const [{ n: wrong }] = await db.from('voting_standing_ballots as s')
      .whereRaw('s.ballot_id <> (SELECT max(b.id) FROM voting_ballots b WHERE b.topic_id = s.topic_id AND b.house_id = s.house_id)')
      .orWhereRaw(`s.choice <> (SELECT b.choice FROM voting_ballots b WHERE b.id = s.ballot_id)`).count('* as n')
    assert.equal(Number(wrong), 0)
    assert.isAbove(result.rows.voting_ballots, result.rows.voting_standing_ballots)
    // the register the tally distinguishes: developer-held and co-owned houses (never co-owned by its own owner)
    const [{ n: developer }] = await db.from('houses').where('developer_held', true).count('* as n')
    assert.isAbove(Number(developer), 0)
    assert.isAbove(result.rows.house_co_owners, 0)
    const [{ n: self }] = await db.from('house_co_owners as c').join('houses as h', 'h.id', 'c.house_id').whereRaw('h.owner_id = c.owner_id').count('* as n')
    assert.equal(Number(self), 0)
  })

  test('a ballot target (--voting-ballots) adds meetings through the estates by size until the standing ballots reach it', async ({ assert }) => {
    const generators = GENERATORS.filter((generator) => ['regions', 'estates', 'houses_and_owners', 'accounts', 'estate_accounts', 'voting'].includes(generator.name))
    const plain = await withClient((client) => runGenerators(generators, { client, scale: SMALL, seed: 17, fresh: true }))
    const target = plain.rows.voting_standing_ballots * 3
    const more = await withClient((client) => runGenerators(generators, { client, scale: { ...SMALL, votingBallots: target }, seed: 17, fresh: true }))
    assert.isAtLeast(more.rows.voting_standing_ballots, target)
    assert.isAbove(more.rows.voting_meetings, plain.rows.voting_meetings)
    // no more meetings than needed: the target is reached by the last one
    const [{ n: standing }] = await db.from('voting_standing_ballots').count('* as n')
    assert.equal(Number(standing), more.rows.voting_standing_ballots)
    const last = await db.from('voting_meetings').max('id as id').first()
    const [{ n: lastBallots }] = await db.from('voting_standing_ballots as s').join('voting_topics as t', 't.id', 's.topic_id').where('t.meeting_id', last!.id).count('* as n')
    assert.isBelow(more.rows.voting_standing_ballots - Number(lastBallots), target)
  })
})
