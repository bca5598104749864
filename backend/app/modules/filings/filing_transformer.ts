import type Filing from '#models/filing'
import { FILING_ACTION_NAMES, FILING_KIND_NAMES, FILING_STATUS_NAMES } from '#services/labels'
import type { FilingRecord } from '@szpm/core'

export function transformFiling(filing: Filing): FilingRecord {
  return {
    id: filing.id,
    estateId: filing.estateId,
    kind: filing.kind,
    kindName: FILING_KIND_NAMES[filing.kind],
    status: filing.status,
    statusName: FILING_STATUS_NAMES[filing.status],
    documentNo: filing.documentNo,
    filedOn: filing.filedOn.toISODate()!,
    expiresOn: filing.expiresOn?.toISODate() ?? null,
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
