/// <reference lib="dom" />
/** 纠纷化解台账 (module 22): the ledgers, 录入, one dispute with its timeline, its steps and attachments. */
import { uploadFile, type Envelope, type Http, type Query } from './http.ts'
import type { DisputeDetail, DisputeEstateOption, DisputeInput, DisputeQuery, DisputeRow, DisputeStepInput, DisputeUpload, PageMeta } from './types.ts'

/** the step routes by the action name the detail's `can` uses */
const STEP_ROUTES = {
  transfer: 'disputes.transfer',
  handle: 'disputes.handle',
  applyClose: 'disputes.apply_close',
  confirmClose: 'disputes.confirm_close',
  return: 'disputes.return',
} as const
export type DisputeStep = keyof typeof STEP_ROUTES

export function disputesApi(http: Http, baseUrl = '') {
  return {
    list: (query: DisputeQuery) => http.call<DisputeRow[], PageMeta>('disputes.index', { query: query as Query }),
    exportUrl: (query: DisputeQuery) => http.url('disputes.export', { query: query as Query }),
    estates: (q?: string) => http.call<DisputeEstateOption[]>('disputes.estates', { query: { q } }),
    create: (input: DisputeInput) => http.call<DisputeDetail>('disputes.store', { body: input }),
    show: (id: number) => http.call<DisputeDetail>('disputes.show', { params: { id } }),
    /** 转办 / 处理 / 申请办结 / 确认办结 / 退回 */
    step: (step: DisputeStep, id: number, input: DisputeStepInput) => http.call<DisputeDetail>(STEP_ROUTES[step], { params: { id }, body: input }),
    attachmentUrl: (id: number, attachmentId: number) => http.url('dispute_attachments.download', { params: { id, attachmentId } }),
    /** uploads one attachment (multipart, field `file`); the token goes into the step's `attachments` */
    upload: (file: Blob, fileName: string): Promise<Envelope<DisputeUpload>> => uploadFile<DisputeUpload>(baseUrl, 'dispute_attachments.upload', file, fileName),
  }
}
