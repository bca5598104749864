/**
 * 通知发布 (module 19): publish, 部门已发消息, a notice's detail, 催办, the recipient's view and the
 * read listener. Every write is one transaction: the rows, the in-app messages (notify) and the
 * outbox events of the receipts commit together. docs/notices.md.
 *
 * Scope: a notice belongs to its street. It is visible to the users of that street and of the regions
 * above it (district, city) and to its recipients; anyone else gets a 404.
 */
import { inject } from '@adonisjs/core'
import { Exception } from '@adonisjs/core/exceptions'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import Region from '#models/region'
import type User from '#models/user'
import clock, { ZONE } from '#services/clock'
import { containing } from '#services/like_pattern'
import { NotFoundInScope, findRegionInScope, regionWithin, userRegion } from '#services/region_scope'
import { ROLE_REGION_LEVEL } from '#services/roles'
import { publishNoticeReceipts } from '#services/outbox'
import { alreadySentText, notify, markSubjectRead } from '#modules/messages/notifier'
import { deliveryStatusOf, type DeliverySummary } from '#modules/messages/delivery_summary'
import { richTextPlain as noticePlainText, sanitizeRichText as sanitizeNoticeHtml } from '#services/rich_text'
import { stagedAttachments } from '#services/attachments'
import type { NoticeAudience, NoticeEstateScope, NoticeRelation } from '@szpm/core'

/** the storage folder of notice attachments (#services/attachments) */
export const NOTICE_FOLDER = 'notices'

/** the page a notice's message opens (declared in core/src/modules/notices.ts) */
export const RECEIVED_PAGE = 'notice-received'

export const AUDIENCE_NAMES: Record<NoticeAudience, string> = {
  project_manager: '项目经理',
  committee_director: '业委会主任',
  both: '项目经理和业委会主任',
}
export const SCOPE_NAMES: Record<NoticeEstateScope, string> = { all: '全部物业项目', chosen: '指定物业项目' }
export const RELATION_NAMES: Record<NoticeRelation, string> = { project_manager: '项目经理', committee_director: '业委会主任' }

const RELATIONS_OF: Record<NoticeAudience, NoticeRelation[]> = {
  project_manager: ['project_manager'],
  committee_director: ['committee_director'],
  both: ['project_manager', 'committee_director'],
}

/** a business refusal with a Chinese message (422 by default, 409 for a repeated 催办) */
export class NoticeRefused extends Exception {
  constructor(message: string, status = 422) {
    super(message, { status, code: 'E_NOTICE_REFUSED' })
  }
}

export interface PublishInput {
  title: string
  body: string
  audience: NoticeAudience
  estate_scope: NoticeEstateScope
  estate_ids?: number[]
  attachments?: string[]
}

export interface NoticeListInput {
  region_id?: number
  q?: string
  from?: Date
  to?: Date
  show_urges?: '0' | '1'
  page?: number
  per_page?: number
}

/** a notice row with its counts, as the list and the detail read it */
export interface NoticeRecord {
  id: number
  title: string
  street_id: number
  street_name: string
  audience: NoticeAudience
  estate_scope: NoticeEstateScope
  estate_count: number
  recipient_count: number
  read_count: number
  attachment_count: number
  urge_count: number
  last_urged_at: Date | null
  published_at: Date
  published_by_name: string
  body_html?: string
}

export interface UrgeRecord {
  id: number
  notice_id: number
  notice_title: string
  sent_at: Date
  sent_by_name: string
  recipient_count: number
  skipped_count: number
}

export interface RecipientRecord {
  estate_id: number
  estate_name: string
  community_name: string
  user_id: number
  name: string
  phone: string
  relation: NoticeRelation
  read_at: Date | null
  message_id: number | null
  deliveries: DeliverySummary[]
}

export interface AttachmentRecord {
  id: number
  notice_id: number
  file_name: string
  content_type: string
  size_bytes: string | number
  storage_key: string
}

