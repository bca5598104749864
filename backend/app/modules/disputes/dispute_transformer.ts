import { DISPUTE_STATES, DISPUTE_TYPES, type DisputeActions, type DisputeAttachment, type DisputeDetail, type DisputeEstateOption, type DisputeRow } from '@szpm/core'
import { transformWorkflowEvent, type WorkflowEventRow } from '#workflows/workflow_history_transformer'
import { DISPUTE_PROCESS, type DisputeRecord } from '#modules/disputes/dispute_service'

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

export function transformDispute(row: DisputeRecord): DisputeRow {
  return {
    id: row.id,
    title: row.title,
    disputeType: row.dispute_type,
    disputeTypeName: DISPUTE_TYPES[row.dispute_type] ?? row.dispute_type,
    estateId: row.estate_id,
    estateName: row.estate_name,
    communityName: row.community_name,
    streetId: row.street_id,
    streetName: row.street_name,
    districtName: row.district_name,
    bureauName: row.bureau_name,
    parties: row.parties,
    reportedOn: row.reported_on,
    state: row.state,
    stateName: DISPUTE_STATES[row.state] ?? row.state,
    handleCount: Number(row.handle_count),
    lastHandledAt: iso(row.last_handled_at),
    closedAt: iso(row.closed_at),
    createdByName: row.created_by_name,
    createdAt: iso(row.created_at)!,
    version: row.version,
  }
}

export function transformDisputeDetail(detail: {
  row: DisputeRecord
  attachments: { id: number; action: string; file_name: string; content_type: string; size_bytes: string; created_at: Date }[]
  history: WorkflowEventRow[]
  can: DisputeActions
}): DisputeDetail {
  return {
    ...transformDispute(detail.row),
    summary: detail.row.summary,
    closeResult: detail.row.close_result,
    attachments: detail.attachments.map((file): DisputeAttachment => ({
      id: Number(file.id),
      action: file.action,
      actionName: DISPUTE_PROCESS.transitions[file.action]?.label ?? file.action,
      fileName: file.file_name,
      contentType: file.content_type,
      sizeBytes: Number(file.size_bytes),
      uploadedAt: iso(file.created_at)!,
    })),
    history: detail.history.map((event) => transformWorkflowEvent(DISPUTE_PROCESS, event)),
    can: detail.can,
  }
}

export const transformDisputeEstate = (row: { id: number; name: string; community_name: string; street_name: string }): DisputeEstateOption => ({
  id: row.id,
  name: row.name,
  communityName: row.community_name,
  streetName: row.street_name,
})
