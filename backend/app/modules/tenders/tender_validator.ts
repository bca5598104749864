import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'
import { TENDER_CLARIFICATION_KINDS, TENDER_FINAL_DECISIONS, TENDER_FIRST_OPINIONS, TENDER_METHODS, TENDER_ROUND_DECISIONS, TENDER_SLA_BUCKETS, TENDER_STAGES, TENDER_STATES, TENDERER_KINDS } from '@szpm/core'

/** the Chinese names of this module's fields (the shared ones — estate_id, version, page … — are in #validators/messages) */
const LABELS = {
  state: '状态', sla: '办理时长', tenderer_kind: '招标人类型', tenderer_name: '招标人名称', title: '招标项目名称', tender_method: '招标方式',
  resolution: '业主大会决议', service_scope: '服务范围', contact_name: '联系人', contact_phone: '联系电话', attachments: '招标文件', 'attachments.*': '招标文件',
  opinion: '初审意见', decision: '终审决定', remark: '审核意见', round_decision: '轮次结果', round_sla: '轮次办理情况',
}

const keys = <T extends object>(record: T) => Object.keys(record) as (keyof T & string)[]
const id = () => idField({ query: true })

export const tenderListValidator = labelled(vine.create({
  region_id: id().optional(),
  estate_id: id().optional(),
  state: vine.enum(keys(TENDER_STATES)).optional(),
  sla: vine.enum(keys(TENDER_SLA_BUCKETS)).optional(),
  tender_method: vine.enum(keys(TENDER_METHODS)).optional(),
  tenderer_kind: vine.enum(keys(TENDERER_KINDS)).optional(),
  round_decision: vine.enum(keys(TENDER_ROUND_DECISIONS)).optional(),
  round_sla: vine.enum(keys(TENDER_SLA_BUCKETS)).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
}), LABELS)

/** the filing's own fields, shared by the first submission and a resubmission */
const documentFields = {
  tenderer_name: vine.string().trim().minLength(2).maxLength(100),
  title: vine.string().trim().minLength(2).maxLength(100),
  tender_method: vine.enum(keys(TENDER_METHODS)),
  resolution: vine.string().trim().maxLength(500).optional(),
  service_scope: vine.string().trim().maxLength(1000).optional(),
  contact_name: vine.string().trim().minLength(2).maxLength(50),
  contact_phone: vine.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/),
  /** upload tokens (tenders/attachments); at least one is checked by the service after the scope */
  attachments: vine.array(vine.string().trim().uuid()).maxLength(20).optional(),
}

export const storeTenderValidator = labelled(vine.create({
  estate_id: idField(),
  tenderer_kind: vine.enum(keys(TENDERER_KINDS)),
  ...documentFields,
}), LABELS)

export const resubmitTenderValidator = labelled(vine.create({ version: versionField(), ...documentFields }), LABELS)

export const firstReviewValidator = labelled(vine.create({
  version: versionField(),
  opinion: vine.enum(keys(TENDER_FIRST_OPINIONS)),
  remark: vine.string().trim().maxLength(500).optional().nullable(),
}), LABELS)

export const finalReviewValidator = labelled(vine.create({
  version: versionField(),
  decision: vine.enum(keys(TENDER_FINAL_DECISIONS)),
  remark: vine.string().trim().maxLength(500).optional().nullable(),
}), LABELS)

// 招标投标进度查询, 澄清与补遗 and the bidding platform's stages (tender_progress_controller.ts)
const PROGRESS_LABELS = {
  stage: '招标阶段', kind: '类型', title: '标题', content: '内容', attachments: '附件', 'attachments.*': '附件',
  event_id: '事件编号', filing_no: '备案编号', occurred_at: '发生时间', note: '说明',
}

export const progressListValidator = labelled(vine.create({
  region_id: id().optional(),
  estate_id: id().optional(),
  stage: vine.enum([...keys(TENDER_STAGES), 'none' as const]).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
}), PROGRESS_LABELS)

export const clarificationValidator = labelled(vine.create({
  kind: vine.enum(keys(TENDER_CLARIFICATION_KINDS)),
  title: vine.string().trim().minLength(2).maxLength(100),
  /** rich text, sanitised by the service (an empty result is refused there) */
  content: vine.string().trim().minLength(1).maxLength(20000),
  attachments: vine.array(vine.string().trim().uuid()).maxLength(10).optional(),
}), PROGRESS_LABELS)

/** ISO 8601 with seconds and an offset (Z or ±hh:mm), as the platform sends times */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/

export const biddingEventValidator = labelled(vine.create({
  event_id: vine.string().trim().minLength(1).maxLength(64).regex(/^[A-Za-z0-9._:-]+$/),
  filing_no: vine.string().trim().regex(/^ZBBA-\d{4}-\d{6,}$/),
  stage: vine.enum(keys(TENDER_STAGES)),
  occurred_at: vine.string().trim().regex(ISO_TIME),
  note: vine.string().trim().maxLength(500).optional(),
}), PROGRESS_LABELS, { 'occurred_at.regex': '发生时间须为带时区的 ISO 8601 时间，如 2026-12-01T09:30:00+08:00' })
