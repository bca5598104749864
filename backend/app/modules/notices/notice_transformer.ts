/** 通知发布's wire shapes (core/src/api/types/notices.ts). */
import type {
  NoticeAttachment, NoticeDelivery, NoticeDetail, NoticeEstateOption, NoticeRecipient, NoticeRow, NoticeUrgeRow, ReceivedNotice,
} from '@szpm/core'
import { maskPhone } from '#services/masking'
import type { DeliverySummary } from '#modules/messages/delivery_summary'
import {
  AUDIENCE_NAMES, RELATION_NAMES, SCOPE_NAMES, type AttachmentRecord, type NoticeRecord, type RecipientRecord, type UrgeRecord,
} from '#modules/notices/notice_service'

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

export function transformNotice(row: NoticeRecord): NoticeRow {
  const recipientCount = Number(row.recipient_count)
  const readCount = Number(row.read_count)
  return {
    kind: 'notice',
    id: Number(row.id),
    title: row.title,
    streetId: Number(row.street_id),
    streetName: row.street_name,
    audience: row.audience,
    audienceName: AUDIENCE_NAMES[row.audience],
    estateScope: row.estate_scope,
    estateScopeName: SCOPE_NAMES[row.estate_scope],
    estateCount: Number(row.estate_count),
    recipientCount,
    readCount,
    unreadCount: recipientCount - readCount,
    attachmentCount: Number(row.attachment_count),
    urgeCount: Number(row.urge_count),
    lastUrgedAt: iso(row.last_urged_at),
    publishedAt: iso(row.published_at)!,
    publishedByName: row.published_by_name,
  }
}

export function transformUrge(row: UrgeRecord): NoticeUrgeRow {
  return {
    kind: 'urge',
    id: Number(row.id),
    noticeId: Number(row.notice_id),
    title: `【催办】${row.notice_title}`,
    sentAt: iso(row.sent_at)!,
    sentByName: row.sent_by_name,
    recipientCount: Number(row.recipient_count),
    skippedCount: Number(row.skipped_count),
  }
}

/** the list's rows: each notice, followed by its urges when 显示催办 is on */
export function transformNoticeList(rows: NoticeRecord[], urges: UrgeRecord[]) {
  return rows.flatMap((row) => [transformNotice(row), ...urges.filter((urge) => Number(urge.notice_id) === Number(row.id)).map(transformUrge)])
}

export function transformAttachment(row: AttachmentRecord): NoticeAttachment {
  return { id: Number(row.id), fileName: row.file_name, contentType: row.content_type, sizeBytes: Number(row.size_bytes) }
}

const CHANNEL_NAMES = { wechat: '微信', sms: '短信' } as const
const DELIVERY_STATUS_NAMES = { queued: '排队中', sending: '发送中', sent: '已送达', failed: '发送失败' } as const

function transformDelivery(row: DeliverySummary): NoticeDelivery {
  return {
    channel: row.channel,
    channelName: CHANNEL_NAMES[row.channel],
    status: row.status,
    statusName: DELIVERY_STATUS_NAMES[row.status],
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt ? row.sentAt.toUTC().toISO() : null,
  }
}

export function transformRecipient(row: RecipientRecord): NoticeRecipient {
  return {
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    communityName: row.community_name,
    userId: Number(row.user_id),
    name: row.name,
    phone: maskPhone(row.phone),
    relation: row.relation,
    relationName: RELATION_NAMES[row.relation],
    readAt: iso(row.read_at),
    deliveries: row.deliveries.map(transformDelivery),
  }
}

/** the in-app delivery is always there; the WeChat / SMS ones follow */
export function deliveryText(recipient: NoticeRecipient) {
  if (recipient.deliveries.length === 0) return '站内消息'
  return ['站内消息', ...recipient.deliveries.map((d) => `${d.channelName}${d.statusName}${d.lastError ? `（${d.lastError}）` : ''}`)].join('；')
}

export function transformNoticeDetail(detail: {
  notice: NoticeRecord
  estates: { id: number; name: string }[]
  attachments: AttachmentRecord[]
  recipients: RecipientRecord[]
  urges: UrgeRecord[]
}): NoticeDetail {
  return {
    ...transformNotice(detail.notice),
    bodyHtml: detail.notice.body_html ?? '',
    estates: detail.estates.map((estate) => ({ id: Number(estate.id), name: estate.name })),
    attachments: detail.attachments.map(transformAttachment),
    recipients: detail.recipients.map(transformRecipient),
    urges: detail.urges.map(transformUrge),
  }
}

export function transformReceived(detail: {
  notice: NoticeRecord
  estates: { id: number; name: string; relation: keyof typeof RELATION_NAMES }[]
  attachments: AttachmentRecord[]
  readAt: Date | null
}): ReceivedNotice {
  return {
    id: Number(detail.notice.id),
    title: detail.notice.title,
    bodyHtml: detail.notice.body_html ?? '',
    streetName: detail.notice.street_name,
    publishedAt: iso(detail.notice.published_at)!,
    publishedByName: detail.notice.published_by_name,
    attachments: detail.attachments.map(transformAttachment),
    estates: detail.estates.map((estate) => ({ id: Number(estate.id), name: estate.name, relationName: RELATION_NAMES[estate.relation] })),
    readAt: iso(detail.readAt),
  }
}

export function transformEstateOption(row: { id: number; name: string; community_name: string; manager_count: number; director_count: number }): NoticeEstateOption {
  return {
    id: Number(row.id),
    name: row.name,
    communityName: row.community_name,
    managerCount: Number(row.manager_count),
    directorCount: Number(row.director_count),
  }
}
