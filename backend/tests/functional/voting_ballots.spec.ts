import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import clock from '#services/clock'
import { NotFoundInScope } from '#services/region_scope'
import BallotService, { tallyTopic } from '#modules/voting/ballot_service'
import { type Choice, type HouseOwnership, tally, toTallyHouse } from '#modules/voting/tally'
import { E, resetWorld } from '#tests/support/world'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'

/** 电子投票's ballots and tally on the real register (tests/support/voting.ts describes it). */
async function meetingWith(items: number[], status = 'published') {
  const [meeting] = await db.table('voting_meetings').insert({
    estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE, status,
  }).returning('id')
  const topics = await db.table('voting_topics').multiInsert(items.map((item, i) => ({
    meeting_id: meeting.id, seq: i + 1, title: `议题${i + 1}`, art278_item: item,
  }))).returning('id')
  return { meetingId: Number(meeting.id), topicIds: topics.map((t) => Number(t.id)) }
}

/** which account votes for house n */
const voterOf = (n: number) => (n <= 60 ? 2001 : n <= 70 ? 2002 : n <= 80 ? 2003 : 2004)

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a refusal')
}

test.group('Voting · ballots and the tally on the register', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('the tally from the database equals the rule applied to the register, owners counted by the interpretation', async ({ assert }) => {
    const ids = await houseIds()
    const { topicIds: [ordinary, special] } = await meetingWith([4, 6])
    const service = new BallotService()
    // houses 1–50 agree, 51–60 oppose; the buyer of 61–70 splits 6 agree / 4 oppose; the co-owned houses
    // abstain; the developer agrees on 81–85
    const choiceOf = (n: number): Choice | null =>
      n <= 50 ? 'agree' : n <= 60 ? 'oppose' : n <= 66 ? 'agree' : n <= 70 ? 'oppose' : n <= 80 ? 'abstain' : n <= 85 ? 'agree' : null
    for (const topicId of [ordinary, special]) {
      for (let n = 1; n <= 100; n++) {
        const choice = choiceOf(n)
        if (choice) await service.castByOwner(voterOf(n), { topicId, houseId: ids.get(n)!, choice, requestId: randomUUID() })
      }
    }
    const register: HouseOwnership[] = Array.from({ length: 100 }, (_, i) => {
      const n = i + 1
      const area = n <= 60 ? (80 + n) * 100 : n <= 70 ? 9555 : n <= 80 ? 12001 : n <= 90 ? 9999 : 6000
      const owners = n <= 60 ? [`${200 + n}`] : n <= 70 ? ['300'] : n <= 80 ? ['401', '402'] : n <= 90 ? ['500'] : []
      return { id: String(ids.get(n)), areaCenti: area, ownerIds: owners, developerHeld: n > 80 && n <= 90 }
    })
    const standing = Array.from({ length: 100 }, (_, i) => i + 1).filter((n) => choiceOf(n))
      .map((n) => ({ houseId: String(ids.get(n)), choice: choiceOf(n)! }))

    const got = await tallyTopic(ordinary)
    assert.deepEqual(got, tally(4, register.map(toTallyHouse), standing))
    // 60 single owners + the buyer + the co-owners + the developer + 10 unregistered houses
    assert.deepEqual(got.total, { areaCenti: (81 + 140) * 30 * 100 + 95550 + 120010 + 99990 + 60000, owners: 73 })
    assert.deepEqual(got.participating.owners, 63)
    // 50 single owners, the buyer (6 of 10 houses' area agrees), the developer
    assert.equal(got.agree.owners, 52)
    assert.isTrue(got.quorum.met)
    assert.isTrue(got.passed)
    const raised = await tallyTopic(special)
    assert.equal(raised.rule, 'special')
    assert.deepEqual(raised.agree, got.agree)
    // 52 of 63 owners is 3/4 and more, but 6,348.25 of 9,285.55 m² is not: raising the repair fund fails
    assert.deepEqual(raised.participating.areaCenti, 928555)
    assert.deepEqual(raised.agree.areaCenti, 634825)
    assert.deepEqual(raised.threshold, { area: false, owners: true, met: false })
    assert.isFalse(raised.passed)
  })

  test('a changed ballot replaces the earlier one; a replayed request counts once', async ({ assert }) => {
    const ids = await houseIds()
    const { topicIds: [topicId] } = await meetingWith([1])
    const service = new BallotService()
    const requestId = randomUUID()
    const first = await service.castByOwner(2001, { topicId, houseId: ids.get(1)!, choice: 'agree', requestId })
    const again = await service.castByOwner(2001, { topicId, houseId: ids.get(1)!, choice: 'agree', requestId })
    assert.isFalse(first.replayed)
    assert.isTrue(again.replayed)
    assert.equal(again.ballotId, first.ballotId)
    const changed = await service.castByOwner(2001, { topicId, houseId: ids.get(1)!, choice: 'oppose', requestId: randomUUID() })
    assert.isAbove(changed.ballotId, first.ballotId)
    assert.equal(Number((await db.from('voting_ballots').where('topic_id', topicId).count('* as n'))[0].n), 2)
    const standing = await db.from('voting_standing_ballots').where('topic_id', topicId).select('ballot_id', 'choice')
    assert.deepEqual(standing.map((s) => ({ ballot: Number(s.ballot_id), choice: s.choice })), [{ ballot: changed.ballotId, choice: 'oppose' }])
    // the same key for another choice is not a replay
    const misuse = await refusal(service.castByOwner(2001, { topicId, houseId: ids.get(1)!, choice: 'abstain', requestId }))
    assert.instanceOf(misuse, vineErrors.E_VALIDATION_ERROR)
  })

  test('concurrent ballots for one house leave exactly one standing ballot, the later one', async ({ assert }) => {
    const ids = await houseIds()
    const { topicIds: [topicId] } = await meetingWith([1])
    const service = new BallotService()
    const choices: Choice[] = ['agree', 'oppose', 'abstain', 'agree', 'oppose', 'abstain', 'agree', 'oppose']
    const cast = await Promise.all(choices.map((choice) =>
      service.castByOwner(2002, { topicId, houseId: ids.get(61)!, choice, requestId: randomUUID() })))
    const latest = cast.reduce((a, b) => (b.ballotId > a.ballotId ? b : a))
    const standing = await db.from('voting_standing_ballots').where('topic_id', topicId).select('ballot_id', 'choice')
    assert.lengthOf(standing, 1)
    assert.equal(Number(standing[0].ballot_id), latest.ballotId)
    assert.equal(standing[0].choice, latest.choice)
  })

  test('only a bound owner of that house, in an open meeting of its estate, may vote', async ({ assert }) => {
    const ids = await houseIds()
    const { topicIds: [topicId] } = await meetingWith([1])
    const service = new BallotService()
    // the co-owner who is not first on the register may vote for the co-owned house
    await service.castByOwner(2003, { topicId, houseId: ids.get(71)!, choice: 'agree', requestId: randomUUID() })
    // not their house; bound to nobody; a house of another estate; an unregistered house
    for (const [user, houseId] of [[2001, ids.get(61)!], [2005, ids.get(1)!], [2003, ids.get(91)!]] as const) {
      assert.instanceOf(await refusal(service.castByOwner(user, { topicId, houseId, choice: 'agree', requestId: randomUUID() })), NotFoundInScope)
    }
    const otherEstate = await db.from('houses').where('estate_id', E.e2).select('id').first()
    assert.instanceOf(await refusal(service.castByOwner(2001, { topicId, houseId: Number(otherEstate.id), choice: 'agree', requestId: randomUUID() })), NotFoundInScope)
    // a draft meeting's topic does not exist for voters
    const draft = await meetingWith([1], 'draft')
    assert.instanceOf(await refusal(service.castByOwner(2001, { topicId: draft.topicIds[0], houseId: ids.get(1)!, choice: 'agree', requestId: randomUUID() })), NotFoundInScope)
    assert.equal(Number((await db.from('voting_ballots').count('* as n'))[0].n), 1)
  })

  test('before the period opens and after it ends nothing can be cast or changed', async ({ assert }) => {
    const ids = await houseIds()
    const { topicIds: [topicId] } = await meetingWith([1])
    const service = new BallotService()
    await service.castByOwner(2001, { topicId, houseId: ids.get(2)!, choice: 'agree', requestId: randomUUID() })
    clock.travelTo('2026-11-30T12:00:00+08:00')
    const early = await refusal(service.castByOwner(2001, { topicId, houseId: ids.get(1)!, choice: 'agree', requestId: randomUUID() }))
    assert.instanceOf(early, vineErrors.E_VALIDATION_ERROR)
    assert.deepEqual((early as any).messages.map((m: any) => m.message), ['投票尚未开始'])
    clock.travelTo(CLOSE)
    const late = await refusal(service.castByOwner(2001, { topicId, houseId: ids.get(2)!, choice: 'oppose', requestId: randomUUID() }))
    assert.deepEqual((late as any).messages.map((m: any) => m.message), ['投票已结束，选票不能再提交或修改'])
    const standing = await db.from('voting_standing_ballots').where('topic_id', topicId).select('choice')
    assert.deepEqual(standing.map((s) => s.choice), ['agree'])
  })
})
