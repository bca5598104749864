/** 招标投标管理 (module 21): 招标文件备案, its two-level review and the uploads. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { PageMeta, TenderClarificationInput, TenderProgressDetail, TenderProgressQuery, TenderProgressRow, TenderDetail, TenderFinalReviewInput, TenderFirstReviewInput, TenderInput, TenderQuery, TenderResubmitInput, TenderRow, TenderUpload } from './types.ts'

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
    /** 招标投标进度查询 */
    progressList: (query: TenderProgressQuery = {}) => http.call<TenderProgressRow[], PageMeta>('tender_progress.index', { query: query as Query }),
    progressExportUrl: (query: TenderProgressQuery = {}) => http.url('tender_progress.export', { query: query as Query }),
    /** one filing's stages and 澄清与补遗 */
    progress: (id: number) => http.call<TenderProgressDetail>('tender_progress.show', { params: { id } }),
    clarify: (id: number, input: TenderClarificationInput) => http.call<TenderProgressDetail>('tender_clarifications.store', { params: { id }, body: input }),
    clarificationFileUrl: (id: number, attachmentId: number) => http.url('tender_clarification_files.download', { params: { id, attachmentId } }),
  }
}
