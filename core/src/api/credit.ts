/** 信用信息 (module 7): 信用主体查询 and a subject's page; its statistics and records go through ./statistics.ts. */
import { uploadFile, type Envelope, type Http, type Query } from './http.ts'
import type { CreditRecordInput, CreditRecordUpdate, CreditUpload, CreditSubjectDetail, CreditSubjectQuery, CreditSubjectRecord, CreditSubjectRow, CreditTrendRow, PageMeta, RegionRef } from './types.ts'

/** 按月趋势: the region (absent = the user's) and the months YYYY-MM (absent = the twelve up to this month) */
export interface CreditTrendQuery {
  region_id?: number
  from?: string
  to?: string
}

export function creditApi(http: Http, baseUrl = '') {
  return {
    subjects: (query: CreditSubjectQuery = {}) => http.call<CreditSubjectRow[], PageMeta>('credit_subjects.index', { query: query as Query }),
    subject: (id: number) => http.call<CreditSubjectDetail>('credit_subjects.show', { params: { id } }),
    /** 录入信用记录 (credit.manage): 201 with the record as the subject page lists it */
    addRecord: (subjectId: number, input: CreditRecordInput) => http.call<CreditSubjectRecord>('credit_records.store', { params: { id: subjectId }, body: input }),
    /** 修改信用记录 (credit.manage): the record as the subject page now lists it; 409 when `version` is stale */
    updateRecord: (recordId: number, input: CreditRecordUpdate) => http.call<CreditSubjectRecord>('credit_records.update', { params: { id: recordId }, body: input }),
    /** 删除信用记录 (credit.manage): it stops counting everywhere; 409 when `version` is stale */
    deleteRecord: (recordId: number, version: number) => http.call<{ id: number }>('credit_records.destroy', { params: { id: recordId }, body: { version } }),
    /** uploads one document (multipart, field `file`); the token goes into the record's `attachments` */
    upload: (file: Blob, fileName: string): Promise<Envelope<CreditUpload>> => uploadFile<CreditUpload>(baseUrl, 'credit_attachments.upload', file, fileName),
    attachmentUrl: (recordId: number, attachmentId: number) => http.url('credit_attachments.download', { params: { id: recordId, attachmentId } }),
    /** 按月趋势: records decided per month (良好 / 不良) on the region's estates, every month listed */
    trend: (query: CreditTrendQuery = {}) =>
      http.call<CreditTrendRow[], { region: RegionRef; from: string; to: string; freshAt: string | null }>('credit_trend.index', { query: query as Query }),
    trendExportUrl: (query: CreditTrendQuery = {}) => http.url('credit_trend.export', { query: query as Query }),
  }
}
