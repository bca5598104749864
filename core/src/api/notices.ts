/// <reference lib="dom" />
/** 通知发布 (module 19): 部门已发消息, 发布通知, 催办, the received notice, attachments. */
import { uploadFile, type Envelope, type Http, type Query } from './http.ts'
import type {
  NoticeDetail,
  NoticeEstateOption,
  NoticeInput,
  NoticeListItem,
  NoticeListQuery,
  NoticeUrgeResult,
  PageMeta,
  ReceivedNotice,
  UploadedNoticeAttachment,
} from './types.ts'

export function noticesApi(http: Http, baseUrl = '') {
  return {
    list: (query: NoticeListQuery) => http.call<NoticeListItem[], PageMeta>('notices.index', { query: query as Query }),
    exportUrl: (query: NoticeListQuery) => http.url('notices.export', { query: query as Query }),
    estates: (q?: string) => http.call<NoticeEstateOption[]>('notices.estates', { query: { q } }),
    publish: (input: NoticeInput) => http.call<NoticeDetail>('notices.store', { body: input }),
    show: (id: number) => http.call<NoticeDetail>('notices.show', { params: { id } }),
    recipientsExportUrl: (id: number) => http.url('notice_recipients.export', { params: { id } }),
    urge: (id: number) => http.call<NoticeUrgeResult>('notices.urge', { params: { id }, body: {} }),
    received: (id: number) => http.call<ReceivedNotice>('received_notices.show', { params: { id } }),
    attachmentUrl: (id: number, attachmentId: number) => http.url('notice_attachments.download', { params: { id, attachmentId } }),
    /** uploads one attachment (multipart, field `file`); the token goes into NoticeInput.attachments */
    upload: (file: Blob, fileName: string): Promise<Envelope<UploadedNoticeAttachment>> => uploadFile<UploadedNoticeAttachment>(baseUrl, 'notice_attachments.upload', file, fileName),
  }
}
