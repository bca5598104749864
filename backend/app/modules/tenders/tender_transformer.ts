import { maskPhone } from '#services/masking'
import { transformWorkflowEvent, type WorkflowEventRow } from '#workflows/workflow_history_transformer'
import { tenderWorkflow as tenderProcess } from '#modules/tenders/tender_process'
import type { TenderListed } from '#modules/tenders/tender_service'
import type TenderService from '#modules/tenders/tender_service'
import { TENDER_METHODS, TENDER_REVIEW_REMINDER, TENDER_STATES, TENDERER_KINDS, type TenderDetail, type TenderRow } from '@szpm/core'

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

export function transformTender(row: TenderListed): TenderRow {
  return {
    id: Number(row.id),
    filingNo: row.filing_no,
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    communityName: row.community_name,
    streetName: row.street_name,
    title: row.title,
    tendererKind: row.tenderer_kind,
    tendererKindName: TENDERER_KINDS[row.tenderer_kind],
    tendererName: row.tenderer_name,
    state: row.state,
    stateName: TENDER_STATES[row.state],
    round: Number(row.round),
    submittedAt: iso(row.round_started_at)!,
    decidedAt: iso(row.decided_at),
    sla: row.sla,
    tenderMethod: row.tender_method,
    tenderMethodName: TENDER_METHODS[row.tender_method],
    slaBucket: row.sla.bucket,
    slaBucketName: row.sla.bucketName,
    workingDaysText: row.sla.workingDays === null ? '未知' : String(row.sla.workingDays),
    version: Number(row.version),
  }
}

export function transformTenderDetail(detail: Awaited<ReturnType<TenderService['detail']>>): TenderDetail {
  const { tender } = detail
  return {
    ...transformTender(tender),
    resolution: tender.resolution,
    serviceScope: tender.service_scope,
    contactName: tender.contact_name,
    contactPhone: maskPhone(tender.contact_phone),
    reviewReminder: TENDER_REVIEW_REMINDER,
    attachments: detail.attachments.map((file: any) => ({
      id: Number(file.id), round: Number(file.round), fileName: file.file_name, contentType: file.content_type,
      sizeBytes: Number(file.size_bytes), uploadedAt: iso(file.created_at)!,
    })),
    rounds: detail.rounds.map((round: any) => ({
      round: Number(round.round), submittedAt: iso(round.submitted_at)!, decidedAt: iso(round.decided_at), decision: round.decision, sla: round.sla,
    })),
    history: detail.history.map((row: WorkflowEventRow) => transformWorkflowEvent(tenderProcess, row)),
    can: detail.can,
  }
}
