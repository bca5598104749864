import type { Art278Item, Choice, TallyHouse, TallyResult } from '#modules/voting/tally'
import { tally, toTallyHouse } from '#modules/voting/tally'
import { withForeignKeysDeferred, type CopyValue } from './copy.ts'
import { createRandom, deriveSeed, type Random } from './random.ts'
import type { DataGenerator } from './types.ts'

/** meetings when the scale does not say (demo: a few dozen) */
const DEFAULT_MEETINGS = 40

const TOPIC_TITLES: Record<Art278Item, readonly string[]> = {
  1: ['修订《业主大会议事规则》', '制定《业主大会议事规则》'],
  2: ['修订《管理规约》', '制定《管理规约》（电动车停放条款）'],
  3: ['选举第二届业主委员会委员', '增补业主委员会委员', '更换业主委员会主任'],
  4: ['续聘现物业服务企业', '公开选聘物业服务企业', '解聘现物业服务企业'],
  5: ['使用维修资金更换电梯', '使用维修资金维修外墙', '使用维修资金改造消防管网'],
  6: ['续筹住宅专项维修资金', '筹集电梯更新维修资金'],
  7: ['加装电梯改造方案', '改建小区南门及道闸'],
  8: ['利用架空层开设社区食堂', '将部分绿地改建为停车位', '出租楼顶设置通信基站'],
  9: ['共有部分经营收益分配方案', '小区智慧安防建设方案'],
}
/** how often an item is put to the vote (4 选聘物业 and 5 维修资金使用 most, the 3/4 items less) */
const ITEM_WEIGHTS: readonly [Art278Item, number][] = [[1, 6], [2, 8], [3, 10], [4, 18], [5, 22], [6, 8], [7, 8], [8, 8], [9, 12]]
const ITEM_TOTAL = ITEM_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)

function pickItem(r: Random): Art278Item {
  let x = r.next() * ITEM_TOTAL
  for (const [item, weight] of ITEM_WEIGHTS) {
    x -= weight
    if (x < 0) return item
  }
  return 9
}

interface House extends TallyHouse {
  building: string
  /** the register's first owner and co-owners (those who may vote for it) */
  ownerIds: string[]
  developerHeld: boolean
}

interface PlannedTopic {
  id: number
  seq: number
  item: Art278Item
  title: string
  /** the share of voting houses that agree */
  agreeShare: number
}

interface PlannedMeeting {
  id: number
  estateId: number
  kind: 'owners_assembly' | 'committee'
  convener: 'committee' | 'proxy'
  status: 'draft' | 'published' | 'closed'
  title: string
  opensAt: Date
  closesAt: Date
  /** the share of houses that vote */
  turnout: number
  topics: PlannedTopic[]
  userId: number
}

interface PlannedBallot {
  topicId: number
  houseId: string
  choice: Choice
  channel: 'h5' | 'paper'
  ownerId: string | null
  castAt: Date
  /** an earlier ballot of the house that this one replaced (the house changed its mind) */
  earlier: Choice | null
}

const CHOICES: readonly Choice[] = ['agree', 'oppose', 'abstain']

/**
 * The standing ballots of a meeting (and the earlier ballot they replaced), in a fixed order from the
 * meeting's own seeded stream, so the three passes (tally, ballots, standing ballots) see the same.
 * A house votes on every topic of the meeting or on none (the turnout); an owner with several houses
 * mostly votes them alike; one in twenty ballots replaced an earlier, different one; one in seven
 * is a paper ballot entered by the committee.
 */
function* meetingBallots(seed: number, now: Date, meeting: PlannedMeeting, houses: readonly House[]): Generator<PlannedBallot> {
  if (meeting.status === 'draft') return
  const r = createRandom(deriveSeed(seed, 'voting-ballots', meeting.id))
  const period = Math.max(1, Math.min(meeting.closesAt.getTime(), now.getTime()) - meeting.opensAt.getTime())
  const ownerLean = new Map<string, number>()
  for (const house of houses) {
    if (house.ownerIds.length === 0 && !house.developerHeld) continue // nobody can vote for it
    if (!r.chance(meeting.turnout)) continue
    const castAt = new Date(meeting.opensAt.getTime() + Math.floor(r.next() ** 2 * period))
    const channel = r.chance(1 / 7) ? 'paper' : 'h5'
    const ownerId = channel === 'h5' ? (house.ownerIds[0] ?? null) : null
    for (const topic of meeting.topics) {
      // an owner of several houses leans the same way on a topic (the lean is kept per owner key)
      const leanKey = `${house.ownerKey}:${topic.id}`
      let lean = ownerLean.get(leanKey)
      if (lean === undefined) {
        lean = r.next()
        ownerLean.set(leanKey, lean)
      }
      const roll = r.chance(0.85) ? lean : r.next()
      const choice: Choice = roll < topic.agreeShare ? 'agree' : roll < topic.agreeShare + (1 - topic.agreeShare) * 0.7 ? 'oppose' : 'abstain'
      const earlier = r.chance(0.05) ? CHOICES[(CHOICES.indexOf(choice) + 1 + r.int(0, 1)) % 3] : null
      yield { topicId: topic.id, houseId: house.id, choice, channel, ownerId, castAt, earlier }
    }
  }
}

