/** 信用信息 (module 7): 信用主体查询 and a subject's page; its statistics and records go through ./statistics.ts. */
import type { Http, Query } from './http.ts'
import type { CreditRecordInput, CreditSubjectDetail, CreditSubjectQuery, CreditSubjectRecord, CreditSubjectRow, CreditTrendRow, PageMeta, RegionRef } from './types.ts'

/** 按月趋势: the region (absent = the user's) and the months YYYY-MM (absent = the twelve up to this month) */
export interface CreditTrendQuery {
  region_id?: number
  from?: string
  to?: string
}

export function creditApi(http: Http) {
  return {
    subjects: (query: CreditSubjectQuery = {}) => http.call<CreditSubjectRow[], PageMeta>('credit_subjects.index', { query: query as Query }),
    subject: (id: number) => http.call<CreditSubjectDetail>('credit_subjects.show', { params: { id } }),
    /** 录入信用记录 (credit.manage): 201 with the record as the subject page lists it */
    addRecord: (subjectId: number, input: CreditRecordInput) => http.call<CreditSubjectRecord>('credit_records.store', { params: { id: subjectId }, body: input }),
    /** 按月趋势: records decided per month (良好 / 不良) on the region's estates, every month listed */
    trend: (query: CreditTrendQuery = {}) =>
      http.call<CreditTrendRow[], { region: RegionRef; from: string; to: string; freshAt: string | null }>('credit_trend.index', { query: query as Query }),
    trendExportUrl: (query: CreditTrendQuery = {}) => http.url('credit_trend.export', { query: query as Query }),
  }
}
