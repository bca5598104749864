/// <reference lib="dom" />
/** 通知发布 (module 19): 部门已发消息, 发布通知, 催办, the received notice, attachments. */
import { ApiError, routePath, type Envelope, type Http, type Query } from './http.ts'
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

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null
  const hit = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`))
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null
}

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
    async upload(file: Blob, fileName: string): Promise<Envelope<UploadedNoticeAttachment>> {
      if (!readCookie('XSRF-TOKEN')) await fetch(baseUrl + routePath('session.csrf'), { credentials: 'same-origin' })
      const form = new FormData()
      form.append('file', file, fileName)
      const response = await fetch(baseUrl + routePath('notice_attachments.upload'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-XSRF-TOKEN': readCookie('XSRF-TOKEN') ?? '' },
        body: form,
      })
      const payload = (await response.json().catch(() => null)) as { errors?: { message: string; field?: string }[] } | null
      if (!response.ok) {
        const errors = payload?.errors ?? []
        throw new ApiError(response.status, errors[0]?.message ?? `上传失败（${response.status}）`, Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field!, e.message])))
      }
      return payload as unknown as Envelope<UploadedNoticeAttachment>
    },
  }
}
