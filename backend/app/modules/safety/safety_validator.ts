import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { decimalField, idField, integer, pageField, perPageField, versionField } from '#validators/numbers'
import { SAFETY_STATUSES } from '@szpm/core'

/** the first year 平安建设 has assessments; years are the Shanghai calendar year */
export const SAFETY_FIRST_YEAR = 2020

/** the Chinese labels of 平安建设's fields */
const LABELS = {
  year: '考核年度',
  status: '考核状态',
  score: '得分',
  remark: '备注',
  title: '考核内容',
  description: '考核说明',
  max_score: '分值',
  sort_order: '序号',
}

const STATUS_CODES = Object.keys(SAFETY_STATUSES) as (keyof typeof SAFETY_STATUSES)[]
const yearField = () => integer({ min: SAFETY_FIRST_YEAR, max: 2100, query: true })

/** 平安建设 statistics: the region (default: the user's own) and the year (default: this year) */
export const safetyStatsValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    year: yearField().optional(),
  }),
  LABELS
)

/** 社区考核内容's query string (the list and its export) */
export const safetyAssessmentListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    year: yearField().optional(),
    status: vine.enum(STATUS_CODES).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** 考核办理: the new status, score (≤ the item's 分值, checked by the service) and remark, with `version` */
export const safetyAssessmentUpdateValidator = labelled(
  vine.create({
    status: vine.enum(STATUS_CODES),
    score: decimalField().min(0).max(100).decimal([0, 1]).nullable().optional(),
    remark: vine.string().trim().maxLength(500).optional(),
    version: versionField(),
  }),
  LABELS,
  { 'score.decimal': '得分最多保留一位小数' }
)

/** 考核内容列表's query string */
export const safetyItemListValidator = labelled(vine.create({ year: yearField().optional() }), LABELS)

/** a new assessment item of a year */
export const safetyItemStoreValidator = labelled(
  vine.create({
    year: integer({ min: SAFETY_FIRST_YEAR, max: 2100 }),
    title: vine.string().trim().minLength(1).maxLength(100),
    description: vine.string().trim().maxLength(1000).optional(),
    max_score: integer({ min: 1, max: 100 }),
    sort_order: integer({ min: 0, max: 999 }).optional(),
  }),
  LABELS
)

/** an edit of an assessment item (its year stays) */
export const safetyItemUpdateValidator = labelled(
  vine.create({
    title: vine.string().trim().minLength(1).maxLength(100),
    description: vine.string().trim().maxLength(1000).optional(),
    max_score: integer({ min: 1, max: 100 }),
    sort_order: integer({ min: 0, max: 999 }).optional(),
  }),
  LABELS
)
