import vine from '@vinejs/vine'
import { DISPUTE_LEDGERS, DISPUTE_STATES, DISPUTE_TYPE_GROUPS, DISPUTE_TYPES } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'

/** limits of a dispute, written once (docs/disputes.md) */
export const DISPUTE_LIMITS = { titleMax: 100, partiesMax: 500, textMax: 2000, attachmentsMax: 5 } as const

const oneOf = <T extends Record<string, string>>(map: T) => vine.enum(Object.keys(map) as (keyof T & string)[])
const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })
const text = (max: number = DISPUTE_LIMITS.textMax) => vine.string().trim().maxLength(max)
/** tokens of files uploaded through `dispute_attachments.upload` */
const attachments = () => vine.array(vine.string().uuid()).maxLength(DISPUTE_LIMITS.attachmentsMax).distinct().optional()

const LABELS = {
  ledger: '台账', region_id: '区域', estate_id: '物业项目', state: '状态', type: '纠纷类型', type_group: '纠纷大类', dispute_type: '纠纷类型', q: '关键字',
  reported_from: '开始日期', reported_to: '结束日期', title: '纠纷事项', parties: '当事人', summary: '纠纷简要情况', reported_on: '受理日期',
  transfer: '录入后转办', attachments: '附件', 'attachments.*': '附件', version: '版本', remark: '备注', handled_on: '处理日期',
  measures: '处理措施', progress: '处理情况', result: '办结情况', opinion: '退回意见',
}
const MESSAGES = { 'attachments.array.maxLength': '每次最多上传 {{ max }} 个附件', uuid: '{{ field }}无效，请重新上传' }

/** the ledgers' query string: 未办结 / 已办结 / 总台账 and the 展开 filters */
export const disputeListValidator = labelled(
  vine.create({
    ledger: oneOf(DISPUTE_LEDGERS).optional(),
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    state: oneOf(DISPUTE_STATES).optional(),
    type: oneOf(DISPUTE_TYPES).optional(),
    type_group: oneOf(DISPUTE_TYPE_GROUPS).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    reported_from: dateField().optional(),
    reported_to: dateField().afterOrSameAs('reported_from').optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

export const disputeEstatesValidator = labelled(vine.create({ q: vine.string().trim().maxLength(50).optional() }), LABELS)

/** 录入纠纷 (the bureau), optionally 转办 at once */
export const createDisputeValidator = labelled(
  vine.create({
    estate_id: idField(),
    dispute_type: oneOf(DISPUTE_TYPES),
    title: text(DISPUTE_LIMITS.titleMax).minLength(1),
    parties: text(DISPUTE_LIMITS.partiesMax).minLength(1),
    summary: text().minLength(1),
    reported_on: dateField(),
    transfer: vine.boolean().optional(),
    attachments: attachments(),
  }),
  LABELS,
  MESSAGES
)

/**
 * One step on a dispute: the version the user saw, the step's fields (which of them are required is
 * the workflow's rule, `requires` in dispute_process.ts, so a blank one gets the same field error) and
 * the step's attachments.
 */
export const disputeStepValidator = labelled(
  vine.create({
    version: versionField(),
    remark: text().optional().nullable(),
    handled_on: dateField().optional().nullable(),
    measures: text().optional().nullable(),
    progress: text().optional().nullable(),
    result: text().optional().nullable(),
    opinion: text().optional().nullable(),
    attachments: attachments(),
  }),
  LABELS,
  MESSAGES
)
