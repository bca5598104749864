import vine from '@vinejs/vine'
import { CREDIT_CATEGORIES, CREDIT_POLARITIES, CREDIT_SEVERITIES, CREDIT_SUBJECT_KINDS, CREDIT_VALIDITY } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'

const LABELS = { subject_kind: '主体类型', polarity: '信息类型', category: '信用信息类别', validity: '有效状态', q: '关键词' }
const oneOf = <T extends Record<string, string>>(map: T) => vine.enum(Object.keys(map) as (keyof T & string)[])

/** the credit records list's query string (穿透 from 信用信息统计, and the estate tab) */
export const creditRecordListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    subject_kind: oneOf(CREDIT_SUBJECT_KINDS).optional(),
    polarity: oneOf(CREDIT_POLARITIES).optional(),
    category: oneOf(CREDIT_CATEGORIES).optional(),
    validity: oneOf(CREDIT_VALIDITY).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })
const monthField = () => vine.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

/** 按月趋势's query string: the region and the months (YYYY-MM; default the twelve up to this month) */
export const creditTrendValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    from: monthField().optional(),
    to: monthField().optional(),
  }),
  { from: '开始月份', to: '结束月份' }
)

/** 信用主体查询's query string: kind, records of a kind and period, keyword (name, credit code, ID number whole or masked), order */
export const creditSubjectListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    subject_kind: oneOf(CREDIT_SUBJECT_KINDS).optional(),
    polarity: oneOf(CREDIT_POLARITIES).optional(),
    from: dateField().optional(),
    to: dateField().afterOrSameAs('from').optional(),
    q: vine.string().trim().maxLength(50).optional(),
    sort: vine.enum(['records', 'area'] as const).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  { ...LABELS, from: '开始日期', to: '结束日期', sort: '排序方式' }
)

/** documents per request, and on one record */
export const CREDIT_ATTACHMENT_LIMITS = { perRequest: 5, perRecord: 10 } as const

/** the fields a record is entered and changed with (its validity period is computed, not entered) */
const recordFields = () => ({
  polarity: oneOf(CREDIT_POLARITIES),
  category: oneOf(CREDIT_CATEGORIES),
  severity: oneOf(CREDIT_SEVERITIES).optional(),
  decided_on: dateField(),
  source: vine.string().trim().minLength(1).maxLength(100),
  document_no: vine.string().trim().minLength(1).maxLength(64),
  /** tokens of files uploaded through `credit_attachments.upload` */
  attachments: vine.array(vine.string().uuid()).maxLength(CREDIT_ATTACHMENT_LIMITS.perRequest).distinct().optional(),
})
const RECORD_LABELS = {
  polarity: '信息类型', category: '信用信息类别', severity: '严重程度', decided_on: '认定日期', source: '认定部门', document_no: '文书编号', estate_id: '物业项目',
  attachments: '附件', 'attachments.*': '附件', version: '版本', remove_attachments: '删除的附件', 'remove_attachments.*': '删除的附件',
}
const RECORD_MESSAGES = { 'attachments.array.maxLength': `每次最多上传 ${CREDIT_ATTACHMENT_LIMITS.perRequest} 个附件`, uuid: '{{ field }}无效，请重新上传' }

/** 录入信用记录 (credit.manage): one 良好 / 不良 record of a subject, with its documents */
export const createCreditRecordValidator = labelled(
  vine.create({
    /** the estate the record concerns: a company's (one it manages); a person's record is on their own estate */
    estate_id: idField().optional(),
    ...recordFields(),
  }),
  RECORD_LABELS,
  RECORD_MESSAGES
)

/** 修改信用记录 (credit.manage): the same fields but the estate, the version read, documents added and dropped */
export const updateCreditRecordValidator = labelled(
  vine.create({
    ...recordFields(),
    remove_attachments: vine.array(idField()).maxLength(CREDIT_ATTACHMENT_LIMITS.perRecord).distinct().optional(),
    version: versionField(),
  }),
  RECORD_LABELS,
  RECORD_MESSAGES
)

/** 删除信用记录 (credit.manage): the version read */
export const deleteCreditRecordValidator = labelled(vine.create({ version: versionField() }), { version: '版本' })
