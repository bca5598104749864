import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/user'
import clock from '#services/clock'
import { scheduledJobs } from '#workflows/index'
import { jobProcessor } from '#workflows/jobs'
import { tallyTopic } from '#modules/voting/ballot_service'
import { CLOSE_DUE_MEETINGS } from '#modules/voting/close_due_meetings'
import { E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'

/**
 * The end of the voting period: the scheduled job (close-due-voting-meetings, PLATFORM_JOBS) tallies
 * and closes every published meeting whose closes_at has passed, once; from the closing instant on no
 * ballot is taken; the result goes to the estate's bound owners and the street's 电子投票 readers as an
 * in-app notice (reason voting.result:<id>, once per meeting).
 */
async function meeting(status: string, closesAt = CLOSE, estateId: number = E.e1) {
  const [row] = await db.table('voting_meetings').insert({
    estate_id: estateId, kind: 'owners_assembly', convener: estateId === E.e1 ? 'committee' : 'proxy', title: '2026年第一次业主大会',
    opens_at: OPEN, closes_at: closesAt, status,
  }).returning('id')
  const topics = await db.table('voting_topics').multiInsert([4, 6].map((item, i) => ({ meeting_id: row.id, seq: i + 1, title: `议题${i + 1}`, art278_item: item }))).returning('id')
  return { id: Number(row.id), topicIds: topics.map((t) => Number(t.id)) }
}

const runJob = async () => {
  const logged: string[] = []
  const result = (await jobProcessor(scheduledJobs(), (line) => logged.push(line))({ name: CLOSE_DUE_MEETINGS })) as { closed: number[] }
  return { ...result, logged }
}

test.group('Voting · the automatic close at the end of the period and the published result', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('the job is declared like the other scheduled jobs: every minute and at start', ({ assert }) => {
    assert.deepInclude(
      scheduledJobs().map(({ name, everyMs, runAtStart, process }) => ({ name, everyMs, runAtStart, process })),
      { name: CLOSE_DUE_MEETINGS, everyMs: 60_000, runAtStart: true, process: 'platform' }
    )
  })

  test('a ballot a moment before the end counts; at the closing instant it is refused; the job closes once, with the tally', async ({ client, assert }) => {
    const ids = await houseIds()
    const due = await meeting('published')
    const later = await meeting('published', '2026-12-20T18:00:00+08:00')
    const draft = await meeting('draft', '2026-12-10T18:00:00+08:00')
    const owner = await User.findOrFail(2001)
    const cast = (n: number, choice: string) => client.visit('api.owner_ballots.store', { id: due.topicIds[0] })
      .json({ house_id: ids.get(n), choice, request_id: randomUUID() }).withCsrfToken().loginAs(owner)
    for (let n = 1; n <= 50; n++) (await cast(n, 'agree')).assertStatus(201)

    // nothing is due before the end
    assert.deepEqual((await runJob()).closed, [])
    // seconds before the end: a ballot is still taken
    clock.travelTo(DateTime.fromISO(CLOSE).minus({ seconds: 5 }).toISO()!)
    ;(await cast(51, 'oppose')).assertStatus(201)
    // at the closing instant: refused, before and after the job ran
    clock.travelTo(CLOSE)
    const atEnd = await cast(52, 'agree')
    atEnd.assertStatus(422)
    assert.deepEqual(atEnd.body().errors.map((e: any) => [e.field, e.message]), [['topic_id', '投票已结束，选票不能再提交或修改']])

    const first = await runJob()
    assert.deepEqual(first.closed, [due.id])
    assert.match(first.logged[0], /closed and tallied 1 meeting/)
    const row = await db.from('voting_meetings').where('id', due.id).select('status', 'version', 'result_published_at').firstOrFail()
    assert.equal(row.status, 'closed')
    assert.equal(Number(row.version), 2)
    assert.isNotNull(row.result_published_at)
    // the stored result is the tally of the standing ballots: 51 houses took part, 50 agreed
    const topics = await db.from('voting_topics').where('meeting_id', due.id).orderBy('seq').select('id', 'result', 'passed')
    for (const topic of topics) assert.deepEqual(topic.result, JSON.parse(JSON.stringify(await tallyTopic(Number(topic.id)))))
    assert.equal(topics[0].result.participating.owners, 51)
    assert.equal(topics[0].result.agree.owners, 50)
    assert.equal(topics[1].result.participating.owners, 0)
    // the other meetings are untouched: still open, and a draft is never closed by the job
    const others = await db.from('voting_meetings').whereIn('id', [later.id, draft.id]).orderBy('id').select('status')
    assert.deepEqual(others.map((m) => m.status), ['published', 'draft'])

    // idempotent: a second run closes nothing, writes no second notice, changes no result
    const second = await runJob()
    assert.deepEqual(second.closed, [])
    assert.deepEqual(second.logged, [])
    assert.equal(Number((await db.from('voting_meetings').where('id', due.id).select('version').firstOrFail()).version), 2)
    assert.equal(Number((await db.from('messages').where('reason', `voting.result:${due.id}`).count('* as n'))[0].n), 4 + 2)
    // after the end nothing changes: a ballot the next day is refused too, and the convener's close is a 422
    clock.travelTo('2026-12-16T09:00:00+08:00')
    ;(await cast(53, 'agree')).assertStatus(422)
    const closeAgain = await client.visit('api.voting_meetings.close', { id: due.id }).json({ version: 2 }).withCsrfToken().loginAs(await actor('director'))
    closeAgain.assertStatus(422)
    assert.equal(Number((await db.from('voting_ballots').where('topic_id', due.topicIds[0]).count('* as n'))[0].n), 51)
  })

  test('the result is published: the bound owners and the street\'s readers get one notice; owners read it on H5, the street on PC', async ({ client, assert }) => {
    const ids = await houseIds()
    const due = await meeting('published')
    const owner = await User.findOrFail(2001)
    for (let n = 1; n <= 60; n++) {
      ;(await client.visit('api.owner_ballots.store', { id: due.topicIds[0] }).json({ house_id: ids.get(n), choice: 'agree', request_id: randomUUID() }).withCsrfToken().loginAs(owner)).assertStatus(201)
    }
    clock.travelTo(CLOSE)
    await runJob()
    const messages = await db.from('messages').where('reason', `voting.result:${due.id}`).orderBy('recipient_id').select('recipient_id', 'title', 'summary', 'kind')
    // owners 2001–2004 (2005 is bound to nobody) and 园岭's street head and handler (voting.view); not another
    // street's users, not the estate's manager or director
    assert.deepEqual(messages.map((m) => Number(m.recipient_id)), [USERS.head.id, USERS.handler.id, 2001, 2002, 2003, 2004])
    assert.equal(messages[0].title, '表决结果：翠园小区2026年第一次业主大会')
    assert.equal(messages[0].summary, '议题1「议题1」未通过；议题2「议题2」未通过。')
    assert.equal(messages[0].kind, 'notice')

    // the owner reads the result on H5 with the six numbers and the rule
    const mine = await client.visit('api.owner_ballots.index').loginAs(owner)
    const topic = mine.body().data[0].topics[0]
    assert.equal(mine.body().data[0].status, 'closed')
    assert.equal(topic.rule, '参与表决专有部分面积和人数均过半数同意')
    assert.deepInclude(topic.result, { totalArea: '10385.50', totalOwners: 73, participatingArea: '6630.00', participatingOwners: 60, agreeArea: '6630.00', agreeOwners: 60 })
    // 60 of 73 owners but 6,630 of 10,385.50 m² is short of 2/3: no quorum, so it fails
    assert.deepInclude(topic.result, { passed: false })
    assert.deepEqual(topic.result.quorum, { area: false, owners: true, met: false })
    // the street reads the same on PC, no ballot in it
    const shown = await client.visit('api.voting_meetings.show', { id: due.id }).loginAs(await actor('head'))
    assert.deepEqual(shown.body().data.topics[0].result, topic.result)
    assert.notInclude(JSON.stringify(shown.body()), 'choice')
  })

  test('the convener\'s own 结束并计票 publishes the result the same way, once', async ({ client, assert }) => {
    const due = await meeting('published')
    clock.travelTo(CLOSE)
    const closed = await client.visit('api.voting_meetings.close', { id: due.id }).json({ version: 1 }).withCsrfToken().loginAs(await actor('director'))
    closed.assertStatus(200)
    const sent = await db.from('messages').where('reason', `voting.result:${due.id}`).select('sender_id')
    assert.lengthOf(sent, 6)
    assert.isTrue(sent.every((m) => Number(m.sender_id) === USERS.director.id))
    assert.deepEqual((await runJob()).closed, [])
    assert.lengthOf(await db.from('messages').where('reason', `voting.result:${due.id}`), 6)
  })
})
