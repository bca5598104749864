/** Wire types of 我的消息 (the in-app inbox, backend/app/modules/messages). */

export type MessageKind = 'notice' | 'urge' | 'reminder' | 'export'

export interface MessageQuery {
  kind?: MessageKind
  /** 'true': unread only */
  unread?: 'true' | 'false'
  page?: number
  per_page?: number
}

export interface MessageRow {
  id: number
  kind: MessageKind
  /** 通知 / 催办 / 提醒 / 导出 */
  kindName: string
  /** slug of the sending module and its Chinese name */
  module: string
  moduleName: string
  title: string
  summary: string
  /** who sent it; null = the platform */
  senderName: string | null
  /** the item it opens: a page name (declared in core/src/modules) and the id its path takes; null = none */
  subject: { type: string; id: number; page: string } | null
  /** ISO time */
  createdAt: string
  /** ISO time it was read; null = unread */
  readAt: string | null
}

export interface MessageUnreadCount {
  /** the badge */
  unread: number
  byKind: Record<MessageKind, number>
}
