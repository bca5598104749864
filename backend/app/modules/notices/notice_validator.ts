import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField } from '#validators/numbers'

/** limits of a notice, written once (docs/notices.md) */
export const NOTICE_LIMITS = {
  titleMax: 100,
  bodyMax: 50_000,
  attachmentsMax: 5,
  /** chosen estates per notice (a street has a few hundred at most) */
  estatesMax: 2000,
} as const

const NOTICE_LABELS = {
  title: '标题',
  body: '通知内容',
  audience: '发送对象',
  estate_scope: '发送范围',
  estate_ids: '物业项目',
  'estate_ids.*': '物业项目',
  attachments: '附件',
  'attachments.*': '附件',
  from: '开始日期',
  to: '结束日期',
  show_urges: '显示催办',
}

/** 发布通知 */
export const publishNoticeValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(NOTICE_LIMITS.titleMax),
  /** rich text (HTML), sanitised by the service; at most 50,000 characters as sent */
  body: vine.string().maxLength(NOTICE_LIMITS.bodyMax),
  audience: vine.enum(['project_manager', 'committee_director', 'both'] as const),
  estate_scope: vine.enum(['all', 'chosen'] as const),
  estate_ids: vine
    .array(idField())
    .minLength(1)
    .maxLength(NOTICE_LIMITS.estatesMax)
    .distinct()
    .optional()
    .requiredWhen('estate_scope', '=', 'chosen'),
  /** tokens of files uploaded through `notice_attachments.upload` */
  attachments: vine.array(vine.string().uuid()).maxLength(NOTICE_LIMITS.attachmentsMax).distinct().optional(),
})
labelled(publishNoticeValidator, NOTICE_LABELS, { 'body.maxLength': '通知内容不能超过 {{ max }} 个字符（含格式）', 'attachments.array.maxLength': '每条通知最多 {{ max }} 个附件', 'uuid': '{{ field }}无效，请重新上传' })

const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** 部门已发消息: keyword, publish date range (Asia/Shanghai days, inclusive), 显示催办, paging */
export const noticeListValidator = vine.create({
  region_id: idField({ query: true }).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  from: dateField().optional(),
  to: dateField().afterOrSameAs('from').optional(),
  show_urges: vine.enum(['0', '1'] as const).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})
labelled(noticeListValidator, NOTICE_LABELS)

/** the estate picker of 发布通知 */
export const noticeEstatesValidator = vine.create({
  q: vine.string().trim().maxLength(50).optional(),
})
