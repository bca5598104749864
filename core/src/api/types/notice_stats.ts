/** Wire types of 通知发布's read statistics (查看全部统计 of one notice). */
import type { RegionLevel, RegionRef } from './common.ts'
import type { NoticeRelation } from './notices.ts'

/** the notice a 查看全部统计 page is about */
export interface NoticeStatsNotice {
  id: number
  title: string
  streetId: number
  streetName: string
  publishedAt: string
}

/** read figures of one region (or estate) for the notice, or of all of them (totals) */
export type NoticeReadFigures = {
  /** 接收人次: one per recipient per estate */
  recipients: number
  read: number
  unread: number
  /** 0..1, unrounded */
  readRate: number
}

/** one child row: a community of the notice's street, or an estate of a community */
export type NoticeStatsRow = NoticeReadFigures & { id: number; level: RegionLevel; name: string }

export interface NoticeStatsMeta {
  notice: NoticeStatsNotice
  region: RegionRef
  childLevel: RegionLevel
  /** from the notice's street down to the region */
  breadcrumb: RegionRef[]
  totals: NoticeReadFigures
  freshAt: string | null
}

/** one recipient of the notice at one estate (the last drill-down step, from PostgreSQL) */
export interface NoticeStatsRecipient {
  receiptId: number
  userId: number
  name: string
  relation: NoticeRelation
  /** 项目经理 / 业委会主任 */
  relationName: string
  /** ISO time the recipient read it; null = unread */
  readAt: string | null
}

export interface NoticeStatsRecipientsMeta {
  notice: NoticeStatsNotice
  estate: { id: number; name: string; communityId: number; communityName: string }
  /** from the notice's street down to the estate's community, then the estate */
  breadcrumb: RegionRef[]
  totals: NoticeReadFigures
}

/** one receipt of the records behind a 通知阅读统计 number (穿透): a notice × an estate × a recipient */
export interface NoticeReceiptRow {
  receiptId: number
  noticeId: number
  noticeTitle: string
  publishedAt: string
  districtName: string
  streetName: string
  communityName: string
  estateId: number
  estateName: string
  recipientName: string
  relation: NoticeRelation
  relationName: string
  read: boolean
  readAt: string | null
}
