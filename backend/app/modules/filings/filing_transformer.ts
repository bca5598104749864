import type Filing from '#models/filing'
import { FILING_ACTION_NAMES, FILING_KIND_NAMES, FILING_STATUS_NAMES } from '@szpm/core'
import { effectiveFilingStatus } from '#modules/filings/filing_status'
import type { FilingRecord } from '@szpm/core'

/** A filing record with its history; `status` is the status on `today` (a contract past its date reads 已过期). */
export function transformFiling(filing: Filing, today: string): FilingRecord {
  const expiresOn = filing.expiresOn?.toISODate() ?? null
  const status = effectiveFilingStatus({ kind: filing.kind, status: filing.status, expiresOn }, today)
  return {
    id: filing.id,
    estateId: filing.estateId,
    kind: filing.kind,
    kindName: FILING_KIND_NAMES[filing.kind],
    status,
    statusName: FILING_STATUS_NAMES[status],
    documentNo: filing.documentNo,
    filedOn: filing.filedOn.toISODate()!,
    expiresOn,
    version: filing.version,
    history: (filing.events ?? []).map((event) => ({
      action: event.action,
      actionName: FILING_ACTION_NAMES[event.action],
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actorName: event.actor?.name ?? '系统',
      remark: event.remark,
      at: event.createdAt.toISO()!,
    })),
  }
}
