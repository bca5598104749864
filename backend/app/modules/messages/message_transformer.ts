import { moduleBySlug, type MessageKind, type MessageRow } from '@szpm/core'
import type { MessageRecord } from './message_service.ts'

export const MESSAGE_KIND_NAMES: Record<MessageKind, string> = { notice: '通知', urge: '催办', reminder: '提醒', export: '导出' }

export function transformMessage(row: MessageRecord): MessageRow {
  return {
    id: Number(row.id),
    kind: row.kind,
    kindName: MESSAGE_KIND_NAMES[row.kind] ?? row.kind,
    module: row.module,
    moduleName: moduleBySlug(row.module)?.name ?? row.module,
    title: row.title,
    summary: row.summary,
    senderName: row.sender_name,
    subject:
      row.subject_type && row.subject_id !== null && row.subject_page
        ? { type: row.subject_type, id: Number(row.subject_id), page: row.subject_page }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  }
}
