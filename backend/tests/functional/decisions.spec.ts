import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { raw } from '@szpm/warehouse'
import User from '#models/user'
import clock from '#services/clock'
import { E, R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'

/**
 * 业主决策情况 (module 8) over the world and tests/support/voting.ts's register of e1: the director of
 * e1 holds an 业主大会 through the API (a 3/4 topic that fails and an ordinary one that passes), the
 * ballots and the meeting's changes reach the warehouse through the outbox (ballot_facts,
 * voting_topic_facts and the per-estate rollup), and the numbers per region equal the tally stored in
 * PostgreSQL. A second, published meeting in e3 (园岭二社区) is written directly and reaches the
 * warehouse by the rebuild.
 */
const MEETING = {
  estate_id: E.e1, kind: 'owners_assembly', title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE,
  topics: [
    { title: '选聘深圳市某某物业服务有限公司', art278_item: 4 },
    { title: '筹集维修资金', description: '每平方米 2 元', art278_item: 6 },
  ],
}

/** e1: houses 1–50 in building 1, 51–100 in building 2 (the turnout by building) */
async function twoBuildings() {
  await db.rawQuery(`UPDATE houses SET building = CASE WHEN number::int <= 50 THEN '1' ELSE '2' END WHERE estate_id = ?`, [E.e1])
}

/** the meeting of e1 through the API: 80 houses vote on both topics (as voting_meetings.spec.ts), closed after the period */
async function holdMeeting(client: any) {
  const director = await actor('director')
  const created = await client.visit('api.voting_meetings.store').json(MEETING).withCsrfToken().loginAs(director)
  const meetingId = created.body().data.id
  await client.visit('api.voting_meetings.publish', { id: meetingId }).json({ version: 1 }).withCsrfToken().loginAs(director)
  clock.travelTo(DURING)
  const ids = await houseIds()
  const owners = new Map<number, User>()
  const topics = await db.from('voting_topics').where('meeting_id', meetingId).orderBy('seq').select('id')
  for (let n = 1; n <= 90; n++) {
    if (n > 70 && n <= 80) continue
    const account = n <= 60 ? 2001 : n <= 70 ? 2002 : 2004
    if (!owners.has(account)) owners.set(account, await User.findOrFail(account))
    const choice = n <= 45 ? 'agree' : n <= 60 ? 'oppose' : 'abstain'
    for (const topic of topics) {
      const cast = await client.visit('api.owner_ballots.store', { id: topic.id })
        .json({ house_id: ids.get(n), choice, request_id: randomUUID() }).withCsrfToken().loginAs(owners.get(account)!)
      cast.assertStatus(201)
    }
  }
  // house 1 changes its mind on the first topic and back: one standing ballot, the latest
  for (const choice of ['oppose', 'agree']) {
    const changed = await client.visit('api.owner_ballots.store', { id: topics[0].id })
      .json({ house_id: ids.get(1), choice, request_id: randomUUID() }).withCsrfToken().loginAs(owners.get(2001)!)
    changed.assertStatus(201)
  }
  clock.travelTo(CLOSE)
  const closed = await client.visit('api.voting_meetings.close', { id: meetingId }).json({ version: 2 }).withCsrfToken().loginAs(director)
  closed.assertStatus(200)
  return { meetingId: Number(meetingId), topicIds: topics.map((t) => Number(t.id)) }
}

/** a published 业委会会议 of e3 (园岭二社区) with one topic and houses 1–30 of its 300 voting 同意 (written directly, by the rebuild) */
async function openCommitteeMeeting() {
  const [meeting] = await db.table('voting_meetings').insert({
    estate_id: E.e3, kind: 'committee', convener: 'committee', title: '2026年业委会第3次会议', status: 'published',
    opens_at: new Date(OPEN), closes_at: new Date(CLOSE), published_at: new Date(OPEN), version: 2,
  }).returning('id')
  const [topic] = await db.table('voting_topics').insert({ meeting_id: meeting.id, seq: 1, title: '小区智慧安防建设方案', art278_item: 9 }).returning('id')
  const houses = await db.from('houses').where('estate_id', E.e3).orderByRaw('number::int').limit(30).select('id')
  for (const house of houses) {
    const [ballot] = await db.table('voting_ballots').insert({
      topic_id: topic.id, house_id: house.id, choice: 'agree', channel: 'paper', user_id: 11, scan_path: 'voting/scans/x.pdf', request_id: randomUUID(), cast_at: new Date(DURING),
    }).returning('id')
    await db.table('voting_standing_ballots').insert({ topic_id: topic.id, house_id: house.id, ballot_id: ballot.id, choice: 'agree' })
  }
  return { meetingId: Number(meeting.id), topicId: Number(topic.id) }
}

/** e1's register: 10,385.50 m², 73 owners; 80 houses took part with 8,585.40 m², 62 owners (voting_meetings.spec.ts) */
const E1 = { totalCenti: 1_038_550, owners: 73, votedCenti: 858_540, votedOwners: 62 }
/** e3: 300 houses of 100 m², 270 of them owner 3's, 30 nobody's → 31 owners; 30 houses (owner 3) voted */
const E3 = { totalCenti: 3_000_000, owners: 31, votedCenti: 300_000, votedOwners: 1 }

test.group('业主决策情况 · statistics from the ballot facts', (group) => {
  let held: { meetingId: number; topicIds: number[] }
  let open: { meetingId: number; topicId: number }
  group.setup(async () => {
    await resetWorld()
    await registerEstate()
    await twoBuildings()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    open = await openCommitteeMeeting()
    await syncWarehouse()
    return () => clock.reset()
  })

  test('ballots and the meeting\'s changes go through the outbox: facts, rollup and figures; reconcile finds no difference', async ({ client, assert }) => {
    held = await holdMeeting(client)
    const topics = await db.from('outbox_events').where('topic', 'voting_topic').count('* as n')
    // created, published and closed: each re-publishes the meeting's two topics
    assert.equal(Number(topics[0].n), 6)
    const ballots = await db.from('outbox_events').where('topic', 'voting_ballot').count('* as n')
    assert.equal(Number(ballots[0].n), 162)
    await drain()
    const warehouse = await app.container.make('warehouse')
    const live = await warehouse.query<{ n: string; area: string }>(raw(`SELECT sum(sign) AS n, sum(area_centi * sign) AS area FROM ballot_facts WHERE estate_id = ${E.e1}`))
    assert.deepEqual([Number(live[0].n), Number(live[0].area)], [160, 2 * E1.votedCenti])
    const totals = await warehouse.query<Record<string, string>>(raw(`SELECT ballots, voted_area_centi, voted_owners FROM decision_estate_totals FINAL WHERE estate_id = ${E.e1}`))
    assert.deepEqual(Object.values(totals[0]).map(Number), [160, 2 * E1.votedCenti, 2 * E1.votedOwners])
    const topicFacts = await warehouse.query<Record<string, string | number>>(raw(`SELECT meeting_status, total_area_centi, total_owners, is_passed FROM voting_topic_facts FINAL WHERE estate_id = ${E.e1} ORDER BY topic_id`))
    assert.deepEqual(topicFacts.map((row) => [row.meeting_status, Number(row.total_area_centi), Number(row.total_owners), Number(row.is_passed)]), [
      ['closed', E1.totalCenti, E1.owners, 1],
      ['closed', E1.totalCenti, E1.owners, 0],
    ])
    const differences = (await reconcileWarehouse()).differences.filter((difference: { table: string }) => ['ballot_facts', 'voting_topic_facts', 'decision_estate_totals'].includes(difference.table))
    assert.deepEqual(differences, [])
   }).timeout(120_000)

  test('the street per community: meetings by kind and state, topics and results, ballots, participation by area and owners', async ({ client, assert }) => {
    const response = await client.visit('api.decisions_stats.index').loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.equal(meta.childLevel, 'community')
    assert.deepEqual(data[0], {
      id: R.yl1, name: '园岭一社区', level: 'community', estates: 2, usingEstates: 1, usingRate: 0.5, assemblyMeetings: 1, committeeMeetings: 0,
      openMeetings: 0, closedMeetings: 1, topicsVoted: 2, topicsPassed: 1, topicsFailed: 1, passRate: 0.5, ballots: 160,
      areaTurnout: E1.votedCenti / E1.totalCenti, ownerTurnout: E1.votedOwners / E1.owners,
    })
    assert.deepEqual(data[1], {
      id: R.yl2, name: '园岭二社区', level: 'community', estates: 2, usingEstates: 1, usingRate: 0.5, assemblyMeetings: 0, committeeMeetings: 1,
      openMeetings: 1, closedMeetings: 0, topicsVoted: 0, topicsPassed: 0, topicsFailed: 0, passRate: 0, ballots: 30,
      areaTurnout: E3.votedCenti / E3.totalCenti, ownerTurnout: E3.votedOwners / E3.owners,
    })
    assert.equal(meta.totals.ballots, 190)
    assert.closeTo(meta.totals.areaTurnout, (2 * E1.votedCenti + E3.votedCenti) / (2 * E1.totalCenti + E3.totalCenti), 1e-12)
  })

  test('drills 区 → 街道 → 社区 → 物业项目; equal to PostgreSQL over the same ballots and stored tallies', async ({ client, assert }) => {
    const city = await actor('city')
    const districts = await client.visit('api.decisions_stats.index').loginAs(city)
    assert.deepEqual(districts.body().data.map((r: any) => [r.name, r.usingEstates, r.assemblyMeetings + r.committeeMeetings, r.topicsVoted, r.ballots]), [['福田区', 2, 2, 2, 190], ['罗湖区', 0, 0, 0, 0]])
    const streets = await client.visit('api.decisions_stats.index').qs({ region_id: R.futian }).loginAs(city)
    assert.deepEqual(streets.body().data.map((r: any) => [r.name, r.ballots]), [['园岭街道', 190], ['南园街道', 0]])
    const estates = await client.visit('api.decisions_stats.index').qs({ region_id: R.yl1 }).loginAs(city)
    assert.equal(estates.body().meta.childLevel, 'estate')
    const e1 = estates.body().data.find((r: any) => r.id === E.e1)
    // PostgreSQL: the stored tallies' participating figures, and the standing ballots themselves
    const stored = await db.from('voting_topics').where('meeting_id', held.meetingId).select('result')
    assert.equal(e1.areaTurnout, stored.reduce((s, t) => s + t.result.participating.areaCenti, 0) / stored.reduce((s, t) => s + t.result.total.areaCenti, 0))
    assert.equal(e1.ownerTurnout, stored.reduce((s, t) => s + t.result.participating.owners, 0) / stored.reduce((s, t) => s + t.result.total.owners, 0))
    const [{ n }] = await db.from('voting_standing_ballots').whereIn('topic_id', held.topicIds).count('* as n')
    assert.equal(e1.ballots, Number(n))
    assert.equal(e1.topicsPassed, stored.filter((t) => t.result.passed).length)
  })

  test('the topics behind the numbers (穿透): the six numbers of the tally, filters, 404 outside the scope, 422 on bad input', async ({ client, assert }) => {
    const head = await actor('head')
    const all = await client.visit('api.decision_topics.index').loginAs(head)
    all.assertStatus(200)
    assert.equal(all.body().meta.total, 3)
    const [passed, failed] = all.body().data.filter((row: any) => row.meetingId === held.meetingId)
    assert.deepInclude(passed, {
      estateId: E.e1, kindName: '业主大会', statusName: '已结束', topicTitle: '选聘深圳市某某物业服务有限公司', itemName: '第4项 选聘和解聘物业服务企业或者其他管理人',
      ballots: 80, totalArea: 10385.5, votedArea: 8585.4, totalOwners: 73, votedOwners: 62, agreeArea: 4635, agreeOwners: 45, result: 'passed', resultName: '通过',
    })
    assert.deepInclude(failed, { item: 6, ruleName: '双三分之二参与，参与面积和人数均四分之三以上同意', result: 'failed', resultName: '未通过' })
    // the live figures equal the tally stored when the meeting closed
    const stored = await db.from('voting_topics').where('id', passed.id).select('result').first()
    assert.deepEqual([passed.votedOwners, passed.agreeOwners, Math.round(passed.agreeArea * 100)], [stored.result.participating.owners, stored.result.agree.owners, stored.result.agree.areaCenti])
    const openRow = all.body().data.find((row: any) => row.id === open.topicId)
    assert.deepInclude(openRow, { statusName: '表决中', result: 'open', resultName: '表决中', ballots: 30, totalOwners: 31, votedOwners: 1, totalArea: 30000 })

    const onlyFailed = await client.visit('api.decision_topics.index').qs({ result: 'failed' }).loginAs(head)
    assert.deepEqual(onlyFailed.body().data.map((row: any) => row.id), [failed.id])
    const committee = await client.visit('api.decision_topics.index').qs({ kind: 'committee', region_id: R.yl2 }).loginAs(head)
    assert.deepEqual(committee.body().data.map((row: any) => row.id), [open.topicId])
    const searched = await client.visit('api.decision_topics.index').qs({ q: '维修资金' }).loginAs(head)
    assert.deepEqual(searched.body().data.map((row: any) => row.id), [failed.id])

    const luohu = await actor('luohu')
    ;(await client.visit('api.decision_topics.index').qs({ estate_id: E.e1 }).loginAs(luohu)).assertStatus(404)
    ;(await client.visit('api.decision_topics.index').qs({ region_id: R.yuanling }).loginAs(luohu)).assertStatus(404)
    const bad = await client.visit('api.decision_topics.index').qs({ result: 'maybe' }).loginAs(head)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'result')
    assert.match(bad.body().errors[0].message, /表决结果/)
    // a 项目经理 holds no region feature
    ;(await client.visit('api.decision_topics.index').loginAs(await actor('manager'))).assertStatus(403)
  })

  test('a topic\'s turnout by building and by day from the ballot facts; another region\'s topic is 404', async ({ client, assert }) => {
    const head = await actor('head')
    const byBuilding = await client.visit('api.decision_turnout.show', { id: held.topicIds[0] }).loginAs(head)
    byBuilding.assertStatus(200)
    // building 1: houses 1–50 all voted (81 … 130 m²); building 2: 51–70 and 81–90 (30 of 50): 8,585.40 − 5,275 m²
    const building1 = Array.from({ length: 50 }, (_, i) => 81 + i).reduce((s, a) => s + a, 0)
    assert.deepEqual(byBuilding.body().data.map((r: any) => [r.key, r.houses, r.ballots, r.votedArea]), [['1', 50, 50, building1], ['2', 50, 30, 3310.4]])
    assert.closeTo(byBuilding.body().data.reduce((s: number, r: any) => s + r.totalArea, 0), 10385.5, 1e-9)
    const byDay = await client.visit('api.decision_turnout.show', { id: held.topicIds[0] }).qs({ by: 'day' }).loginAs(head)
    byDay.assertStatus(200)
    assert.deepEqual(byDay.body().data.map((r: any) => [r.key, r.ballots, r.cumulativeBallots]), [['2026-12-07', 80, 80]])
    assert.equal(byDay.body().data[0].areaTurnout, E1.votedCenti / E1.totalCenti)
    // totals only: no choice, no house, no owner
    assert.notMatch(JSON.stringify(byBuilding.body()), /choice|owner|agree/)

    ;(await client.visit('api.decision_turnout.show', { id: held.topicIds[0] }).loginAs(await actor('luohu'))).assertStatus(404)
    ;(await client.visit('api.decision_turnout.show', { id: 999999 }).loginAs(head)).assertStatus(404)
    const bad = await client.visit('api.decision_turnout.show', { id: held.topicIds[0] }).qs({ by: 'house' }).loginAs(head)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'by')
  })

  test('exports the statistics (every metric, 合计) and the topics with the same filters', async ({ client, assert }) => {
    const head = await actor('head')
    const stats = await client.visit('api.decisions_stats.export').loginAs(head)
    stats.assertStatus(200)
    const sheet = await readSheet(stats.body())
    assert.deepEqual(sheet.rows[0].slice(0, 4), ['社区', '物业项目(个)', '使用电子表决的项目(个)', '电子表决使用率'])
    assert.lengthOf(sheet.rows[0], 15)
    assert.deepEqual(sheet.rows[3].slice(0, 3), ['合计', 4, 2])
    const topics = await client.visit('api.decision_topics.export').qs({ result: 'passed' }).loginAs(head)
    topics.assertStatus(200)
    const list = await readSheet(topics.body())
    assert.lengthOf(list.rows, 2)
    assert.include(list.rows[0], '表决议题')
    assert.include(list.rows[1], '选聘深圳市某某物业服务有限公司')
    assert.include(list.rows[1], '通过')
  })
})
