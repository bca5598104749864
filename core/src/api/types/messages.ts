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

/**
 * What a 提醒更新 did (staff, parking, and every module that reminds estates' project managers,
 * backend/app/modules/messages/estate_reminder.ts). Nothing to remind, or no manager to remind, is a
 * 422; everyone reminded today already is a 409 that says when the last went (domain-rules §7).
 */
export interface EstateReminderResult {
  /** estates of the region the reminder is about */
  estates: number
  /** estates among them without a project manager account (nobody to remind) */
  estatesWithoutManager: number
  /** project managers messaged now */
  sent: number
  /** project managers already reminded today (nothing sent to them again) */
  skipped: number
  /** ISO time of the latest reminder already sent today to a skipped manager; null when none was skipped */
  lastSentAt: string | null
  /** what happened, in words for the page */
  message: string
}
