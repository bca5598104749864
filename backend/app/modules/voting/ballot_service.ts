import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import clock from '#services/clock'
import { NotFoundInScope } from '#services/region_scope'
import { writeBallotOutbox } from '@szpm/etl'
import { type Art278Item, type Choice, type TallyResult, tally, toTallyHouse } from '#modules/voting/tally'

export interface CastBallot {
  topicId: number
  houseId: number
  choice: Choice
  /** the client's idempotency key: a replay of the same request finds the ballot it made */
  requestId: string
}

export interface CastResult {
  ballotId: number
  choice: Choice
  castAt: Date
  /** true when this request had already been applied (a replay or a double submit) */
  replayed: boolean
}

export interface PaperBallot {
  meetingId: number
  houseId: number
  /** a choice per topic of the meeting (the topics the paper ballot answers) */
  choices: { topicId: number; choice: Choice }[]
  /** the stored scan of the paper ballot (its storage key) */
  scanPath: string
  requestId: string
}

export interface PaperCastResult {
  ballots: (CastResult & { topicId: number })[]
  replayed: boolean
}

const refuse = (field: string, message: string): never => {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'voting' }])
}

/**
 * Ballots of 电子投票 (domain-rules.md §1): one standing ballot per 专有部分 per topic, the latest of the
 * house's ballots; every ballot is kept. Casting is one transaction: the ballot row and the standing
 * ballot it replaces. The topic's meeting row is locked FOR SHARE, so closing a meeting (FOR UPDATE)
 * waits for the ballots in flight and nothing changes after it closed.
 */
export default class BallotService {
  /**
   * An owner's ballot for one of their houses, on H5. Only the bound owner (owner_accounts) of that
   * house — its first registered owner or a co-owner — may vote for it, and only while the meeting is
   * open; any other house, topic or estate is a 404, as if it did not exist.
   */
  async castByOwner(userId: number, input: CastBallot): Promise<CastResult> {
    return db.transaction(async (trx) => {
      const replay = await this.#replay(trx, input, userId)
      if (replay) return replay
      const topic = await this.#openTopic(trx, input.topicId)
      // the account's bound owner who is on the register for this house (first owner or a co-owner)
      const owner = await trx.rawQuery(
        `SELECT oa.owner_id FROM houses h JOIN owner_accounts oa ON oa.user_id = ?
          WHERE h.id = ? AND h.estate_id = ?
            AND (oa.owner_id = h.owner_id OR EXISTS (SELECT 1 FROM house_co_owners c WHERE c.house_id = h.id AND c.owner_id = oa.owner_id))
          LIMIT 1`, [userId, input.houseId, topic.estateId]).then((result) => result.rows[0])
      if (!owner) throw new NotFoundInScope()
      return this.#insert(trx, input, { channel: 'h5', userId, ownerId: Number(owner.owner_id), scanPath: null })
    })
  }

