/**
 * The one way any module notifies people (提醒更新, 催办, 通知发布, 导出完成): the shape of a request
 * and of its answer. `notify` (./notifier.ts) writes the in-app messages in the caller's
 * transaction, enforces "at most once per recipient per reason per Asia/Shanghai day", and queues the
 * WeChat template message (SMS where the module asks for it) of each message after commit.
 */
import type { DateTime } from 'luxon'

/** what kind of message it is (the inbox filters by it) */
export type MessageKind = 'notice' | 'urge' | 'reminder' | 'export'

export interface NotificationRequest {
  /**
   * why it is sent; at most one message per recipient per reason per day (domain-rules §7), e.g.
   * `notices.publish:42`, `notices.urge:42`, `staff.remind`, `exports.ready:17`
   */
  readonly reason: string
  readonly kind: MessageKind
  /** slug of the sending module (core/src/modules) */
  readonly module: string
  readonly recipientIds: readonly number[]
  /** shown in the inbox and as the WeChat template message's first line */
  readonly title: string
  /** plain text (never HTML): the inbox preview and the template message's body */
  readonly summary: string
  /**
   * the item the message opens: a page name declared in core/src/modules and the id its path takes
   * (`:id`); the inbox and the WeChat deep link (H5) open it. Absent: the message itself is the content.
   */
  readonly subject?: { readonly type: string; readonly id: number; readonly page: string }
  /** text the recipient when no WeChat is bound or WeChat refuses (only where the module declares SMS) */
  readonly smsFallback?: boolean
  /** the user who sends it; null for the platform itself (scheduled reminders, exports) */
  readonly senderId: number | null
}

export interface NotificationResult {
  /** recipients messaged now, with their in-app message id */
  readonly sent: readonly { readonly userId: number; readonly messageId: number }[]
  /** recipients already messaged today for this reason, with when the last one went: nothing sent */
  readonly skipped: readonly { readonly userId: number; readonly lastSentAt: DateTime }[]
}