/** an ISO day (YYYY-MM-DD) of a validated date, as the user typed it */
function isoDay(date: Date) {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** the notices query with counts; `region` limits it to the notices a user of that region sees */
function noticeQuery(client: TransactionClientContract | typeof db = db) {
  return client
    .from('notices as n')
    .join('regions as s', 's.id', 'n.street_id')
    .join('users as p', 'p.id', 'n.published_by')
    .select(
      'n.id', 'n.title', 'n.street_id', 's.name as street_name', 'n.audience', 'n.estate_scope', 'n.estate_count', 'n.recipient_count',
      'n.published_at', 'p.name as published_by_name',
      db.raw(`(SELECT count(DISTINCT r.user_id) FROM notice_receipts r WHERE r.notice_id = n.id AND r.read_at IS NOT NULL)::int AS read_count`),
      db.raw(`(SELECT count(*) FROM notice_attachments a WHERE a.notice_id = n.id)::int AS attachment_count`),
      db.raw(`(SELECT count(*) FROM notice_urges u WHERE u.notice_id = n.id)::int AS urge_count`),
      db.raw(`(SELECT max(u.sent_at) FROM notice_urges u WHERE u.notice_id = n.id) AS last_urged_at`)
    )
}

/** Restricts a notices query (alias `n`, streets `s`) to what users of `region` see. */
function whereVisibleTo(query: ReturnType<typeof noticeQuery>, region: Region) {
  if (region.level === 'district') query.where('s.district_id', region.id)
  else if (region.level === 'street') query.where('n.street_id', region.id)
  else if (region.level === 'community') {
    // a street user filtering by one of its communities: the notices that reached its estates
    query.where('n.street_id', region.streetId!).whereExists((sub) =>
      sub.from('notice_estates as ne').join('estates as e', 'e.id', 'ne.estate_id').whereColumn('ne.notice_id', 'n.id').where('e.community_id', region.id)
    )
  }
  return query
}

@inject()
export default class NoticeService {
  /** The street a user publishes for: street-level accounts only. */
  async publishingStreet(user: User): Promise<Region> {
    if (ROLE_REGION_LEVEL[user.role] !== 'street') throw new NoticeRefused('仅街道办账号可以发布通知', 403)
    return Region.findOrFail(user.regionId)
  }

  /** The estates of the user's street for the picker, with how many managers / directors each has. */
  async publishableEstates(user: User, q?: string) {
    const street = await this.publishingStreet(user)
    const query = db
      .from('estates as e')
      .join('regions as c', 'c.id', 'e.community_id')
      .where('e.street_id', street.id)
      .select(
        'e.id', 'e.name', 'c.name as community_name',
        db.raw(`(SELECT count(*) FROM user_estates ue JOIN users u ON u.id = ue.user_id AND u.status = 'active'
                  WHERE ue.estate_id = e.id AND ue.relation = 'project_manager')::int AS manager_count`),
        db.raw(`(SELECT count(*) FROM user_estates ue JOIN users u ON u.id = ue.user_id AND u.status = 'active'
                  WHERE ue.estate_id = e.id AND ue.relation = 'committee_director')::int AS director_count`)
      )
      .orderBy('c.name')
      .orderBy('e.name')
      .orderBy('e.id')
    if (q) query.whereILike('e.name', containing(q))
    return (await query) as { id: number; name: string; community_name: string; manager_count: number; director_count: number }[]
  }

  /**
   * Publishes a notice: checks the estates (each must be of the user's street, a field error
   * otherwise), finds the recipients (active accounts bound to those estates in the chosen
   * relation(s); none → 422), then in one transaction writes the notice, its estates, its
   * attachments, one receipt per recipient per estate, one message per recipient (notify) and the
   * receipts' outbox events.
   */
  async publish(user: User, input: PublishInput): Promise<number> {
    const street = await this.publishingStreet(user)
    const bodyHtml = sanitizeNoticeHtml(input.body)
    if (!noticePlainText(bodyHtml) && !/<img\b/i.test(bodyHtml)) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'body', message: '通知内容不能为空', rule: 'required' }])
    }
    const estateIds = await this.targetEstates(street, input)
    const relations = RELATIONS_OF[input.audience]
    const recipients = (await db
      .from('user_estates as ue')
      .join('users as u', 'u.id', 'ue.user_id')
      .where('u.status', 'active')
      .whereIn('ue.estate_id', estateIds)
      .whereIn('ue.relation', relations)
      .orderBy('ue.estate_id')
      .orderBy('ue.user_id')
      .select('ue.user_id', 'ue.estate_id', 'ue.relation')) as { user_id: number; estate_id: number; relation: NoticeRelation }[]
    if (recipients.length === 0) throw new NoticeRefused('所选物业项目暂无项目经理或业委会主任账号')
    const attachments = input.attachments?.length ? await stagedAttachments(input.attachments, user.id, NOTICE_FOLDER) : []
    const recipientIds = [...new Set(recipients.map((row) => Number(row.user_id)))]
    const now = clock.now()

    return db.transaction(async (trx) => {
      const [notice] = (await trx
        .insertQuery()
        .table('notices')
        .insert({
          street_id: street.id, title: input.title, body_html: bodyHtml, audience: input.audience, estate_scope: input.estate_scope,
          published_by: user.id, published_at: now.toJSDate(), recipient_count: recipientIds.length, estate_count: estateIds.length,
          created_at: now.toJSDate(), updated_at: now.toJSDate(),
        })
        .returning('id')) as { id: number }[]
      const noticeId = Number(notice.id)
      await trx.insertQuery().table('notice_estates').multiInsert(estateIds.map((estateId) => ({ notice_id: noticeId, estate_id: estateId })))
      if (attachments.length) {
        const claimed = await trx
          .from('notice_attachments')
          .whereIn('storage_key', attachments.map((attachment) => attachment.storageKey))
          .select('storage_key')
        if (claimed.length) {
          const index = attachments.findIndex((attachment) => attachment.storageKey === claimed[0].storage_key)
          throw new vineErrors.E_VALIDATION_ERROR([{ field: `attachments.${index}`, message: '该附件已用于另一条通知，请重新上传', rule: 'attachment' }])
        }
        await trx.insertQuery().table('notice_attachments').multiInsert(
          attachments.map((attachment) => ({
            notice_id: noticeId, file_name: attachment.fileName, content_type: attachment.contentType, size_bytes: attachment.sizeBytes,
            storage_key: attachment.storageKey, created_at: now.toJSDate(),
          }))
        )
      }
      const receipts = (await trx
        .insertQuery()
        .table('notice_receipts')
        .multiInsert(recipients.map((row) => ({ notice_id: noticeId, estate_id: row.estate_id, user_id: row.user_id, relation: row.relation, created_at: now.toJSDate() })))
        .returning(['id', 'user_id'])) as { id: number; user_id: number }[]
      const result = await notify(
        {
          reason: `notices.publish:${noticeId}`,
          kind: 'notice',
          module: 'notices',
          recipientIds,
          title: input.title,
          summary: this.summaryOf(street.name, bodyHtml),
          subject: { type: 'notice', id: noticeId, page: RECEIVED_PAGE },
          senderId: user.id,
        },
        trx
      )
      if (result.sent.length) {
        await trx.rawQuery(
          `UPDATE notice_receipts r SET message_id = m.message_id
             FROM unnest(?::int[], ?::int[]) AS m(user_id, message_id)
            WHERE r.notice_id = ? AND r.user_id = m.user_id`,
          [result.sent.map((row) => row.userId), result.sent.map((row) => row.messageId), noticeId] as any[]
        )
      }
      await publishNoticeReceipts(trx, receipts.map((row) => Number(row.id)))
      return noticeId
    })
  }

  /** the plain-text preview of a notice for its message (inbox, WeChat template) */
  summaryOf(streetName: string, bodyHtml: string) {
    const text = noticePlainText(bodyHtml)
    return `${streetName}：${text.length > 120 ? `${text.slice(0, 120)}…` : text}`
  }

  /** The estates a publish goes to: all of the street, or the chosen ones, each checked. */
  private async targetEstates(street: Region, input: PublishInput): Promise<number[]> {
    if (input.estate_scope === 'all') {
      const rows = (await db.from('estates').where('street_id', street.id).orderBy('id').select('id')) as { id: number }[]
      if (rows.length === 0) throw new NoticeRefused('本街道暂无物业项目')
      return rows.map((row) => Number(row.id))
    }
    const ids = input.estate_ids ?? []
    const own = new Set(
      ((await db.from('estates').whereIn('id', ids).where('street_id', street.id).select('id')) as { id: number }[]).map((row) => Number(row.id))
    )
    const foreign = ids.map((id, index) => ({ id, index })).filter(({ id }) => !own.has(id))
    if (foreign.length) {
      throw new vineErrors.E_VALIDATION_ERROR(
        foreign.map(({ index }) => ({ field: `estate_ids.${index}`, message: '所选物业项目不属于本街道', rule: 'estate' }))
      )
    }
    return ids
  }

  /** 部门已发消息: the notices of the region the user chose (default their own), newest first, paged. */
  async list(user: User, input: NoticeListInput) {
    const root = await userRegion(user)
    const region = await findRegionInScope(user, input.region_id)
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    // only the street and the regions above it see a street's notices
    if (root.level === 'community') return { rows: [] as NoticeRecord[], urges: [] as UrgeRecord[], total: 0, page, perPage }
    const base = () => {
      const query = whereVisibleTo(noticeQuery(), region)
      if (input.q) query.where((sub) => sub.whereILike('n.title', containing(input.q!)).orWhereILike('p.name', containing(input.q!)))
      if (input.from) query.whereRaw(`n.published_at >= (?::date)::timestamp AT TIME ZONE '${ZONE}'`, [isoDay(input.from)])
      if (input.to) query.whereRaw(`n.published_at < ((?::date + 1)::timestamp AT TIME ZONE '${ZONE}')`, [isoDay(input.to)])
      return query
    }
    const [{ total }] = (await db.from(base().clearSelect().select('n.id').as('t')).count('* as total')) as { total: string }[]
    const rows = (await base().orderBy('n.published_at', 'desc').orderBy('n.id', 'desc').limit(perPage).offset((page - 1) * perPage)) as NoticeRecord[]
    const urges = input.show_urges === '1' && rows.length ? await this.urgesOf(rows.map((row) => row.id)) : []
    return { rows, urges, total: Number(total), page, perPage }
  }

  /** the 催办 of some notices, newest first */
  async urgesOf(noticeIds: number[]): Promise<UrgeRecord[]> {
    return (await db
      .from('notice_urges as u')
      .join('notices as n', 'n.id', 'u.notice_id')
      .join('users as s', 's.id', 'u.sent_by')
      .whereIn('u.notice_id', noticeIds)
      .orderBy('u.sent_at', 'desc')
      .orderBy('u.id', 'desc')
      .select('u.id', 'u.notice_id', 'n.title as notice_title', 'u.sent_at', 's.name as sent_by_name', 'u.recipient_count', 'u.skipped_count')) as UrgeRecord[]
  }

  /** A notice the user may see as its street (or a region above); 404 otherwise. */
  async findInScope(user: User, noticeId: number, client: TransactionClientContract | typeof db = db): Promise<NoticeRecord> {
    const notice = (await noticeQuery(client).select('n.body_html').where('n.id', noticeId).first()) as NoticeRecord | null
    if (!notice) throw new NotFoundInScope()
    const street = await Region.findOrFail(notice.street_id)
    if (!regionWithin(street, await userRegion(user))) throw new NotFoundInScope()
    return notice
  }

  /** a notice for its street: the notice, its estates, attachments, recipients (with delivery) and urges */
  async show(user: User, noticeId: number) {
    const notice = await this.findInScope(user, noticeId)
    const [estates, attachments, recipients, urges] = await Promise.all([
      db.from('notice_estates as ne').join('estates as e', 'e.id', 'ne.estate_id').where('ne.notice_id', noticeId).orderBy('e.name').select('e.id', 'e.name'),
      this.attachmentsOf(noticeId),
      this.recipientsOf(noticeId),
      this.urgesOf([noticeId]),
    ])
    return { notice, estates: estates as { id: number; name: string }[], attachments, recipients, urges }
  }

  async attachmentsOf(noticeId: number) {
    return (await db.from('notice_attachments').where('notice_id', noticeId).orderBy('id').select('*')) as AttachmentRecord[]
  }

  /** one row per recipient per estate, by community, estate and relation, with each message's deliveries */
  async recipientsOf(noticeId: number): Promise<RecipientRecord[]> {
    const rows = (await db
      .from('notice_receipts as r')
      .join('estates as e', 'e.id', 'r.estate_id')
      .join('regions as c', 'c.id', 'e.community_id')
      .join('users as u', 'u.id', 'r.user_id')
      .where('r.notice_id', noticeId)
      .orderBy('c.name')
      .orderBy('e.name')
      .orderBy('r.relation', 'desc')
      .orderBy('u.name')
      .orderBy('r.id')
      .select('r.estate_id', 'e.name as estate_name', 'c.name as community_name', 'r.user_id', 'u.name', 'u.phone', 'r.relation', 'r.read_at', 'r.message_id')) as Omit<
      RecipientRecord,
      'deliveries'
    >[]
    const deliveries = await deliveryStatusOf(rows.flatMap((row) => (row.message_id ? [Number(row.message_id)] : [])))
    return rows.map((row) => ({ ...row, deliveries: row.message_id ? (deliveries.get(Number(row.message_id)) ?? []) : [] }))
  }

  /**
   * 催办: messages the recipients who have not read the notice (reason `notices.urge:<id>`, at most
   * once per recipient per day) and records the urge. When every unread recipient was already urged
   * today nothing is sent or recorded: 409 naming when the last urge went.
   */
  async urge(user: User, noticeId: number) {
    const notice = await this.findInScope(user, noticeId)
    const unread = (await db
      .from('notice_receipts')
      .where('notice_id', noticeId)
      .groupBy('user_id')
      .havingRaw('bool_and(read_at IS NULL)')
      .orderBy('user_id')
      .select('user_id')) as { user_id: number }[]
    if (unread.length === 0) throw new NoticeRefused('所有接收人均已查看该通知，无需催办')
    const now = clock.now()
    return db.transaction(async (trx) => {
      // one urge at a time per notice: a second click waits here and then finds everyone urged
      await trx.rawQuery('SELECT id FROM notices WHERE id = ? FOR UPDATE', [noticeId])
      const result = await notify(
        {
          reason: `notices.urge:${noticeId}`,
          kind: 'urge',
          module: 'notices',
          recipientIds: unread.map((row) => Number(row.user_id)),
          title: `【催办】${notice.title}`,
          summary: `${notice.street_name}提醒您查看通知：${notice.title}`,
          subject: { type: 'notice', id: noticeId, page: RECEIVED_PAGE },
          senderId: user.id,
        },
        trx
      )
      if (result.sent.length === 0) {
        const last = result.skipped.reduce<DateTime | null>((latest, row) => (!latest || row.lastSentAt > latest ? row.lastSentAt : latest), null)
        throw new NoticeRefused(alreadySentText(last ?? now, '催办'), 409)
      }
      const [urge] = (await trx
        .insertQuery()
        .table('notice_urges')
        .insert({ notice_id: noticeId, sent_by: user.id, sent_at: now.toJSDate(), recipient_count: result.sent.length, skipped_count: result.skipped.length })
        .returning('id')) as { id: number }[]
      return { urgeId: Number(urge.id), recipientCount: result.sent.length, skippedCount: result.skipped.length, sentAt: now }
    })
  }

  /**
   * A notice as one of its recipients sees it; anyone else gets a 404. Opening it marks the user's
   * messages about it read (which sets the receipts' read_at through the read listener).
   */
  async received(user: User, noticeId: number) {
    return db.transaction(async (trx) => {
      const receipts = (await trx
        .from('notice_receipts as r')
        .join('estates as e', 'e.id', 'r.estate_id')
        .where('r.notice_id', noticeId)
        .where('r.user_id', user.id)
        .orderBy('e.name')
        .select('e.id', 'e.name', 'r.relation')) as { id: number; name: string; relation: NoticeRelation }[]
      if (receipts.length === 0) throw new NotFoundInScope()
      await markSubjectRead(user.id, 'notice', noticeId, trx)
      // a receipt without a message (its message could not be written) is read by opening the page too
      const unread = (await trx
        .from('notice_receipts')
        .where('notice_id', noticeId)
        .where('user_id', user.id)
        .whereNull('read_at')
        .update({ read_at: clock.now().toJSDate() })
        .returning('id')) as { id: number }[]
      if (unread.length) await publishNoticeReceipts(trx, unread.map((row) => Number(row.id)))
      const notice = (await noticeQuery(trx).select('n.body_html').where('n.id', noticeId).first()) as NoticeRecord
      const [{ read_at: readAt }] = (await trx.from('notice_receipts').where('notice_id', noticeId).where('user_id', user.id).min('read_at as read_at')) as {
        read_at: Date | null
      }[]
      const attachments = (await trx.from('notice_attachments').where('notice_id', noticeId).orderBy('id').select('*')) as AttachmentRecord[]
      return { notice, estates: receipts, attachments, readAt }
    })
  }

  /** An attachment the user may download: a recipient of its notice, or a user who sees the notice as its street. */
  async attachmentFor(user: User, noticeId: number, attachmentId: number, canView: boolean): Promise<AttachmentRecord> {
    const attachment = (await db.from('notice_attachments').where('id', attachmentId).where('notice_id', noticeId).first()) as AttachmentRecord | null
    if (!attachment) throw new NotFoundInScope()
    const recipient = await db.from('notice_receipts').where('notice_id', noticeId).where('user_id', user.id).first()
    if (!recipient) {
      if (!canView) throw new NotFoundInScope()
      await this.findInScope(user, noticeId)
    }
    return attachment
  }
}