  /**
   * A paper ballot, entered by the meeting's convener (checked by the caller: MeetingService.convened)
   * with its scan: one ballot per chosen topic for the house, channel `paper`, `user_id` the account
   * that entered it, `owner_id` the house's first registered owner. The same rules as on H5: only
   * while the meeting is open, the last ballot of a house counts (an owner's later H5 ballot or a later
   * paper ballot replaces it), a replayed `request_id` counts once. A house of another estate is a
   * 404; a house nobody is registered for cannot vote (422).
   */
  async castPaper(userId: number, input: PaperBallot): Promise<PaperCastResult> {
    return db.transaction(async (trx) => {
      const topics = await trx.from('voting_topics').where('meeting_id', input.meetingId).select('id')
      const topicIds = new Set(topics.map((t) => Number(t.id)))
      input.choices.forEach((c, i) => {
        if (!topicIds.has(c.topicId)) refuse(`choices.${i}.topic_id`, '该议题不属于本次会议')
        if (input.choices.findIndex((other) => other.topicId === c.topicId) !== i) refuse(`choices.${i}.topic_id`, '同一议题只能填写一次')
      })
      const ballots: PaperCastResult['ballots'] = []
      for (const choice of input.choices) {
        const cast: CastBallot = { topicId: choice.topicId, houseId: input.houseId, choice: choice.choice, requestId: input.requestId }
        const replay = await this.#replay(trx, cast, userId)
        if (replay) {
          ballots.push({ topicId: choice.topicId, ...replay })
          continue
        }
        const topic = await this.#openTopic(trx, choice.topicId)
        const house = await trx.from('houses').where({ id: input.houseId, estate_id: topic.estateId }).select('owner_id').first()
        if (!house) throw new NotFoundInScope()
        if (house.owner_id === null) refuse('house_id', '该房屋未登记业主，不能表决')
        ballots.push({ topicId: choice.topicId, ...await this.#insert(trx, cast, { channel: 'paper', userId, ownerId: Number(house.owner_id), scanPath: input.scanPath }) })
      }
      return { ballots, replayed: ballots.every((b) => b.replayed) }
    })
  }

  async #replay(trx: TransactionClientContract, input: CastBallot, userId: number): Promise<CastResult | null> {
    const earlier = await trx.from('voting_ballots').where({ topic_id: input.topicId, request_id: input.requestId })
      .select('id', 'house_id', 'choice', 'cast_at', 'user_id').first()
    if (!earlier) return null
    // the key names one request of one account: reusing it for another house or choice, or from another
    // account (who would otherwise learn a ballot's id and choice by guessing), is no replay
    if (Number(earlier.user_id) !== userId || Number(earlier.house_id) !== input.houseId || earlier.choice !== input.choice) {
      refuse('request_id', '请求编号已被另一张选票使用')
    }
    return { ballotId: Number(earlier.id), choice: earlier.choice, castAt: earlier.cast_at, replayed: true }
  }

  async #openTopic(trx: TransactionClientContract, topicId: number) {
    const topic = await trx.from('voting_topics as t').join('voting_meetings as m', 'm.id', 't.meeting_id')
      .where('t.id', topicId).forShare('m')
      .select('m.estate_id', 'm.status', 'm.opens_at', 'm.closes_at').first()
    if (!topic || topic.status === 'draft') throw new NotFoundInScope()
    const now = clock.now().toJSDate()
    if (topic.status !== 'published' || now < topic.opens_at || now >= topic.closes_at) {
      refuse('topic_id', now < topic.opens_at ? '投票尚未开始' : '投票已结束，选票不能再提交或修改')
    }
    return { estateId: Number(topic.estate_id) }
  }

  async #insert(trx: TransactionClientContract, input: CastBallot,
    by: { channel: 'h5' | 'paper'; userId: number; ownerId: number | null; scanPath: string | null }): Promise<CastResult> {
    const castAt = clock.now().toJSDate()
    // one round trip: the ballot, and the house's standing ballot replaced by it — the later ballot (the
    // higher id) stands, whichever of two concurrent ballots of a house commits first
    const inserted = await trx.rawQuery(
      `WITH ballot AS (
         INSERT INTO voting_ballots (topic_id, house_id, choice, channel, user_id, owner_id, scan_path, request_id, cast_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (topic_id, request_id) DO NOTHING
         RETURNING id, topic_id, house_id, choice
       ), standing AS (
         INSERT INTO voting_standing_ballots (topic_id, house_id, ballot_id, choice) SELECT topic_id, house_id, id, choice FROM ballot
         ON CONFLICT (topic_id, house_id) DO UPDATE SET ballot_id = EXCLUDED.ballot_id, choice = EXCLUDED.choice
         WHERE voting_standing_ballots.ballot_id < EXCLUDED.ballot_id
       )
       SELECT id FROM ballot`,
      [input.topicId, input.houseId, input.choice, by.channel, by.userId, by.ownerId, by.scanPath, input.requestId, castAt] as any[])
    if (inserted.rows.length === 0) {
      // a concurrent double submit with the same key committed first: it is this request's ballot
      const replay = await this.#replay(trx, input, by.userId)
      if (replay) return replay
    }
    const ballotId = Number(inserted.rows[0].id)
    // 业主决策情况: the house's standing ballot, as it now stands, to the warehouse (ballot_facts)
    await writeBallotOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), [{ topicId: input.topicId, houseId: input.houseId }], { paramStyle: 'knex' })
    return { ballotId, choice: input.choice, castAt, replayed: false }
  }
}

/**
 * The tally of a topic from the register and its standing ballots, by the pure rule of tally.ts: the
 * estate's every house (area in 0.01 m², exact from the numeric column) with the owners the register
 * names, and one standing ballot per house.
 */
