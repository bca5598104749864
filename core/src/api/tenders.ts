/** 招标投标管理 (module 21): 招标文件备案, its two-level review and the uploads. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { PageMeta, TenderDetail, TenderFinalReviewInput, TenderFirstReviewInput, TenderInput, TenderQuery, TenderResubmitInput, TenderRow, TenderUpload } from './types.ts'

export function tendersApi(http: Http, baseUrl: string) {
  return {
    list: (query: TenderQuery = {}) => http.call<TenderRow[], PageMeta>('tenders.index', { query: query as Query }),
    exportUrl: (query: TenderQuery = {}) => http.url('tenders.export', { query: query as Query }),
    show: (id: number) => http.call<TenderDetail>('tenders.show', { params: { id } }),
    /** 打印备案回执 (PDF, inline) of an approved filing */
    receiptUrl: (id: number) => http.url('tender_receipts.download', { params: { id } }),
    attachmentUrl: (id: number, attachmentId: number) => http.url('tender_attachments.download', { params: { id, attachmentId } }),
    /** one file per request (multipart field `file`); the token goes into `attachments` of store / resubmit */
    upload: (file: Blob, fileName: string) => uploadFile<TenderUpload>(baseUrl, 'tender_attachments.upload', file, fileName),
    store: (input: TenderInput) => http.call<TenderDetail>('tenders.store', { body: input }),
    resubmit: (id: number, input: TenderResubmitInput) => http.call<TenderDetail>('tenders.resubmit', { params: { id }, body: input }),
    firstReview: (id: number, input: TenderFirstReviewInput) => http.call<TenderDetail>('tenders.first_review', { params: { id }, body: input }),
    finalReview: (id: number, input: TenderFinalReviewInput) => http.call<TenderDetail>('tenders.final_review', { params: { id }, body: input }),
  }
}
