/** 信用信息 (module 7): wire types of the credit records list (穿透). */
import type { CreditCategory, CreditGrade, CreditPolarity, CreditSeverity, CreditSubjectKind, CreditValidity } from '../../modules/credit_statistics.ts'

/** one credit record behind a 信用信息统计 number, on the estate it concerns */
export interface CreditRecordRow {
  id: number
  districtName: string
  streetName: string
  communityName: string
  estateId: number
  estateName: string
  subjectId: number
  subjectName: string
  subjectKind: CreditSubjectKind
  subjectKindName: string
  /** a company's unified social credit code, or a person's ID number masked (#services/masking) */
  subjectCode: string
  polarity: CreditPolarity
  polarityName: string
  category: CreditCategory
  categoryName: string
  /** minor / serious / grave for 不良信息, null for 良好信息 */
  severity: CreditSeverity | null
  /** 一般 / 较重 / 严重 for 不良信息, '' for 良好信息 */
  severityName: string
  /** YYYY-MM-DD */
  decidedOn: string
  /** YYYY-MM-DD, the last day the record counts */
  validUntil: string
  validity: CreditValidity
  validityName: string
  source: string
  documentNo: string
}

/** one credit subject of 信用主体查询: a 物业企业 (with its score) or a person (ID number masked) */
export interface CreditSubjectRow {
  id: number
  kind: CreditSubjectKind
  kindName: string
  name: string
  /** unified social credit code, or the ID number masked */
  code: string
  /** a person's estate; null for a company */
  estateId: number | null
  /** where the subject belongs: a person's street · community · estate, a company's seat */
  placeName: string
  /** a company: the estates of the register it manages, and their 在管面积 (㎡, two decimals); null for a person */
  estates: number | null
  managedArea: string | null
  records: number
  /** counting (有效) 良好 / 不良 records as of today, and those 已过期 */
  goodRecords: number
  badRecords: number
  expiredRecords: number
  /** a company's credit score and grade (domain-rules §6); null for a person */
  score: number | null
  grade: CreditGrade | null
}

/** a document attached to a credit record (PDF, Word, Excel, JPG, PNG; ≤ 10 MB; downloaded through credit_attachments.download) */
export interface CreditAttachment {
  id: number
  fileName: string
  sizeBytes: number
}

/** an uploaded file not yet on a record: its token goes into the record's `attachments` */
export interface CreditUpload {
  token: string
  fileName: string
  sizeBytes: number
}

/** one record on a subject's page, with what it adds to or takes off the score (null: it does not count) */
export interface CreditSubjectRecord extends CreditRecordRow {
  points: number | null
  attachments: CreditAttachment[]
  /** for 修改 / 删除 (409 when stale) */
  version: number
}

/** an indicator of a 物业企业 computed from another module's data ('-' when its base is 0) */
export interface CreditIndicator {
  key: string
  label: string
  value: string
}

export interface CreditSubjectDetail {
  subject: CreditSubjectRow
  records: CreditSubjectRecord[]
  indicators: CreditIndicator[]
  /** a company: the estates it manages in the viewer's region (a record names one of them); [] for a person */
  estates: { id: number; name: string }[]
}

/** 录入信用记录 (credit.manage): the record; its validity period is computed by the server */
export interface CreditRecordInput {
  /** a company's estate (one of `CreditSubjectDetail.estates`); a person's record goes on their own estate */
  estate_id?: number
  polarity: CreditPolarity
  category: CreditCategory
  /** 不良信息 only */
  severity?: CreditSeverity
  /** YYYY-MM-DD, not after today */
  decided_on: string
  source: string
  document_no: string
  /** tokens of files uploaded through credit_attachments.upload (at most 5 per request) */
  attachments?: string[]
}

/**
 * 修改信用记录 (credit.manage): the same fields but the estate (a record never moves), its `version`
 * (409 when stale), new uploads in `attachments` and the ids of attachments to drop in `remove_attachments`.
 */
export interface CreditRecordUpdate extends Omit<CreditRecordInput, 'estate_id'> {
  version: number
  remove_attachments?: number[]
}

/** 信用主体查询's query string */
export interface CreditSubjectQuery {
  region_id?: number
  subject_kind?: CreditSubjectKind
  polarity?: CreditPolarity
  /** YYYY-MM-DD: records decided in this period */
  from?: string
  to?: string
  /** name, unified social credit code, or ID number (whole or masked as shown) */
  q?: string
  sort?: 'records' | 'area'
  page?: number
  per_page?: number
}

/** 信用信息 统计 by month: the records decided in one month of the region's estates, 良好 and 不良 */
export interface CreditTrendRow {
  /** YYYY-MM */
  month: string
  records: number
  goodRecords: number
  badRecords: number
}
