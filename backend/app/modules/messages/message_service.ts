/**
 * 我的消息: the signed-in user's own messages. Every query is pinned to `recipient_id = user`; a
 * message of someone else is indistinguishable from one that does not exist (404).
 */
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { NotFoundInScope } from '#services/region_scope'
import type { MessageKind } from './notification.ts'
import { markRead } from './notifier.ts'

export interface MessageListInput {
  kind?: MessageKind
  unread?: 'true' | 'false'
  page?: number
  per_page?: number
}

export interface MessageRecord {
  id: number
  kind: MessageKind
  module: string
  title: string
  summary: string
  sender_name: string | null
  subject_type: string | null
  subject_id: number | null
  subject_page: string | null
  created_at: Date
  read_at: Date | null
}

const COLUMNS = ['m.id', 'm.kind', 'm.module', 'm.title', 'm.summary', 's.name as sender_name', 'm.subject_type', 'm.subject_id', 'm.subject_page', 'm.created_at', 'm.read_at']

export default class MessageService {
  private own(userId: number, input: Pick<MessageListInput, 'kind' | 'unread'> = {}): DatabaseQueryBuilderContract<any> {
    const query = db.from('messages as m').where('m.recipient_id', userId)
    if (input.kind) query.where('m.kind', input.kind)
    if (input.unread === 'true') query.whereNull('m.read_at')
    return query
  }

  async list(userId: number, input: MessageListInput) {
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const query = this.own(userId, input)
    const [{ total }] = await query.clone().count('* as total')
    const rows = (await query
      .leftJoin('users as s', 's.id', 'm.sender_id')
      .select(COLUMNS)
      .orderBy('m.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)) as MessageRecord[]
    return { rows, total: Number(total), page, perPage }
  }

  async unreadCount(userId: number) {
    const rows = (await this.own(userId, { unread: 'true' }).select('m.kind').count('* as n').groupBy('m.kind')) as { kind: MessageKind; n: string }[]
    const byKind: Record<MessageKind, number> = { notice: 0, urge: 0, reminder: 0, export: 0 }
    for (const row of rows) byKind[row.kind] = Number(row.n)
    return { unread: Object.values(byKind).reduce((sum, n) => sum + n, 0), byKind }
  }

  /** Opens one of the user's messages: marks it read (the first time; read listeners run in the same transaction). */
  async open(userId: number, id: number): Promise<MessageRecord> {
    return db.transaction(async (trx) => {
      const exists = await trx.from('messages').where('id', id).where('recipient_id', userId).select('id').forUpdate().first()
      if (!exists) throw new NotFoundInScope()
      await markRead(trx, userId, { ids: [id] })
      return (await trx.from('messages as m').leftJoin('users as s', 's.id', 'm.sender_id').where('m.id', id).select(COLUMNS).first()) as MessageRecord
    })
  }

  /** 全部已读: every unread message of the user (of one kind when given); returns how many */
  async readAll(userId: number, kind?: MessageKind): Promise<number> {
    return db.transaction(async (trx) => (await markRead(trx, userId, { kind })).length)
  }
}