const DAY = 24 * 3600 * 1000
const uuidOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

/**
 * 电子投票 (module 17) and through it 业主决策情况 (module 8): meetings of the owners' assembly
 * (业主大会) and of the owners' committee (业委会会议) in the estates — drafts, meetings open now and
 * closed ones — with their 表决议题 across the art. 278 items, the ballots of the houses (a few
 * replaced by a later one, some on paper) and, for closed meetings, the result computed by the real
 * tally (app/modules/voting/tally.ts) and stored with the topic. Turnout and agreement vary per
 * meeting and topic, so some topics pass and others fail for want of a quorum or of votes.
 *
 * The register learns what the tally distinguishes: in the voting estates a few houses are the
 * developer's (unsold: `developer_held`) and some are co-owned (`house_co_owners`); owners with several
 * houses come from the houses generator. The city scale takes the largest estates (≈ 1,500 meetings,
 * ≈ 6,000 topics; the ballots are bounded by their houses). Estates with an owners' committee convene
 * themselves (their 业委会主任's account), the others through the street (居代业, 业主大会 only).
 * Generated ballots name the convener's account as `user_id` (no owner accounts are generated).
 * Written with COPY; the warehouse's ballot facts come from the rebuild.
 */
export const voting: DataGenerator = {
  name: 'voting',
  description: '电子投票: meetings and topics (art. 278 items), ballots of the houses, stored tallies; developer-held and co-owned houses',
  tables: ['voting_standing_ballots', 'voting_ballots', 'voting_topics', 'voting_meetings', 'house_co_owners'],
  async run(ctx) {
    const r = ctx.random()
    const { client, now, seed } = ctx
    const wanted = ctx.scale.votingMeetings ?? DEFAULT_MEETINGS
    // a target of standing ballots (10M at city scale): meetings go on, through every estate by size, until the plan holds it
    const targetBallots = ctx.scale.votingBallots ?? 0

    const { rows: admins } = await client.query<{ id: number }>(`SELECT id FROM users WHERE role = 'city_admin' ORDER BY id LIMIT 1`)
    const fallbackUser = admins[0]?.id
    if (fallbackUser === undefined) throw new Error('voting: no city_admin account to convene the 居代业 meetings')
    // the demo 业委会主任's estate first (the account npm start prints), then the largest estates
    const { rows: estates } = await client.query<{ id: number; has_committee: boolean; director: number | null; street_user: number | null }>(
      `SELECT e.id, e.has_committee,
              (SELECT ue.user_id FROM user_estates ue WHERE ue.estate_id = e.id AND ue.relation = 'committee_director' ORDER BY ue.user_id LIMIT 1) AS director,
              (SELECT u.id FROM users u WHERE u.region_id = e.street_id AND u.role IN ('street_head', 'street_handler') ORDER BY u.id LIMIT 1) AS street_user
         FROM estates e
        WHERE e.house_count > 0
        ORDER BY (EXISTS (SELECT 1 FROM user_estates ue JOIN users u ON u.id = ue.user_id WHERE ue.estate_id = e.id AND u.phone = '13800000008')) DESC,
                 e.house_count DESC, e.id
        LIMIT $1`, [targetBallots > 0 ? 1_000_000 : Math.max(1, Math.ceil(wanted / 1.5))])
    if (estates.length === 0) return { voting_meetings: 0, voting_topics: 0, voting_ballots: 0, voting_standing_ballots: 0, house_co_owners: 0 }

    // the houses of the voting estates, with developer-held and co-owned houses marked
    const estateIds = estates.map((e) => e.id)
    const { rows: houseRows } = await client.query<{ id: string; estate_id: number; building: string; area_centi: string; owner_id: string | null }>(
      `SELECT id::text, estate_id, building, (building_area * 100)::bigint::text AS area_centi, owner_id::text
         FROM houses WHERE estate_id = ANY($1::int[]) ORDER BY estate_id, id`, [estateIds])
    const housesOf = new Map<number, House[]>()
    const developerHeld: string[] = []
    const coOwners: [string, string][] = []
    for (const row of houseRows) {
      const list = housesOf.get(row.estate_id) ?? []
      list.push({ id: row.id, building: row.building, areaCenti: Number(row.area_centi), ownerIds: row.owner_id ? [row.owner_id] : [], developerHeld: false, ownerKey: '' })
      housesOf.set(row.estate_id, list)
    }
    for (const [estateId, houses] of housesOf) {
      const hr = createRandom(deriveSeed(seed, 'voting-register', estateId))
      for (const house of houses) {
        if (hr.chance(0.03)) {
          house.developerHeld = true
          developerHeld.push(house.id)
        } else if (house.ownerIds.length === 1 && hr.chance(0.06)) {
          // a spouse or relative who is another owner of the estate (never the same person)
          const other = houses[hr.int(0, houses.length - 1)].ownerIds[0]
          if (other && other !== house.ownerIds[0]) {
            house.ownerIds.push(other)
            coOwners.push([house.id, other])
          }
        }
        Object.assign(house, toTallyHouse({ id: house.id, areaCenti: house.areaCenti, ownerIds: house.ownerIds, developerHeld: house.developerHeld }))
      }
    }
    if (developerHeld.length > 0) await client.query(`UPDATE houses SET developer_held = true WHERE id = ANY($1::bigint[])`, [`{${developerHeld.join(',')}}`])
    const coOwnerCount = await ctx.copy('house_co_owners', ['house_id', 'owner_id'], coOwners)

    // meetings: most estates one, some two; a quarter of the 业委会 estates also hold a 业委会会议
    let nextMeeting = await ctx.firstId('voting_meetings')
    let nextTopic = await ctx.firstId('voting_topics')
    const meetings: PlannedMeeting[] = []
    let plannedBallots = 0
    for (let i = 0; meetings.length < wanted || plannedBallots < targetBallots; i++) {
      // the default plan: the largest ⌈wanted / 1.5⌉ estates in turn; with a ballot target, every estate by size in turn
      const estate = estates[i % estates.length]
      const committee = estate.has_committee && estate.director !== null
      const kind = committee && r.chance(0.2) ? 'committee' : 'owners_assembly'
      const roll = r.next()
      const status = roll < 0.12 ? 'draft' : roll < 0.27 ? 'published' : 'closed'
      const opensAt = status === 'closed' ? new Date(now.getTime() - r.int(20, 720) * DAY)
        : status === 'published' ? new Date(now.getTime() - r.int(1, 6) * DAY)
          : new Date(now.getTime() + r.int(3, 20) * DAY)
      opensAt.setUTCHours(1, 0, 0, 0)
      const closesAt = new Date(opensAt.getTime() + r.int(7, 15) * DAY)
      if (status === 'published' && closesAt <= now) closesAt.setTime(now.getTime() + 3 * DAY)
      const count = r.int(2, 6)
      const topics: PlannedTopic[] = []
      for (let seq = 1; seq <= count; seq++) {
        const item = pickItem(r)
        topics.push({ id: nextTopic++, seq, item, title: r.pick(TOPIC_TITLES[item]), agreeShare: 0.35 + r.next() * 0.6 })
      }
      const year = new Date(opensAt.getTime() + 8 * 3600 * 1000).getUTCFullYear()
      meetings.push({
        id: nextMeeting++, estateId: estate.id, kind, convener: committee ? 'committee' : 'proxy', status, opensAt, closesAt,
        title: kind === 'committee' ? `${year}年业主委员会第${r.int(1, 12)}次会议` : `${year}年${r.chance(0.7) ? '业主大会会议' : '临时业主大会会议'}`,
        turnout: 0.45 + r.next() * 0.5, topics,
        userId: (committee ? estate.director : estate.street_user) ?? fallbackUser,
      })
      if (targetBallots > 0) {
        const meeting = meetings[meetings.length - 1]
        for (const _ of meetingBallots(seed, now, meeting, housesOf.get(meeting.estateId) ?? [])) plannedBallots++
      }
    }

    // pass 1: the tally of every closed meeting's topics from its standing ballots
    const results = new Map<number, TallyResult>()
    const tallyBar = ctx.progress.start('voting tallies', meetings.length, 'meetings')
    for (const meeting of meetings) {
      if (meeting.status === 'closed') {
        const houses = housesOf.get(meeting.estateId) ?? []
        const byTopic = new Map<number, { houseId: string; choice: Choice }[]>(meeting.topics.map((t) => [t.id, []]))
        for (const ballot of meetingBallots(seed, now, meeting, houses)) byTopic.get(ballot.topicId)!.push({ houseId: ballot.houseId, choice: ballot.choice })
        for (const topic of meeting.topics) results.set(topic.id, tally(topic.item, houses, byTopic.get(topic.id)!))
      }
      tallyBar.increment()
    }
    tallyBar.stop()

    const meetingCount = await ctx.copy(
      'voting_meetings',
      ['id', 'estate_id', 'kind', 'convener', 'title', 'opens_at', 'closes_at', 'status', 'published_at', 'result_published_at', 'created_by', 'version', 'created_at', 'updated_at'],
      meetings.map((m): CopyValue[] => {
        const published = m.status === 'draft' ? null : new Date(m.opensAt.getTime() - 2 * DAY)
        const closed = m.status === 'closed' ? new Date(m.closesAt.getTime() + 3600 * 1000) : null
        const created = new Date(Math.min(now.getTime(), m.opensAt.getTime() - 5 * DAY))
        return [m.id, m.estateId, m.kind, m.convener, m.title, m.opensAt, m.closesAt, m.status, published, closed, m.userId,
          m.status === 'draft' ? 1 : m.status === 'published' ? 2 : 3, created, closed ?? published ?? created]
      })
    )
    await ctx.syncSequence('voting_meetings')
    const topicCount = await ctx.copy(
      'voting_topics',
      ['id', 'meeting_id', 'seq', 'title', 'description', 'art278_item', 'result', 'passed'],
      meetings.flatMap((m) => m.topics.map((t): CopyValue[] => {
        const result = results.get(t.id)
        return [t.id, m.id, t.seq, t.title, `${t.title}的具体方案见公告附件。`, t.item, result ? JSON.stringify(result) : null, result ? result.passed : null]
      }))
    )
    await ctx.syncSequence('voting_topics')

    // pass 2: every ballot (a replaced one first), ids preallocated; pass 3: the standing ones
    const firstBallot = await ctx.firstId('voting_ballots')
    const total = meetings.length
    const ballotsBar = ctx.progress.start('ballots', total, 'meetings')
    function* ballotRows(): Generator<CopyValue[]> {
      let id = firstBallot
      for (const meeting of meetings) {
        for (const b of meetingBallots(seed, now, meeting, housesOf.get(meeting.estateId) ?? [])) {
          const scan = b.channel === 'paper' ? `voting/scans/generated-${meeting.id}.pdf` : null
          if (b.earlier) {
            yield [id, b.topicId, b.houseId, b.earlier, b.channel, meeting.userId, b.ownerId, scan, uuidOf(id), new Date(b.castAt.getTime() - 3600 * 1000)]
            id++
          }
          yield [id, b.topicId, b.houseId, b.choice, b.channel, meeting.userId, b.ownerId, scan, uuidOf(id), b.castAt]
          id++
        }
        ballotsBar.increment()
      }
    }
    // millions of rows: the foreign keys are checked in one pass when re-added, not row by row (copy.ts)
    const ballotCount = await withForeignKeysDeferred(ctx.client, 'voting_ballots', () =>
      ctx.copy('voting_ballots', ['id', 'topic_id', 'house_id', 'choice', 'channel', 'user_id', 'owner_id', 'scan_path', 'request_id', 'cast_at'], ballotRows()))
    ballotsBar.stop()
    await ctx.syncSequence('voting_ballots')
    const standingBar = ctx.progress.start('standing ballots', total, 'meetings')
    function* standingRows(): Generator<CopyValue[]> {
      let id = firstBallot
      for (const meeting of meetings) {
        for (const b of meetingBallots(seed, now, meeting, housesOf.get(meeting.estateId) ?? [])) {
          if (b.earlier) id++
          yield [b.topicId, b.houseId, id, b.choice]
          id++
        }
        standingBar.increment()
      }
    }
    const standingCount = await withForeignKeysDeferred(ctx.client, 'voting_standing_ballots', () =>
      ctx.copy('voting_standing_ballots', ['topic_id', 'house_id', 'ballot_id', 'choice'], standingRows()))
    standingBar.stop()
    const passed = [...results.values()].filter((result) => result.passed).length
    ctx.log(`voting: ${meetingCount} meetings in ${estates.length} estates, ${topicCount} topics (${results.size} tallied, ${passed} passed), ${ballotCount} ballots, ${standingCount} standing, ${developerHeld.length} developer-held and ${coOwnerCount} co-owned houses`)
    return { voting_meetings: meetingCount, voting_topics: topicCount, voting_ballots: ballotCount, voting_standing_ballots: standingCount, house_co_owners: coOwnerCount }
  },
}
