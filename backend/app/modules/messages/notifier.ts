/**
 * The one way any module notifies people (docs/messages.md). `notify` writes one in-app message per
 * recipient in one transaction (the caller's when given), enforcing "at most once per recipient per
 * reason per Asia/Shanghai day" through the UNIQUE (recipient_id, reason, sent_on) of `messages`
 * (INSERT … ON CONFLICT DO NOTHING: two concurrent calls write one message), creates the WeChat
 * template message delivery of each (SMS where the module asks for it and no WeChat is bound), and
 * queues the deliveries only after the commit.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { pagesOf } from '@szpm/core'
import clock, { ZONE } from '#services/clock'
import { enqueueDeliveries } from './delivery_queue.ts'
import type { MessageKind, NotificationRequest, NotificationResult } from './notification.ts'
import { runReadListeners, type ReadMessageRow } from './read_listeners.ts'

export type { NotificationRequest, NotificationResult, MessageKind } from './notification.ts'

export const MESSAGE_KINDS: readonly MessageKind[] = ['notice', 'urge', 'reminder', 'export']

/** A module asked for something `notify` cannot do (a programming error, not user input). */
export class NotificationRequestError extends Error {
  constructor(message: string) {
    super(`notify: ${message}`)
    this.name = 'NotificationRequestError'
  }
}

const MAX_TEXT = { reason: 200, title: 200, summary: 2000 } as const

function validate(request: NotificationRequest): number[] {
  if (typeof request.reason !== 'string' || !request.reason.trim() || request.reason.length > MAX_TEXT.reason) {
    throw new NotificationRequestError(`reason must be a non-empty string of at most ${MAX_TEXT.reason} characters`)
  }
  if (!MESSAGE_KINDS.includes(request.kind)) throw new NotificationRequestError(`unknown kind "${String(request.kind)}"`)
  if (typeof request.module !== 'string' || !request.module.trim()) throw new NotificationRequestError('module is required')
  if (typeof request.title !== 'string' || !request.title.trim() || request.title.length > MAX_TEXT.title) {
    throw new NotificationRequestError(`title must be a non-empty string of at most ${MAX_TEXT.title} characters`)
  }
  if (typeof request.summary !== 'string' || request.summary.length > MAX_TEXT.summary) {
    throw new NotificationRequestError(`summary must be a string of at most ${MAX_TEXT.summary} characters`)
  }
  if (request.senderId !== null && !(Number.isInteger(request.senderId) && request.senderId > 0)) {
    throw new NotificationRequestError('senderId must be a user id or null')
  }
  if (!Array.isArray(request.recipientIds)) throw new NotificationRequestError('recipientIds must be an array')
  for (const id of request.recipientIds) {
    if (!Number.isInteger(id) || id <= 0 || id > 2147483647) throw new NotificationRequestError(`recipient id ${String(id)} is not a user id`)
  }
  if (request.subject) {
    const { type, id, page } = request.subject
    if (typeof type !== 'string' || !type.trim()) throw new NotificationRequestError('subject.type is required')
    if (!Number.isInteger(id) || id <= 0) throw new NotificationRequestError('subject.id must be a positive integer')
    const declared = [...pagesOf('pc'), ...pagesOf('h5')].find((candidate) => candidate.name === page)
    if (!declared) throw new NotificationRequestError(`subject.page "${page}" is not a page any module declares`)
  }
  return [...new Set(request.recipientIds)]
}

/**
 * Notifies `request.recipientIds` (see NotificationRequest). In `trx` when given (the deliveries are
 * queued when it commits; nothing is queued if it rolls back), else in a transaction of its own.
 * Recipients already messaged today for this reason come back in `skipped` with when that message
 * went; nothing is written or sent to them. Unknown user ids throw (nothing is written).
 */
export async function notify(request: NotificationRequest, trx?: TransactionClientContract): Promise<NotificationResult> {
  const recipientIds = validate(request)
  if (recipientIds.length === 0) return { sent: [], skipped: [] }
  if (trx) {
    const { result, deliveryIds } = await write(request, recipientIds, trx)
    trx.after('commit', () => enqueueDeliveries(deliveryIds))
    return result
  }
  const { result, deliveryIds } = await db.transaction((own) => write(request, recipientIds, own))
  await enqueueDeliveries(deliveryIds)
  return result
}

