import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import clock from '#services/clock'
import { E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { CLOSE, DURING, OPEN, houseIds, registerEstate } from '#tests/support/voting'
import { readSheet } from '#tests/support/excel'
import { excelTime } from '#services/excel_export'

/**
 * 纸质选票: the convener (e1's 业委会主任 for the committee's meeting) uploads a paper ballot's scan and
 * enters the house's choices with it while the meeting is open; the entry is kept (who, when, which
 * scan) and the last ballot of a house counts, paper or H5. The register is tests/support/voting.ts's.
 */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 32)])

async function publishedMeeting(estateId: number = E.e1, convener = 'committee') {
  const [meeting] = await db.table('voting_meetings').insert({
    estate_id: estateId, kind: 'owners_assembly', convener, title: '2026年第一次业主大会', opens_at: OPEN, closes_at: CLOSE, status: 'published',
  }).returning('id')
  const topics = await db.table('voting_topics').multiInsert([4, 6].map((item, i) => ({
    meeting_id: meeting.id, seq: i + 1, title: `议题${i + 1}`, art278_item: item,
  }))).returning('id')
  return { meetingId: Number(meeting.id), topicIds: topics.map((t) => Number(t.id)) }
}

test.group('Voting · paper ballots entered by the convener', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    clock.travelTo(DURING)
    return () => clock.reset()
  })

  test('entered with the scan, kept with who and when; the owner sees it stands; the last ballot counts, paper or H5', async ({ client, assert }) => {
    const ids = await houseIds()
    const { meetingId, topicIds: [t1, t2] } = await publishedMeeting()
    // the audit log is append-only (never reset between tests): this test's rows come after this id
    const before = Number((await db.from('audit_logs').max('id as id'))[0].id ?? 0)
    const director = await actor('director')
    const scan = await client.post(`/api/v1/voting/meetings/${meetingId}/paper_scans`).file('file', PNG, { filename: '1栋101选票.png' }).withCsrfToken().loginAs(director)
    assert.equal(scan.status(), 201, JSON.stringify(scan.body()))
    const token = scan.body().data.token

    const entry = { house_id: ids.get(1), scan_token: token, request_id: randomUUID(), choices: [{ topic_id: t1, choice: 'agree' }, { topic_id: t2, choice: 'oppose' }] }
    const entered = await client.visit('api.voting_paper_ballots.store', { id: meetingId }).json(entry).withCsrfToken().loginAs(director)
    entered.assertStatus(201)
    assert.isFalse(entered.body().meta.replayed)
    // the ballots: channel paper, entered by the director, for the house's registered owner, with the scan
    const rows = await db.from('voting_ballots').orderBy('topic_id').select('topic_id', 'house_id', 'choice', 'channel', 'user_id', 'owner_id', 'scan_path', 'cast_at')
    assert.deepEqual(rows.map((r) => [Number(r.topic_id), r.choice, r.channel, Number(r.user_id), Number(r.owner_id), r.scan_path]), [
      [t1, 'agree', 'paper', USERS.director.id, 201, `voting/scans/${token}`],
      [t2, 'oppose', 'paper', USERS.director.id, 201, `voting/scans/${token}`],
    ])
    // when: the clock's now (it travels from DURING on)
    assert.closeTo(new Date(rows[0].cast_at).getTime(), new Date(DURING).getTime(), 60_000)
    // a double submit of the entry counts once
    const replay = await client.visit('api.voting_paper_ballots.store', { id: meetingId }).json(entry).withCsrfToken().loginAs(director)
    replay.assertStatus(200)
    assert.isTrue(replay.body().meta.replayed)
    assert.equal(Number((await db.from('voting_ballots').count('* as n'))[0].n), 2)

    // the owner sees that a paper ballot stands for their house
    const owner = await User.findOrFail(2001)
    const mine = await client.visit('api.owner_ballots.index').loginAs(owner)
    const house1 = (topic: number) => mine.body().data[0].topics[topic].houses.find((h: any) => h.id === ids.get(1))
    assert.deepInclude(house1(0), { choice: 'agree', channel: 'paper' })
    assert.deepInclude(house1(1), { choice: 'oppose', channel: 'paper' })

    // the owner's later H5 ballot replaces the paper one on that topic
    clock.travelTo('2026-12-08T10:00:00+08:00')
    const online = await client.visit('api.owner_ballots.store', { id: t1 }).json({ house_id: ids.get(1), choice: 'abstain', request_id: randomUUID() }).withCsrfToken().loginAs(owner)
    online.assertStatus(201)
    const standing = async () => (await db.from('voting_standing_ballots as s').join('voting_ballots as b', 'b.id', 's.ballot_id')
      .where('s.house_id', ids.get(1)!).orderBy('s.topic_id').select('s.choice', 'b.channel')).map((r) => `${r.choice}/${r.channel}`)
    assert.deepEqual(await standing(), ['abstain/h5', 'oppose/paper'])
    // and a later paper ballot replaces the H5 one
    clock.travelTo('2026-12-09T10:00:00+08:00')
    const second = await client.post(`/api/v1/voting/meetings/${meetingId}/paper_scans`).file('file', PDF, { filename: '补录.pdf' }).withCsrfToken().loginAs(director)
    second.assertStatus(201)
    const later = await client.visit('api.voting_paper_ballots.store', { id: meetingId })
      .json({ house_id: ids.get(1), scan_token: second.body().data.token, request_id: randomUUID(), choices: [{ topic_id: t1, choice: 'agree' }] }).withCsrfToken().loginAs(director)
    later.assertStatus(201)
    assert.deepEqual(await standing(), ['agree/paper', 'oppose/paper'])
    // every ballot is kept: two paper entries and the H5 ballot
    assert.equal(Number((await db.from('voting_ballots').count('* as n'))[0].n), 4)

    // the entry log: newest first, who entered which house when, and which choices still stand
    const log = await client.visit('api.voting_paper_ballots.index', { id: meetingId }).loginAs(director)
    log.assertStatus(200)
    assert.lengthOf(log.body().data, 2)
    assert.deepInclude(log.body().data[0], { houseName: '1栋1单元1', enteredBy: USERS.director.name })
    assert.closeTo(new Date(log.body().data[0].enteredAt).getTime(), new Date('2026-12-09T10:00:00+08:00').getTime(), 60_000)
    assert.deepEqual(log.body().data[1].choices.map((c: any) => [c.choiceName, c.standing]), [['同意', false], ['反对', true]])

    // the scan opens for the convener as stored, and the view is audited as a file leaving the platform
    const file = await client.visit('api.voting_paper_ballots.download', { id: log.body().data[1].scanBallotId }).loginAs(director)
    file.assertStatus(200)
    assert.equal(file.header('content-type'), 'image/png')
    assert.isTrue(Buffer.from(file.body() instanceof Buffer ? file.body() : (file as any).response.body).equals(PNG))
    const audited = await db.from('audit_logs').where('id', '>', before).where('route', 'api.voting_paper_ballots.download').select('action', 'user_id')
    assert.deepEqual(audited.map((a) => [a.action, Number(a.user_id)]), [['export', USERS.director.id]])
    // the entries themselves are audited writes
    const writes = await db.from('audit_logs').where('id', '>', before).where('route', 'api.voting_paper_ballots.store').where('action', 'write').count('* as n')
    assert.equal(Number(writes[0].n), 3)

    // 导出 the entry log: one row per entry, newest first, a column per topic (a replaced choice marked,
    // an unanswered topic 未填写), who, when, the scan's file name; audited as an export naming the meeting
    const exported = await client.visit('api.voting_paper_ballots.export', { id: meetingId }).loginAs(director)
    exported.assertStatus(200)
    const sheet = await readSheet(exported.body())
    assert.equal(sheet.name, '纸质选票录入记录')
    assert.deepEqual(sheet.rows, [
      ['房屋', '议题1：议题1', '议题2：议题2', '录入人', '录入时间', '扫描件'],
      ['1栋1单元1', '同意', '未填写', USERS.director.name, '2026-12-09 10:00', '补录.pdf'],
      ['1栋1单元1', '同意（已被替换）', '反对', USERS.director.name, excelTime(DURING), '1栋101选票.png'],
    ])
    const exportAudit = await db.from('audit_logs').where('id', '>', before).where('route', 'api.voting_paper_ballots.export').select('action', 'user_id', 'detail')
    assert.deepEqual(exportAudit.map((a) => [a.action, Number(a.user_id)]), [['export', USERS.director.id]])
    assert.include(JSON.stringify(exportAudit[0].detail), `"meeting_id":${meetingId}`)
  })

  test('refused: a scan that is not an image or PDF, too large; not the convener; a closed period; a house that cannot vote', async ({ client, assert }) => {
    const ids = await houseIds()
    const { meetingId, topicIds: [t1] } = await publishedMeeting()
    const other = await publishedMeeting()
    const director = await actor('director')
    const upload = (content: Buffer, name: string, who: User = director, id = meetingId) =>
      client.post(`/api/v1/voting/meetings/${id}/paper_scans`).file('file', content, { filename: name }).withCsrfToken().loginAs(who)

    for (const [content, name] of [[PNG, 'scan.pdf'], [Buffer.from('<html></html>'), 'scan.png'], [PDF, 'scan.docx']] as const) {
      const refused = await upload(content as Buffer, name)
      refused.assertStatus(422)
      assert.equal(refused.body().errors[0].field, 'file')
      assert.match(refused.body().errors[0].message, /[\u4e00-\u9fff]/)
    }
    const huge = await upload(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]), 'big.pdf')
    huge.assertStatus(422)
    assert.equal(huge.body().errors[0].field, 'file')
    // not the convener of this committee meeting: the estate's project manager, the street, another street
    for (const who of ['manager', 'head', 'nanyuan'] as const) {
      const refused = await upload(PNG, 'scan.png', await actor(who))
      assert.include([403, 404], refused.status(), who)
      const log = await client.visit('api.voting_paper_ballots.index', { id: meetingId }).loginAs(await actor(who))
      assert.include([403, 404], log.status(), who)
      const exported = await client.visit('api.voting_paper_ballots.export', { id: meetingId }).loginAs(await actor(who))
      assert.include([403, 404], exported.status(), who)
    }

    const token = (await upload(PNG, 'scan.png')).body().data.token
    const enter = (body: Record<string, unknown>) => client.visit('api.voting_paper_ballots.store', { id: meetingId })
      .json({ house_id: ids.get(2), scan_token: token, request_id: randomUUID(), choices: [{ topic_id: t1, choice: 'agree' }], ...body }).withCsrfToken().loginAs(director)
    // a house nobody is registered for cannot vote; a house of another estate does not exist here
    const unregistered = await enter({ house_id: ids.get(91) })
    unregistered.assertStatus(422)
    assert.deepEqual(unregistered.body().errors.map((e: any) => [e.field, e.message]), [['house_id', '该房屋未登记业主，不能表决']])
    const foreignHouse = await db.from('houses').where('estate_id', E.e2).select('id').first()
    ;(await enter({ house_id: Number(foreignHouse.id) })).assertStatus(404)
    // a topic of another meeting, the same topic twice, a scan uploaded for another meeting, an unknown scan
    const wrongTopic = await enter({ choices: [{ topic_id: other.topicIds[0], choice: 'agree' }] })
    wrongTopic.assertStatus(422)
    assert.deepEqual(wrongTopic.body().errors.map((e: any) => [e.field, e.message]), [['choices.0.topic_id', '该议题不属于本次会议']])
    const twice = await enter({ choices: [{ topic_id: t1, choice: 'agree' }, { topic_id: t1, choice: 'oppose' }] })
    twice.assertStatus(422)
    assert.equal(twice.body().errors[0].field, 'choices.1.topic_id')
    const otherToken = (await upload(PNG, 'scan.png', director, other.meetingId)).body().data.token
    const misplaced = await enter({ scan_token: otherToken })
    misplaced.assertStatus(422)
    assert.deepEqual(misplaced.body().errors.map((e: any) => [e.field, e.message]), [['scan_token', '扫描件不存在或已失效，请重新上传']])
    ;(await enter({ scan_token: randomUUID() })).assertStatus(422)
    const bad = await enter({ house_id: 'x', choices: [{ topic_id: t1, choice: 'maybe' }], request_id: 'nope' })
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((e: any) => e.field), ['house_id', 'choices.0.choice', 'request_id'])
    assert.equal(Number((await db.from('voting_ballots').count('* as n'))[0].n), 0)

    // from the closing instant on, nothing is entered
    clock.travelTo(CLOSE)
    const late = await enter({})
    late.assertStatus(422)
    assert.equal(late.body().errors[0].message, '投票已结束，选票不能再提交或修改')
    assert.equal(Number((await db.from('voting_ballots').count('* as n'))[0].n), 0)
  })

  test('the street enters paper ballots for the meeting it convened as the 居代业 body; the committee cannot', async ({ client, assert }) => {
    // e2 has no committee: give one of its houses a registered owner
    const house = await db.from('houses').where('estate_id', E.e2).orderBy('id').select('id').first()
    await db.table('owners').insert({ id: 900, name: '业主900', phone: '13800000900', id_number: '440304198001010900' })
    await db.from('houses').where('id', house.id).update({ owner_id: 900 })
    const { meetingId, topicIds: [t1] } = await publishedMeeting(E.e2, 'proxy')
    const head = await actor('head')
    const scan = await client.post(`/api/v1/voting/meetings/${meetingId}/paper_scans`).file('file', PDF, { filename: 'scan.pdf' }).withCsrfToken().loginAs(head)
    scan.assertStatus(201)
    const entered = await client.visit('api.voting_paper_ballots.store', { id: meetingId })
      .json({ house_id: Number(house.id), scan_token: scan.body().data.token, request_id: randomUUID(), choices: [{ topic_id: t1, choice: 'agree' }] }).withCsrfToken().loginAs(head)
    entered.assertStatus(201)
    const ballot = await db.from('voting_ballots').select('user_id', 'owner_id', 'channel').firstOrFail()
    assert.deepEqual([Number(ballot.user_id), Number(ballot.owner_id), ballot.channel], [USERS.head.id, 900, 'paper'])
    const committee = await client.post(`/api/v1/voting/meetings/${meetingId}/paper_scans`).file('file', PDF, { filename: 'scan.pdf' }).withCsrfToken().loginAs(await actor('director'))
    committee.assertStatus(404)
  })
})
