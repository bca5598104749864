/** 通知发布's 查看全部统计 of one notice: read figures per region from the warehouse, recipients of an estate. */
import type { Http } from './http.ts'
import type { NoticeStatsMeta, NoticeStatsRecipient, NoticeStatsRecipientsMeta, NoticeStatsRow } from './types.ts'

export function noticeStatsApi(http: Http) {
  return {
    /** the notice's figures per child region of `regionId` (default: the notice's street), with totals */
    show: (noticeId: number, regionId?: number) => http.call<NoticeStatsRow[], NoticeStatsMeta>('notice_stats.show', { params: { id: noticeId }, query: { region_id: regionId } }),
    exportUrl: (noticeId: number, regionId?: number) => http.url('notice_stats.export', { params: { id: noticeId }, query: { region_id: regionId } }),
    /** the recipients of the notice at one estate, with when each read it */
    recipients: (noticeId: number, estateId: number) =>
      http.call<NoticeStatsRecipient[], NoticeStatsRecipientsMeta>('notice_recipient_stats.index', { params: { id: noticeId }, query: { estate_id: estateId } }),
    recipientsExportUrl: (noticeId: number, estateId: number) => http.url('notice_recipient_stats.export', { params: { id: noticeId }, query: { estate_id: estateId } }),
  }
}