export async function tallyTopic(topicId: number, client: { rawQuery: typeof db.rawQuery } = db): Promise<TallyResult> {
  const topic = await client.rawQuery(
    `SELECT t.art278_item, m.estate_id FROM voting_topics t JOIN voting_meetings m ON m.id = t.meeting_id WHERE t.id = ?`, [topicId])
  if (topic.rows.length === 0) throw new NotFoundInScope()
  const { art278_item: item, estate_id: estateId } = topic.rows[0]
  const houses = await client.rawQuery(
    `SELECT h.id::text AS id, (h.building_area * 100)::bigint::text AS area_centi, h.developer_held, h.owner_id::text AS owner_id,
            coalesce(array_agg(c.owner_id::text) FILTER (WHERE c.owner_id IS NOT NULL), '{}') AS co_owner_ids
       FROM houses h LEFT JOIN house_co_owners c ON c.house_id = h.id
      WHERE h.estate_id = ? GROUP BY h.id`, [estateId])
  const ballots = await client.rawQuery(`SELECT house_id::text AS house_id, choice FROM voting_standing_ballots WHERE topic_id = ?`, [topicId])
  return tally(
    item as Art278Item,
    houses.rows.map((h: { id: string; area_centi: string; developer_held: boolean; owner_id: string | null; co_owner_ids: string[] }) =>
      toTallyHouse({ id: h.id, areaCenti: Number(h.area_centi), developerHeld: h.developer_held, ownerIds: [...(h.owner_id ? [h.owner_id] : []), ...h.co_owner_ids] })),
    ballots.rows.map((b: { house_id: string; choice: Choice }) => ({ houseId: b.house_id, choice: b.choice })),
  )
}

/**
 * 我的表决: the published and closed meetings of the estates where the account's bound owners hold
 * houses, each topic with those houses and the standing choice of each — the voter's own ballots
 * only (nobody else's is ever shown to anyone) — and the result once the meeting closed.
 */
export async function ownerBallots(userId: number) {
  const houses = await db.rawQuery(
    `SELECT DISTINCT h.id, h.estate_id, h.building, h.unit, h.number, (h.building_area * 100)::bigint::text AS area_centi
       FROM owner_accounts oa
       JOIN houses h ON h.owner_id = oa.owner_id OR EXISTS (SELECT 1 FROM house_co_owners c WHERE c.house_id = h.id AND c.owner_id = oa.owner_id)
      WHERE oa.user_id = ?
      ORDER BY h.estate_id, h.building, h.unit, h.number`, [userId])
  if (houses.rows.length === 0) return []
  const estateIds: number[] = [...new Set<number>(houses.rows.map((h: { estate_id: number }) => Number(h.estate_id)))]
  const meetings = await db.from('voting_meetings as m').join('estates as e', 'e.id', 'm.estate_id')
    .whereIn('m.estate_id', estateIds).whereIn('m.status', ['published', 'closed'])
    .orderBy('m.closes_at', 'desc').orderBy('m.id', 'desc')
    .select('m.id', 'm.estate_id', 'e.name as estate_name', 'm.kind', 'm.title', 'm.opens_at', 'm.closes_at', 'm.status')
  if (meetings.length === 0) return []
  const topics = await db.from('voting_topics').whereIn('meeting_id', meetings.map((m) => m.id)).orderBy('seq')
    .select('id', 'meeting_id', 'seq', 'title', 'description', 'art278_item', 'result')
  const houseIds = houses.rows.map((h: { id: string }) => h.id)
  const standing = topics.length === 0 ? [] : await db.from('voting_standing_ballots as s').join('voting_ballots as b', 'b.id', 's.ballot_id')
    .whereIn('s.topic_id', topics.map((t) => t.id)).whereIn('s.house_id', houseIds).select('s.topic_id', 's.house_id', 's.choice', 'b.channel')
  const choiceOf = new Map(standing.map((s) => [`${s.topic_id}:${s.house_id}`, s.choice as Choice]))
  const channelOf = new Map(standing.map((s) => [`${s.topic_id}:${s.house_id}`, s.channel as 'h5' | 'paper']))
  return meetings.map((meeting) => ({
    meeting,
    topics: topics.filter((t) => t.meeting_id === meeting.id).map((topic) => ({
      topic,
      houses: houses.rows.filter((h: { estate_id: number }) => Number(h.estate_id) === Number(meeting.estate_id)).map((h: any) => ({
        id: Number(h.id), name: `${h.building}栋${h.unit}单元${h.number}`, areaCenti: Number(h.area_centi),
        choice: choiceOf.get(`${topic.id}:${h.id}`) ?? null, channel: channelOf.get(`${topic.id}:${h.id}`) ?? null,
      })),
    })),
  }))
}
