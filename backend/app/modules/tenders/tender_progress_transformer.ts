import { TENDER_CLARIFICATION_KINDS, TENDER_STAGES, TENDERER_KINDS, type TenderClarification, type TenderProgressDetail, type TenderProgressRow, type TenderProgressStage } from '@szpm/core'
import type TenderProgressService from '#modules/tenders/tender_progress_service'
import type { ClarificationRow, ProgressRecord, StageRow } from '#modules/tenders/tender_progress_service'

const iso = (value: Date | string) => new Date(value).toISOString()
/** the current stage's name; nothing reported yet = 未开始 */
export const stageName = (stage: keyof typeof TENDER_STAGES | null) => (stage ? TENDER_STAGES[stage] : '未开始')

export function transformStage(row: StageRow): TenderProgressStage {
  return { stage: row.stage, stageName: TENDER_STAGES[row.stage], occurredAt: iso(row.occurred_at), receivedAt: iso(row.received_at), late: Boolean(row.late), note: row.note }
}

function clarificationHead(row: ClarificationRow) {
  return { id: Number(row.id), kind: row.kind, kindName: TENDER_CLARIFICATION_KINDS[row.kind], title: row.title, publishedAt: iso(row.published_at), publishedBy: row.publisher_name }
}

export function transformProgressRow(row: ProgressRecord): TenderProgressRow {
  return {
    id: Number(row.id),
    filingNo: row.filing_no,
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    communityName: row.community_name,
    streetName: row.street_name,
    title: row.title,
    tendererName: row.tenderer_name,
    tendererKindName: TENDERER_KINDS[row.tenderer_kind],
    approvedAt: row.decided_at ? iso(row.decided_at) : null,
    currentStage: row.current_stage,
    currentStageName: stageName(row.current_stage),
    stages: row.stages.map(transformStage),
    clarifications: row.clarifications.map(clarificationHead),
  }
}

export function transformProgressDetail(detail: Awaited<ReturnType<TenderProgressService['show']>>): TenderProgressDetail {
  return {
    currentStage: detail.current,
    currentStageName: stageName(detail.current),
    stages: detail.stages.map(transformStage),
    clarifications: detail.clarifications.map((row): TenderClarification => ({
      ...clarificationHead(row),
      content: row.content,
      attachments: detail.files.filter((file: any) => Number(file.clarification_id) === Number(row.id))
        .map((file: any) => ({ id: Number(file.id), fileName: file.file_name, contentType: file.content_type, sizeBytes: Number(file.size_bytes) })),
    })),
    canClarify: detail.canClarify,
  }
}
