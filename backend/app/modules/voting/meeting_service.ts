import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import { isEstateSideRole, type RoleCode, userFeatures } from '#services/roles'
import { ART_278_ITEM_NAMES, VOTING_MEETING_KINDS, type VotingMeetingKind, type VotingMeetingStatus } from '@szpm/core'
import type User from '#models/user'
import clock, { ZONE } from '#services/clock'
import { NotFoundInScope, findEstateInScope, findRegionInScope, userScope, whereEstateIn } from '#services/region_scope'
import { StaleRecord } from '#modules/filings/filing_service'
import { notify } from '#modules/messages/notifier'
import { publishDisclosure } from '#modules/disclosures/disclosure_service'
import { escapeHtml } from '#services/rich_text'
import { tallyTopic } from '#modules/voting/ballot_service'
import { writeMeetingTopicsOutbox } from '@szpm/etl'
import type { Art278Item, TallyResult } from '#modules/voting/tally'

export interface MeetingInput {
  estate_id: number
  kind: VotingMeetingKind
  title: string
  opens_at: string
  closes_at: string
  topics: { title: string; description?: string; art278_item: number }[]
}

export interface MeetingFilters {
  region_id?: number
  estate_id?: number
  status?: VotingMeetingStatus
}

/** one line of 导出表决结果: a topic of a meeting with its (live or stored) tally */
export interface MeetingTopicLine {
  meeting: MeetingRow
  topic: TopicResult
}

export interface MeetingRow {
  id: number
  estateId: number
  estateName: string
  kind: VotingMeetingKind
  convener: 'committee' | 'proxy'
  title: string
  opensAt: Date
  closesAt: Date
  status: VotingMeetingStatus
  publishedAt: Date | null
  resultPublishedAt: Date | null
  version: number
}

export interface TopicResult {
  id: number
  seq: number
  title: string
  description: string
  item: Art278Item
  /** the live tally while the meeting is open, the stored one once it closed; null for a draft */
  tally: TallyResult | null
}

const refuse = (field: string, message: string): never => {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'voting' }])
}

function parseInstant(field: string, text: string): DateTime {
  const moment = DateTime.fromISO(text, { setZone: true })
  if (!moment.isValid) refuse(field, '时间格式不正确')
  return moment
}

/** 业主决策情况: the meeting's topics (kind, state, denominators, result) to the warehouse, in the writer's transaction */
const publishTopics = (trx: TransactionClientContract, meetingId: number) =>
  writeMeetingTopicsOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), [meetingId], { paramStyle: 'knex' })

const MEETING_COLUMNS = [
  'm.id', 'm.estate_id', 'e.name as estate_name', 'm.kind', 'm.convener', 'm.title', 'm.opens_at', 'm.closes_at', 'm.status',
  'm.published_at', 'm.result_published_at', 'm.version',
]

function toRow(row: any): MeetingRow {
  return {
    id: Number(row.id), estateId: Number(row.estate_id), estateName: row.estate_name, kind: row.kind, convener: row.convener,
    title: row.title, opensAt: row.opens_at, closesAt: row.closes_at, status: row.status, publishedAt: row.published_at,
    resultPublishedAt: row.result_published_at, version: Number(row.version),
  }
}

/**
 * 表决会议 (domain-rules.md §1): the owners' committee convenes for its estate (its director, an
 * estate-side account); for an estate without a committee the street convenes as the 居代业 body
 * (feature voting.manage). Street users with voting.view read their region's meetings and the totals.
 * A meeting is a draft until published (the estate's bound owners get an in-app notice), open for
 * ballots inside its period, and closed — every topic tallied and the result stored — by its convener
 * once the period has ended.
 */
