/** 纠纷化解台账 (module 22): wire types of the ledgers, one dispute and its steps. */
import type { DisputeLedger, DisputeState, DisputeType, DisputeTypeGroup } from '../../modules/disputes.ts'
import type { WorkflowHistoryEntry } from './todos.ts'

export interface DisputeQuery {
  ledger?: DisputeLedger
  region_id?: number
  estate_id?: number
  state?: DisputeState
  type?: DisputeType
  /** parking = every 车位纠纷 type */
  type_group?: DisputeTypeGroup
  q?: string
  /** YYYY-MM-DD, inclusive */
  reported_from?: string
  reported_to?: string
  page?: number
  per_page?: number
}

/** a row of a ledger (and of its export) */
export interface DisputeRow {
  id: number
  title: string
  disputeType: DisputeType
  disputeTypeName: string
  estateId: number
  estateName: string
  communityName: string
  streetId: number
  streetName: string
  districtName: string
  bureauName: string
  parties: string
  reportedOn: string
  state: DisputeState
  stateName: string
  handleCount: number
  lastHandledAt: string | null
  closedAt: string | null
  createdByName: string | null
  createdAt: string
  version: number
}

export interface DisputeAttachment {
  id: number
  /** the step that added it (register / handle / apply_close) */
  action: string
  actionName: string
  fileName: string
  contentType: string
  sizeBytes: number
  uploadedAt: string
}

/** what the user may do now (role, feature, scope and state) */
export interface DisputeActions {
  transfer: boolean
  handle: boolean
  applyClose: boolean
  confirmClose: boolean
  return: boolean
}

export interface DisputeDetail extends DisputeRow {
  summary: string
  closeResult: string | null
  attachments: DisputeAttachment[]
  /** the timeline: every step (who, when, what; its fields and attachments in `data`) */
  history: WorkflowHistoryEntry[]
  can: DisputeActions
}

export interface DisputeEstateOption {
  id: number
  name: string
  communityName: string
  streetName: string
}

export interface DisputeUpload {
  token: string
  fileName: string
  sizeBytes: number
}

export interface DisputeInput {
  estate_id: number
  dispute_type: DisputeType
  title: string
  parties: string
  summary: string
  reported_on: string
  /** 录入并转办 */
  transfer?: boolean
  attachments?: string[]
}

export interface DisputeStepInput {
  version: number
  remark?: string | null
  handled_on?: string | null
  measures?: string | null
  progress?: string | null
  result?: string | null
  opinion?: string | null
  attachments?: string[]
}