async function write(request: NotificationRequest, recipientIds: number[], trx: TransactionClientContract) {
  const now = clock.now()
  const sentOn = now.setZone(ZONE).toISODate()!
  // = ANY(array): one parameter whatever the number of recipients (a district-wide notice)
  const known = (await trx.from('users').whereRaw('id = ANY(?::int[])', [recipientIds] as any[]).select('id')) as { id: number }[]
  if (known.length !== recipientIds.length) {
    const found = new Set(known.map((row) => Number(row.id)))
    throw new NotificationRequestError(`no such users: ${recipientIds.filter((id) => !found.has(id)).join(', ')}`)
  }
  const subject = request.subject
  const inserted = await trx.rawQuery(
    `INSERT INTO messages (recipient_id, sender_id, kind, module, reason, title, summary, subject_type, subject_id, subject_page, sent_on, sms_fallback, created_at)
     SELECT r.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::boolean, ?::timestamptz FROM unnest(?::int[]) WITH ORDINALITY AS r(id, n)
     ORDER BY r.n
     ON CONFLICT (recipient_id, reason, sent_on) DO NOTHING
     RETURNING id, recipient_id`,
    [
      request.senderId, request.kind, request.module, request.reason, request.title.trim(), request.summary,
      subject?.type ?? null, subject?.id ?? null, subject?.page ?? null, sentOn, request.smsFallback === true, now.toISO(), recipientIds,
    ] as any[]
  )
  const sent = (inserted.rows as { id: number; recipient_id: number }[]).map((row) => ({ userId: Number(row.recipient_id), messageId: Number(row.id) }))
  const sentUsers = new Set(sent.map((row) => row.userId))
  const skippedIds = recipientIds.filter((id) => !sentUsers.has(id))
  const skipped = skippedIds.length
    ? ((await trx
        .from('messages')
        .where('reason', request.reason)
        .where('sent_on', sentOn)
        .whereRaw('recipient_id = ANY(?::int[])', [skippedIds] as any[])
        .select('recipient_id', 'created_at')) as { recipient_id: number; created_at: Date }[]).map((row) => ({
        userId: Number(row.recipient_id),
        lastSentAt: DateTime.fromJSDate(row.created_at, { zone: ZONE }),
      }))
    : []

  // WeChat for the bound, active accounts; SMS instead where the module asks for it and none is bound
  const messageIds = sent.map((row) => row.messageId)
  const deliveries = messageIds.length
    ? await trx.rawQuery(
        `INSERT INTO message_deliveries (message_id, channel, status, queued_at, updated_at)
         SELECT m.id, CASE WHEN u.wechat_openid IS NOT NULL THEN 'wechat' ELSE 'sms' END, 'queued', ?::timestamptz, ?::timestamptz
           FROM messages m JOIN users u ON u.id = m.recipient_id
          WHERE m.id = ANY(?::int[]) AND u.status = 'active' AND (u.wechat_openid IS NOT NULL OR ?::boolean)
          ORDER BY m.id
         RETURNING id`,
        [now.toISO(), now.toISO(), messageIds, request.smsFallback === true] as any[]
      )
    : { rows: [] }
  const deliveryIds = (deliveries.rows as { id: number }[]).map((row) => Number(row.id))
  if (deliveryIds.length) {
    await trx.rawQuery(
      `INSERT INTO message_delivery_events (delivery_id, status, attempt, created_at) SELECT id, 'queued', 0, ? FROM unnest(?::int[]) AS d(id)`,
      [now.toISO(), deliveryIds] as any[]
    )
  }
  return { result: { sent, skipped } satisfies NotificationResult, deliveryIds }
}

/**
 * Marks the user's unread messages with `ids` (all unread when `ids` is 'all', optionally of one
 * kind) read now and runs the read listeners, all in `trx`. Returns the rows marked (a message
 * already read is left alone, so listeners run once per message).
 */
export async function markRead(
  trx: TransactionClientContract,
  userId: number,
  which: { ids?: readonly number[]; subject?: { type: string; id: number }; kind?: MessageKind }
): Promise<ReadMessageRow[]> {
  const readAt = clock.now()
  const query = trx.from('messages').where('recipient_id', userId).whereNull('read_at')
  if (which.ids) query.whereIn('id', which.ids as number[])
  if (which.subject) query.where('subject_type', which.subject.type).where('subject_id', which.subject.id)
  if (which.kind) query.where('kind', which.kind)
  const rows = (await query
    .update({ read_at: readAt.toJSDate() })
    .returning(['id', 'recipient_id', 'subject_type', 'subject_id'])) as ReadMessageRow[]
  rows.sort((a, b) => Number(a.id) - Number(b.id))
  await runReadListeners(trx, rows, readAt)
  return rows
}

/**
 * Marks the user's unread messages about a subject read (read_at = now) and runs the read listeners
 * (e.g. the notice page opened directly rather than from the inbox). Returns how many were marked.
 */
export async function markSubjectRead(userId: number, subjectType: string, subjectId: number, trx?: TransactionClientContract): Promise<number> {
  const run = (client: TransactionClientContract) => markRead(client, userId, { subject: { type: subjectType, id: subjectId } }).then((rows) => rows.length)
  return trx ? run(trx) : db.transaction(run)
}

/**
 * The Chinese answer to a second reminder the same day (domain-rules §7: it names when the last one
 * went), e.g. `今天 10:32 已催办过，每天只能催办一次，本次未发送`. `action` is the verb (催办, 提醒).
 */
export function alreadySentText(lastSentAt: DateTime, action = '提醒'): string {
  return `今天 ${lastSentAt.setZone(ZONE).toFormat('HH:mm')} 已${action}过，每天只能${action}一次，本次未发送`
}
