import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'
import { TENDER_FINAL_DECISIONS, TENDER_FIRST_OPINIONS, TENDER_METHODS, TENDER_ROUND_DECISIONS, TENDER_SLA_BUCKETS, TENDER_STATES, TENDERER_KINDS } from '@szpm/core'

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
