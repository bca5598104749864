/** 安全检查 (module 15): tasks, 发布, the project manager's checklist, 催办 and the per-company counts. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { EstateReminderResult, PageMeta } from './types.ts'
import type { InspectionResult, InspectionTargetMode, InspectionTargetState } from '../modules/inspections.ts'

/** a task with the counts of the reader's scope */
export interface InspectionTask {
  id: number
  title: string
  deadline: string
  targetMode: InspectionTargetMode
  targetModeName: string
  publisherRegion: string
  publisherName: string
  createdAt: string | null
  items: number
  targets: number
  completed: number
  pending: number
  completionRate: number
  problems: number
  rectifiedProblems: number
}

export interface InspectionTaskDetail extends InspectionTask {
  checklist: { id: number; position: number; content: string; photoRequired: boolean }[]
}

/** one task × target estate (穿透, 本项目安全检查) */
export interface InspectionTargetRow {
  id: number
  taskId: number
  taskTitle: string
  deadline: string
  estateId: number
  estateName: string
  companyName: string
  districtName: string
  streetName: string
  communityName: string
  state: InspectionTargetState
  stateName: string
  version: number
  items: number
  problems: number
  rectifiedProblems: number
  submittedAt: string | null
  rectifiedAt: string | null
}

export interface InspectionAnswer {
  result: InspectionResult
  resultName: string
  description: string
  measures: string
  rectified: boolean
  rectifiedOn: string | null
  photos: { id: number; fileName: string; sizeBytes: number }[]
}

export interface InspectionTargetDetail extends InspectionTargetRow {
  /** the deadline has passed: nothing changes any more */
  closed: boolean
  /** the reader is the estate's project manager and the target waits for them */
  canFill: boolean
  checklist: { id: number; position: number; content: string; photoRequired: boolean; answer: InspectionAnswer | null }[]
}

export interface InspectionCompanyRow {
  companyName: string
  estates: number
  targets: number
  completed: number
  pending: number
  overdue: number
  completionRate: number
  problems: number
  rectifiedProblems: number
  rectificationRate: number
}

export interface InspectionTaskInput {
  title: string
  deadline: string
  items: { content: string; photo_required?: boolean }[]
  target_mode: InspectionTargetMode
  region_id?: number
  estate_types?: string[]
  estate_ids?: number[]
}

export interface InspectionAnswerInput {
  item_id: number
  result: InspectionResult
  description?: string
  measures?: string
  rectified?: boolean
  rectified_on?: string
  photos?: string[]
}

export interface InspectionUpload {
  token: string
  fileName: string
  sizeBytes: number
}

export function inspectionsApi(http: Http, baseUrl: string) {
  return {
    tasks: (query: { region_id?: number; q?: string; page?: number; per_page?: number } = {}) =>
      http.call<InspectionTask[], PageMeta>('inspection_tasks.index', { query: query as Query }),
    tasksExportUrl: (query: { region_id?: number; q?: string } = {}) => http.url('inspection_tasks.export', { query: query as Query }),
    task: (id: number) => http.call<InspectionTaskDetail>('inspection_tasks.show', { params: { id } }),
    publish: (input: InspectionTaskInput) => http.call<InspectionTask>('inspection_tasks.store', { body: input }),
    /** 催办 the task's incomplete estates of the user's region (once a day per project manager) */
    remind: (id: number) => http.call<EstateReminderResult>('inspection_tasks.remind', { params: { id }, body: {} }),
    companies: (query: { region_id?: number; task_id?: number; q?: string } = {}) =>
      http.call<InspectionCompanyRow[], { total: number; regionName: string }>('inspection_companies.index', { query: query as Query }),
    companiesExportUrl: (query: { region_id?: number; task_id?: number; q?: string } = {}) => http.url('inspection_companies.export', { query: query as Query }),
    targets: (query: Record<string, string | number | undefined> = {}) => http.call<InspectionTargetRow[], PageMeta>('inspection_targets.index', { query: query as Query }),
    /** the project manager's own targets */
    mine: (query: { state?: InspectionTargetState; page?: number; per_page?: number } = {}) =>
      http.call<InspectionTargetRow[], PageMeta>('my_inspections.index', { query: query as Query }),
    target: (id: number) => http.call<InspectionTargetDetail>('inspection_target.show', { params: { id } }),
    submit: (id: number, input: { version: number; answers: InspectionAnswerInput[] }) =>
      http.call<InspectionTargetDetail>('inspection_target.submit', { params: { id }, body: input }),
    rectify: (id: number, input: { version: number; answers: { item_id: number; measures?: string; rectified_on: string }[] }) =>
      http.call<InspectionTargetDetail>('inspection_target.rectify', { params: { id }, body: input }),
    photoUrl: (id: number) => http.url('inspection_photos.download', { params: { id } }),
    /** one photo per request (multipart field `file`, JPG / PNG); the token goes into the answer's `photos` */
    upload: (file: Blob, fileName: string) => uploadFile<InspectionUpload>(baseUrl, 'inspection_photos.upload', file, fileName),
  }
}
