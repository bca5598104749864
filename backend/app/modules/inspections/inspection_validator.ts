import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'
import { INSPECTION_RESULTS, INSPECTION_TARGET_MODES, INSPECTION_TARGET_STATES } from '@szpm/core'

/** the Chinese names of this module's fields (the shared ones — region_id, version, page … — are in #validators/messages) */
const LABELS = {
  title: '任务标题', deadline: '截止日期', items: '检查项', 'items.*': '检查项', 'items.*.content': '检查内容', 'items.*.photo_required': '需拍照',
  target_mode: '目标范围', estate_types: '项目类型', 'estate_types.*': '项目类型', estate_ids: '物业项目', 'estate_ids.*': '物业项目',
  answers: '检查结果', 'answers.*': '检查结果', 'answers.*.item_id': '检查项', 'answers.*.result': '检查结论', 'answers.*.description': '问题描述',
  'answers.*.measures': '整改措施', 'answers.*.rectified': '整改完成', 'answers.*.rectified_on': '整改完成日期', 'answers.*.photos': '照片', 'answers.*.photos.*': '照片',
  state: '状态', overdue: '逾期', problems: '问题', task_id: '检查任务',
}

const keys = <T extends object>(record: T) => Object.keys(record) as (keyof T & string)[]
const id = () => idField({ query: true })
const day = () => vine.date({ formats: ['YYYY-MM-DD'] }).transform((value) => {
  const y = value.getFullYear(), m = String(value.getMonth() + 1).padStart(2, '0'), d = String(value.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
})

export const targetListValidator = labelled(vine.create({
  region_id: id().optional(),
  estate_id: id().optional(),
  task_id: id().optional(),
  state: vine.enum(keys(INSPECTION_TARGET_STATES)).optional(),
  overdue: vine.enum(['1'] as const).optional(),
  problems: vine.enum(['1', 'open'] as const).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
}), LABELS)

export const companyListValidator = labelled(vine.create({
  region_id: id().optional(),
  task_id: id().optional(),
  q: vine.string().trim().maxLength(50).optional(),
}), LABELS)

export const taskListValidator = labelled(vine.create({
  region_id: id().optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
}), LABELS)

export const mineValidator = labelled(vine.create({
  state: vine.enum(keys(INSPECTION_TARGET_STATES)).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
}), LABELS)

export const publishValidator = labelled(vine.create({
  title: vine.string().trim().minLength(2).maxLength(100),
  deadline: day(),
  items: vine.array(vine.object({
    content: vine.string().trim().minLength(2).maxLength(500),
    photo_required: vine.boolean({ strict: true }).optional(),
  })).minLength(1).maxLength(100),
  target_mode: vine.enum(keys(INSPECTION_TARGET_MODES)),
  region_id: idField().optional(),
  estate_types: vine.array(vine.string().trim().minLength(1).maxLength(50)).maxLength(20).distinct().optional(),
  estate_ids: vine.array(idField()).maxLength(20000).distinct().optional(),
}), LABELS)

export const submitValidator = labelled(vine.create({
  version: versionField(),
  answers: vine.array(vine.object({
    item_id: idField(),
    result: vine.enum(keys(INSPECTION_RESULTS)),
    description: vine.string().trim().maxLength(1000).optional(),
    measures: vine.string().trim().maxLength(1000).optional(),
    rectified: vine.boolean({ strict: true }).optional(),
    rectified_on: day().optional(),
    photos: vine.array(vine.string().trim().uuid()).maxLength(9).optional(),
  })).minLength(1).maxLength(100),
}), LABELS)

export const rectifyValidator = labelled(vine.create({
  version: versionField(),
  answers: vine.array(vine.object({
    item_id: idField(),
    measures: vine.string().trim().maxLength(1000).optional(),
    rectified_on: day(),
  })).minLength(1).maxLength(100),
}), LABELS)
