/** 信用信息 (module 7): 信用主体查询 and a subject's page; its statistics and records go through ./statistics.ts. */
import type { Http, Query } from './http.ts'
import type { CreditRecordInput, CreditSubjectDetail, CreditSubjectQuery, CreditSubjectRecord, CreditSubjectRow, PageMeta } from './types.ts'

export function creditApi(http: Http) {
  return {
    subjects: (query: CreditSubjectQuery = {}) => http.call<CreditSubjectRow[], PageMeta>('credit_subjects.index', { query: query as Query }),
    subject: (id: number) => http.call<CreditSubjectDetail>('credit_subjects.show', { params: { id } }),
    /** 录入信用记录 (credit.manage): 201 with the record as the subject page lists it */
    addRecord: (subjectId: number, input: CreditRecordInput) => http.call<CreditSubjectRecord>('credit_records.store', { params: { id: subjectId }, body: input }),
  }
}
