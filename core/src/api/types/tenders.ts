/** Wire types of 招标投标管理 (module 21): 招标文件备案. */
import type { TenderClarificationKind, TenderFinalDecision, TenderFirstOpinion, TenderMethod, TenderSlaBucket, TenderStage, TenderState, TendererKind } from '../../modules/tenders.ts'
import type { PageMeta } from './common.ts'
import type { WorkflowHistoryEntry } from './todos.ts'

/** 办理时长 of a round: elapsed working days from its (re)submission to its final decision (or today) */
export interface TenderSla {
  /** null = a year the holiday calendar does not know (未知) */
  workingDays: number | null
  bucket: TenderSlaBucket
  /** 正常办理 / 已超期 / 严重超期 / 未知 */
  bucketName: string
  /** the year the calendar lacks, when bucket is unknown */
  missingYear: number | null
}

export interface TenderRow {
  id: number
  /** 备案编号 ZBBA-2026-000001 */
  filingNo: string
  estateId: number
  estateName: string
  communityName: string
  streetName: string
  title: string
  tendererKind: TendererKind
  tendererKindName: string
  tendererName: string
  state: TenderState
  stateName: string
  /** the review round (1 = first submission; each resubmission after 不同意 starts a new one) */
  round: number
  /** ISO time the current round started */
  submittedAt: string
  /** ISO time of the current round's final decision */
  decidedAt: string | null
  sla: TenderSla
  tenderMethod: TenderMethod
  tenderMethodName: string
  /** sla.bucket / sla.bucketName flat, for the statistics records list (穿透) */
  slaBucket: TenderSlaBucket
  slaBucketName: string
  /** the current round's working days, or 未知 */
  workingDaysText: string
  version: number
}

export interface TenderAttachment {
  id: number
  round: number
  fileName: string
  contentType: string
  sizeBytes: number
  uploadedAt: string
}

export interface TenderRound {
  round: number
  submittedAt: string
  decidedAt: string | null
  /** approved / rejected; null while open */
  decision: 'approved' | 'rejected' | null
  sla: TenderSla
}

export interface TenderDetail extends TenderRow {
  /** 业主大会决议 (表决结果文号 / 日期 …) the documents were voted on; developer filings: 前期物业 basis */
  resolution: string
  serviceScope: string
  contactName: string
  /** masked (138****0003) */
  contactPhone: string
  /** the reminder the reviewers see beside the attachments */
  reviewReminder: string
  attachments: TenderAttachment[]
  rounds: TenderRound[]
  history: WorkflowHistoryEntry[]
  /** what the signed-in user may do now */
  can: { resubmit: boolean; firstReview: boolean; finalReview: boolean }
}

export interface TenderQuery {
  region_id?: number
  estate_id?: number
  state?: TenderState
  sla?: TenderSlaBucket
  tender_method?: TenderMethod
  tenderer_kind?: TendererKind
  round_decision?: 'approved' | 'rejected' | 'open'
  round_sla?: TenderSlaBucket
  q?: string
  page?: number
  per_page?: number
}

export interface TenderInput {
  estate_id: number
  /** committee for the director; a street handler registers developer filings */
  tenderer_kind: TendererKind
  tenderer_name: string
  title: string
  tender_method: TenderMethod
  resolution: string
  service_scope: string
  contact_name: string
  contact_phone: string
  /** tokens of files uploaded through tenders/attachments */
  attachments: string[]
}

export type TenderResubmitInput = Omit<TenderInput, 'estate_id' | 'tenderer_kind'> & { version: number }

export interface TenderFirstReviewInput {
  opinion: TenderFirstOpinion
  remark?: string
  version: number
}

export interface TenderFinalReviewInput {
  decision: TenderFinalDecision
  remark?: string
  version: number
}

export interface TenderUpload {
  token: string
  fileName: string
  sizeBytes: number
}

export type TenderListMeta = PageMeta

/** one stage the bidding platform reported (招标投标进度) */
export interface TenderProgressStage {
  stage: TenderStage
  stageName: string
  /** ISO time the stage happened on the platform */
  occurredAt: string
  /** ISO time the platform reported it */
  receivedAt: string
  /** reported after a later stage (补报): shown in stage order, never moves the current stage back */
  late: boolean
  note: string
}

export interface TenderClarificationFile {
  id: number
  fileName: string
  contentType: string
  sizeBytes: number
}

/** 澄清与补遗 */
export interface TenderClarification {
  id: number
  kind: TenderClarificationKind
  kindName: string
  title: string
  /** sanitised HTML (the rich-text allow-list) */
  content: string
  publishedAt: string
  publishedBy: string
  attachments: TenderClarificationFile[]
}

/** a filing in 招标投标进度查询: its current stage, its timeline and its clarifications */
export interface TenderProgressRow {
  id: number
  filingNo: string
  estateId: number
  estateName: string
  communityName: string
  streetName: string
  title: string
  tendererName: string
  tendererKindName: string
  /** when the filing was approved (已备案) */
  approvedAt: string | null
  /** null = nothing reported yet (未开始) */
  currentStage: TenderStage | null
  currentStageName: string
  stages: TenderProgressStage[]
  clarifications: Omit<TenderClarification, 'content' | 'attachments'>[]
}

/** tenders/:id/progress: the timeline, the clarifications and whether the user may publish one */
export interface TenderProgressDetail {
  currentStage: TenderStage | null
  currentStageName: string
  stages: TenderProgressStage[]
  clarifications: TenderClarification[]
  /** the tenderer (业委会主任, or the street handler for a developer) of an approved filing, before 定标 */
  canClarify: boolean
}

export interface TenderProgressQuery {
  region_id?: number
  estate_id?: number
  /** a stage, or `none` (nothing reported yet) */
  stage?: TenderStage | 'none'
  q?: string
  page?: number
  per_page?: number
}

export interface TenderClarificationInput {
  kind: TenderClarificationKind
  title: string
  /** rich text; sanitised by the server */
  content: string
  /** tokens of files uploaded through tenders/attachments */
  attachments?: string[]
}
