/**
 * Registered at boot (imported by ./routes.ts, which start/routes.ts loads): every process that marks
 * messages read (the API) runs it.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import { onMessageRead } from '#modules/messages/read_listeners'
import { publishNoticeReceipts } from '#services/outbox'

/**
 * The read listener: a recipient read a message about a notice (the notice itself or a 催办) — from
 * the inbox, 全部已读 or the notice page — so every receipt of theirs for that notice is read now
 * (the first read stays), and the warehouse learns of it, in the same transaction.
 */
export async function markReceiptsRead(trx: TransactionClientContract, read: { userId: number; subjectId: number; readAt: DateTime }) {
  const rows = (await trx
    .from('notice_receipts')
    .where('notice_id', read.subjectId)
    .where('user_id', read.userId)
    .whereNull('read_at')
    .update({ read_at: read.readAt.toJSDate() })
    .returning('id')) as { id: number }[]
  if (rows.length) await publishNoticeReceipts(trx, rows.map((row) => Number(row.id)))
}

onMessageRead('notice', markReceiptsRead)