export default class MeetingService {
  /** the estate a user may convene for, and as whom; anything else is a 404 */
  async #convenerOf(user: User, estateId: number): Promise<'committee' | 'proxy'> {
    if (isEstateSideRole(user.role)) {
      const director = await db.from('user_estates').where({ user_id: user.id, estate_id: estateId, relation: 'committee_director' }).first()
      if (!director) throw new NotFoundInScope()
      return 'committee'
    }
    const estate = await findEstateInScope(user, estateId)
    if (!userFeatures(user).includes('voting.manage')) throw new NotFoundInScope()
    if (estate.hasCommittee) refuse('estate_id', '该物业项目已成立业主委员会，应由业主委员会召集表决')
    return 'proxy'
  }

  /**
   * the meetings of the user's scope with the list's filters (an estate outside the scope is a 404);
   * wrapped, since a query builder returned from an async function would be awaited (run) with it
   */
  async #query(user: User, filters: MeetingFilters) {
    const scope = isEstateSideRole(user.role) ? await userScope(user) : await findRegionInScope(user, filters.region_id)
    const query = db.from('voting_meetings as m').join('estates as e', 'e.id', 'm.estate_id')
    whereEstateIn(query, 'e', scope)
    if (filters.estate_id) query.where('m.estate_id', (await findEstateInScope(user, filters.estate_id)).id)
    if (filters.status) query.where('m.status', filters.status)
    // drafts are their convener's: the committee's to its director, the street's to the street
    if (isEstateSideRole(user.role)) {
      query.where((q) => q.whereNot('m.status', 'draft').orWhereExists((sub) => sub.from('user_estates as ue')
        .whereRaw('ue.estate_id = m.estate_id').where('ue.user_id', user.id).where('ue.relation', 'committee_director').whereRaw(`m.convener = 'committee'`)))
    } else {
      query.where((q) => q.whereNot('m.status', 'draft').orWhere('m.convener', 'proxy'))
    }
    return { query }
  }

  async list(user: User, filters: MeetingFilters & { page: number; perPage: number }) {
    const { query } = await this.#query(user, filters)
    const total = Number((await query.clone().count('* as n'))[0].n)
    const rows = await query.select(MEETING_COLUMNS).orderBy('m.opens_at', 'desc').orderBy('m.id', 'desc')
      .offset((filters.page - 1) * filters.perPage).limit(filters.perPage)
    return { meetings: rows.map(toRow), total }
  }

  /**
   * every topic of the scope's meetings with its tally (drafts have none), newest meeting first; the
   * scope is checked before the first line (a foreign estate is a 404, not a broken download)
   */
  async topicLines(user: User, filters: MeetingFilters): Promise<AsyncIterable<MeetingTopicLine>> {
    const { query } = await this.#query(user, filters)
    const meetings = (await query.select(MEETING_COLUMNS).orderBy('m.opens_at', 'desc').orderBy('m.id', 'desc')).map(toRow)
    const topicsOf = (meeting: MeetingRow) => this.#topics(meeting)
    return (async function* () {
      for (const meeting of meetings) {
        for (const topic of await topicsOf(meeting)) yield { meeting, topic }
      }
    })()
  }

  async create(user: User, input: MeetingInput): Promise<MeetingRow> {
    const convener = await this.#convenerOf(user, input.estate_id)
    const opensAt = parseInstant('opens_at', input.opens_at)
    const closesAt = parseInstant('closes_at', input.closes_at)
    if (closesAt <= opensAt) refuse('closes_at', '投票结束时间应晚于开始时间')
    const id = await db.transaction(async (trx) => {
      const [meeting] = await trx.table('voting_meetings').insert({
        estate_id: input.estate_id, kind: input.kind, convener, title: input.title,
        opens_at: opensAt.toJSDate(), closes_at: closesAt.toJSDate(), created_by: user.id,
      }).returning('id')
      await trx.table('voting_topics').multiInsert(input.topics.map((topic, i) => ({
        meeting_id: meeting.id, seq: i + 1, title: topic.title, description: topic.description ?? '', art278_item: topic.art278_item,
      })))
      await publishTopics(trx, Number(meeting.id))
      return Number(meeting.id)
    })
    return this.#find(id)
  }

  async #find(id: number, trx?: TransactionClientContract): Promise<MeetingRow> {
    const row = await (trx ?? db).from('voting_meetings as m').join('estates as e', 'e.id', 'm.estate_id').where('m.id', id).select(MEETING_COLUMNS).first()
    if (!row) throw new NotFoundInScope()
    return toRow(row)
  }

  /** a meeting the user may read: estate-side accounts their own estates', street users their region's */
  async readable(user: User, id: number): Promise<MeetingRow> {
    const meeting = await this.#find(id).catch(() => null)
    if (!meeting) throw new NotFoundInScope()
    await findEstateInScope(user, meeting.estateId)
    // a draft is its convener's: the committee's to its director, the street's (居代业) to the street
    if (meeting.status === 'draft') {
      if (isEstateSideRole(user.role) ? meeting.convener !== 'committee' : meeting.convener !== 'proxy') throw new NotFoundInScope()
      if (isEstateSideRole(user.role)) await this.#convenerOf(user, meeting.estateId)
    }
    return meeting
  }

  async show(user: User, id: number): Promise<{ meeting: MeetingRow; topics: TopicResult[] }> {
    const meeting = await this.readable(user, id)
    return { meeting, topics: await this.#topics(meeting) }
  }

  /** a meeting's topics with the tally: live while published, stored once closed, none for a draft */
  async #topics(meeting: MeetingRow): Promise<TopicResult[]> {
    const topics = await db.from('voting_topics').where('meeting_id', meeting.id).orderBy('seq')
      .select('id', 'seq', 'title', 'description', 'art278_item', 'result')
    const results: TopicResult[] = []
    for (const topic of topics) {
      const tally = meeting.status === 'closed' ? (topic.result as TallyResult) : meeting.status === 'published' ? await tallyTopic(Number(topic.id)) : null
      results.push({ id: Number(topic.id), seq: topic.seq, title: topic.title, description: topic.description, item: topic.art278_item, tally })
    }
    return results
  }

  /** the meeting locked for its convener's change, at the version they read */
  async #forChange(trx: TransactionClientContract, user: User, id: number, version: number): Promise<MeetingRow> {
    const locked = await trx.from('voting_meetings').where('id', id).forUpdate().select('estate_id', 'convener', 'version').first()
    if (!locked) throw new NotFoundInScope()
    const convener = await this.#convenerOf(user, Number(locked.estate_id)).catch((error) => {
      // the street may not act for a committee's meeting, nor the committee for the street's: not theirs
      if (error instanceof vineErrors.E_VALIDATION_ERROR) throw new NotFoundInScope()
      throw error
    })
    if (convener !== locked.convener) throw new NotFoundInScope()
    if (Number(locked.version) !== version) throw new StaleRecord()
    return this.#find(id, trx)
  }

  async publish(user: User, id: number, version: number): Promise<MeetingRow> {
    return db.transaction(async (trx) => {
      const meeting = await this.#forChange(trx, user, id, version)
      if (meeting.status !== 'draft') refuse('version', '该会议已发布')
      if (meeting.closesAt.getTime() <= clock.now().toMillis()) refuse('closes_at', '投票结束时间已过，请修改后再发布')
      await trx.from('voting_meetings').where('id', id).update({ status: 'published', published_at: clock.now().toJSDate(), version: version + 1, updated_at: clock.now().toJSDate() })
      const owners = await trx.rawQuery(
        `SELECT DISTINCT oa.user_id FROM owner_accounts oa JOIN houses h ON h.owner_id = oa.owner_id WHERE h.estate_id = ?
         UNION SELECT DISTINCT oa.user_id FROM owner_accounts oa JOIN house_co_owners c ON c.owner_id = oa.owner_id JOIN houses h ON h.id = c.house_id WHERE h.estate_id = ?`,
        [meeting.estateId, meeting.estateId])
      const opens = DateTime.fromJSDate(meeting.opensAt).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')
      const closes = DateTime.fromJSDate(meeting.closesAt).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')
      await notify({
        reason: `voting.publish:${id}`, kind: 'notice', module: 'voting', senderId: user.id,
        recipientIds: owners.rows.map((row: { user_id: number }) => Number(row.user_id)),
        title: `${meeting.estateName}：${meeting.title}`,
        summary: `投票时间 ${opens} 至 ${closes}，请在微信中完成表决。`,
      }, trx)
      await this.#announce(trx, user, meeting, opens, closes)
      await publishTopics(trx, id)
      return this.#find(id, trx)
    })
  }

  /**
   * The meeting's announcement goes through 信息公开 (module 16) in the publishing transaction: the
   * 业主大会公告 template with the voting period and the topics as the agenda, source `voting`. It shows
   * in 信息公开查询 and on the owners' H5 公示公告. A template whose fields the city admin changed so that
   * this no longer fits refuses the publish (422), and nothing is published.
   */
  async #announce(trx: TransactionClientContract, user: User, meeting: MeetingRow, opens: string, closes: string) {
    const topics = await trx.from('voting_topics').where('meeting_id', meeting.id).orderBy('seq').select('seq', 'title', 'art278_item')
    const items = topics.map((topic) =>
      `<li>议题${topic.seq}：${escapeHtml(String(topic.title))}（《民法典》第二百七十八条第${topic.art278_item}项：${ART_278_ITEM_NAMES[Number(topic.art278_item) as Art278Item]}）</li>`)
    await publishDisclosure(trx, {
      template: 'owners_assembly',
      estateId: meeting.estateId,
      title: `${VOTING_MEETING_KINDS[meeting.kind]}表决公告：${meeting.title}`,
      fields: {
        meeting_date: opens.slice(0, 10),
        place: '微信电子投票（业主表决）',
        agenda: `<p>投票时间：${opens} 至 ${closes}</p><ol>${items.join('')}</ol>`,
      },
      source: 'voting',
      sourceId: Number(meeting.id),
      publishedBy: user,
    })
  }

  /**
   * Ends a meeting whose period is over: every topic is tallied under the meeting's row lock (a ballot
   * in flight holds it FOR SHARE, so none slips in after) and the result is stored with the topic.
   */
  async close(user: User, id: number, version: number): Promise<MeetingRow> {
    return db.transaction(async (trx) => {
      const meeting = await this.#forChange(trx, user, id, version)
      if (meeting.status !== 'published') refuse('version', meeting.status === 'draft' ? '该会议尚未发布' : '该会议已结束')
      if (clock.now().toMillis() < meeting.closesAt.getTime()) refuse('version', '投票期尚未结束，不能计票')
      await this.#tallyAndClose(trx, meeting, user.id)
      return this.#find(id, trx)
    })
  }

  /**
   * The scheduled close (close_due_meetings.ts): every published meeting whose period has ended is
   * tallied and closed, each in its own transaction under its row lock, exactly as its convener's
   * 结束并计票 would. Idempotent: a meeting closed meanwhile (by its convener or another run) is
   * skipped, so running it twice closes nothing the second time. Returns the ids it closed.
   */
  async closeDue(): Promise<number[]> {
    const now = clock.now().toJSDate()
    const due = await db.from('voting_meetings').where('status', 'published').where('closes_at', '<=', now).orderBy('id').select('id')
    const closed: number[] = []
    for (const { id } of due) {
      const done = await db.transaction(async (trx) => {
        const locked = await trx.from('voting_meetings').where('id', id).forUpdate().select('status', 'closes_at').first()
        if (!locked || locked.status !== 'published' || clock.now().toMillis() < new Date(locked.closes_at).getTime()) return false
        await this.#tallyAndClose(trx, await this.#find(Number(id), trx), null)
        return true
      })
      if (done) closed.push(Number(id))
    }
    return closed
  }

  /**
   * Tallies every topic of a published meeting (its row locked FOR UPDATE by the caller: a ballot in
   * flight holds it FOR SHARE, so none slips in after), stores the results, closes it, and publishes
   * the result: an in-app notice to the estate's bound owners (H5 业主表决) and to the street's users
   * who read 电子投票 (PC 表决结果), reason `voting.result:<id>` — once per meeting, since a meeting
   * closes once.
   */
  async #tallyAndClose(trx: TransactionClientContract, meeting: MeetingRow, byUserId: number | null) {
    const topics = await trx.from('voting_topics').where('meeting_id', meeting.id).orderBy('seq').select('id', 'seq', 'title')
    const verdicts: string[] = []
    for (const topic of topics) {
      const result = await tallyTopic(Number(topic.id), trx)
      await trx.from('voting_topics').where('id', topic.id).update({ result: JSON.stringify(result), passed: result.passed })
      verdicts.push(`议题${topic.seq}「${topic.title}」${result.passed ? '通过' : '未通过'}`)
    }
    const now = clock.now().toJSDate()
    await trx.from('voting_meetings').where('id', meeting.id)
      .update({ status: 'closed', result_published_at: now, version: meeting.version + 1, updated_at: now })
    // the warehouse's topic facts follow the close (业主决策情况)
    await publishTopics(trx, Number(meeting.id))
    const title = `表决结果：${meeting.estateName}${meeting.title}`.slice(0, 200)
    const summary = `${verdicts.join('；')}。`.slice(0, 2000)
    const owners = await this.#ownerAccounts(trx, meeting.estateId)
    await notify({
      reason: `voting.result:${meeting.id}`, kind: 'notice', module: 'voting', senderId: byUserId, recipientIds: owners,
      title, summary, subject: { type: 'voting_meeting', id: meeting.id, page: 'owner-voting' },
    }, trx)
    await notify({
      reason: `voting.result:${meeting.id}`, kind: 'notice', module: 'voting', senderId: byUserId,
      recipientIds: (await this.#streetReaders(trx, meeting.estateId)).filter((id) => !owners.includes(id)),
      title, summary, subject: { type: 'voting_meeting', id: meeting.id, page: 'voting-meeting' },
    }, trx)
  }

  /** the accounts bound to an owner of any house of the estate (first owner or co-owner) */
  async #ownerAccounts(trx: TransactionClientContract, estateId: number): Promise<number[]> {
    const rows = await trx.rawQuery(
      `SELECT DISTINCT oa.user_id FROM owner_accounts oa JOIN houses h ON h.owner_id = oa.owner_id WHERE h.estate_id = ?
       UNION SELECT DISTINCT oa.user_id FROM owner_accounts oa JOIN house_co_owners c ON c.owner_id = oa.owner_id JOIN houses h ON h.id = c.house_id WHERE h.estate_id = ?`,
      [estateId, estateId])
    return rows.rows.map((row: { user_id: number }) => Number(row.user_id)).sort((a: number, b: number) => a - b)
  }

  /** the active accounts of the estate's street that read 电子投票 (voting.view) */
  async #streetReaders(trx: TransactionClientContract, estateId: number): Promise<number[]> {
    const rows = await trx.rawQuery(
      `SELECT u.id, u.role, coalesce(array_agg(f.feature) FILTER (WHERE f.feature IS NOT NULL), '{}') AS granted
         FROM estates e JOIN users u ON u.region_id = e.street_id AND u.status = 'active'
         LEFT JOIN user_features f ON f.user_id = u.id
        WHERE e.id = ? GROUP BY u.id, u.role ORDER BY u.id`, [estateId])
    return rows.rows
      .filter((row: { role: RoleCode; granted: string[] }) => userFeatures({ role: row.role, grantedFeatures: row.granted }).includes('voting.view'))
      .map((row: { id: number }) => Number(row.id))
  }

  /**
   * The meeting `id` if `user` convened it (the committee's director for a committee meeting, the
   * street with voting.manage for a 居代业 one); anything else is a 404. For the convener's own tools
   * (paper ballots).
   */
  async convened(user: User, id: number): Promise<MeetingRow> {
    const meeting = await this.#find(id).catch(() => null)
    if (!meeting) throw new NotFoundInScope()
    const convener = await this.#convenerOf(user, meeting.estateId).catch((error) => {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) throw new NotFoundInScope()
      throw error
    })
    if (convener !== meeting.convener) throw new NotFoundInScope()
    return meeting
  }

  /** the estates of the street user's scope without an owners' committee: the street convenes for them as the 居代业 body */
  async proxyEstates(user: User): Promise<{ id: number; name: string }[]> {
    if (isEstateSideRole(user.role)) return []
    const scope = await findRegionInScope(user, undefined)
    const query = db.from('estates as e').where('e.has_committee', false)
    whereEstateIn(query, 'e', scope)
    const rows = await query.orderBy('e.name').orderBy('e.id').select('e.id', 'e.name')
    return rows.map((row) => ({ id: Number(row.id), name: row.name }))
  }
}
