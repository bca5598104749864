/** Wire types of 通知发布 (module 19). */

export type NoticeAudience = 'project_manager' | 'committee_director' | 'both'
export type NoticeEstateScope = 'all' | 'chosen'
export type NoticeRelation = 'project_manager' | 'committee_director'

/** 发布通知 (POST notices) */
export interface NoticeInput {
  title: string
  /** rich text (HTML); the server keeps only its allow-listed part */
  body: string
  audience: NoticeAudience
  estate_scope: NoticeEstateScope
  /** required when estate_scope is 'chosen': estates of the publisher's street */
  estate_ids?: number[]
  /** tokens of uploaded attachments (at most 5) */
  attachments?: string[]
}

/** an uploaded file waiting for its notice (POST notices/attachments) */
export interface UploadedNoticeAttachment {
  token: string
  fileName: string
  contentType: string
  sizeBytes: number
}

export interface NoticeAttachment {
  id: number
  fileName: string
  contentType: string
  sizeBytes: number
}

/** one notice of 部门已发消息 */
export interface NoticeRow {
  kind: 'notice'
  id: number
  title: string
  streetId: number
  streetName: string
  audience: NoticeAudience
  /** 项目经理 / 业委会主任 / 项目经理和业委会主任 */
  audienceName: string
  estateScope: NoticeEstateScope
  estateScopeName: string
  estateCount: number
  recipientCount: number
  readCount: number
  unreadCount: number
  attachmentCount: number
  urgeCount: number
  /** ISO time of the last 催办, null when never urged */
  lastUrgedAt: string | null
  publishedAt: string
  publishedByName: string
}

/** one 催办 of a notice (显示催办: its own row under the notice) */
export interface NoticeUrgeRow {
  kind: 'urge'
  id: number
  noticeId: number
  /** 【催办】<notice title> */
  title: string
  sentAt: string
  sentByName: string
  /** recipients messaged by this urge */
  recipientCount: number
  /** unread recipients left out because they had already been urged that day */
  skippedCount: number
}

export type NoticeListItem = NoticeRow | NoticeUrgeRow

export interface NoticeListQuery {
  region_id?: number
  q?: string
  from?: string
  to?: string
  /** '1' = 显示催办 */
  show_urges?: '0' | '1'
  page?: number
  per_page?: number
}

export interface NoticeDelivery {
  channel: 'wechat' | 'sms'
  /** 微信 / 短信 */
  channelName: string
  status: 'queued' | 'sending' | 'sent' | 'failed'
  /** 排队中 / 发送中 / 已送达 / 发送失败 */
  statusName: string
  attempts: number
  lastError: string | null
  sentAt: string | null
}

/** one recipient of a notice, per estate */
export interface NoticeRecipient {
  estateId: number
  estateName: string
  communityName: string
  userId: number
  name: string
  /** masked (138****0007) */
  phone: string
  relation: NoticeRelation
  relationName: string
  readAt: string | null
  deliveries: NoticeDelivery[]
}

/** a notice as its street (and the bureaus above) see it */
export interface NoticeDetail extends NoticeRow {
  bodyHtml: string
  estates: { id: number; name: string }[]
  attachments: NoticeAttachment[]
  recipients: NoticeRecipient[]
  urges: NoticeUrgeRow[]
}

/** a notice as one of its recipients sees it (the page its message opens) */
export interface ReceivedNotice {
  id: number
  title: string
  bodyHtml: string
  streetName: string
  publishedAt: string
  publishedByName: string
  attachments: NoticeAttachment[]
  /** the recipient's estates it reached, with the capacity it reached them in */
  estates: { id: number; name: string; relationName: string }[]
  /** when the recipient first read it (this visit's time when it is the first) */
  readAt: string | null
}

/** an estate of the publisher's street in the picker, with the accounts a notice would reach */
export interface NoticeEstateOption {
  id: number
  name: string
  communityName: string
  managerCount: number
  directorCount: number
}

/** what 催办 did */
export interface NoticeUrgeResult {
  urgeId: number
  recipientCount: number
  skippedCount: number
  sentAt: string
}
