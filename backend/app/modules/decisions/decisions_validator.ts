import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField } from '#validators/numbers'

const LABELS = { estate_id: '物业项目', meeting_id: '会议', kind: '会议类型', status: '会议状态', result: '表决结果', q: '关键词', by: '统计维度' }

/** 表决议题's query string (the records behind a 业主决策情况 number, and its export) */
export const decisionTopicListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    meeting_id: idField({ query: true }).optional(),
    kind: vine.enum(['owners_assembly', 'committee'] as const).optional(),
    status: vine.enum(['published', 'closed'] as const).optional(),
    result: vine.enum(['passed', 'failed'] as const).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** 议题参与情况's query string: by building (default) or by day */
export const decisionTurnoutValidator = labelled(
  vine.create({
    by: vine.enum(['building', 'day'] as const).optional(),
  }),
  LABELS
)
