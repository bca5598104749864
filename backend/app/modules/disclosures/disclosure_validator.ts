import vine from '@vinejs/vine'
import { DISCLOSURE_FIELD_TYPES, DISCLOSURE_SOURCES, DISCLOSURE_STATES, type DisclosureFieldType, type DisclosureSource, type DisclosureState } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, integer, pageField, perPageField, versionField } from '#validators/numbers'
import { FIELD_LIMITS } from '#modules/disclosures/disclosure_fields'

const LABELS = {
  region_id: '区域', estate_id: '物业项目', template_id: '模板', template: '模板', state: '状态', source: '来源', q: '关键字', from: '开始日期', to: '结束日期',
  title: '标题', fields: '填写内容', publish: '是否发布', version: '版本', reason: '作废原因',
  code: '模板编码', name: '模板名称', active: '是否启用',
  'fields.*': '模板字段', 'fields.*.key': '字段编码', 'fields.*.label': '字段名称', 'fields.*.type': '字段类型', 'fields.*.required': '是否必填', 'fields.*.maxLength': '最大长度',
}
/** text PostgreSQL can store: no NUL character */
const NO_NUL = /^[^\u0000]*$/

export const disclosureListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    template_id: idField({ query: true }).optional(),
    template: vine.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/).optional(),
    state: vine.enum(Object.keys(DISCLOSURE_STATES) as DisclosureState[]).optional(),
    source: vine.enum(Object.keys(DISCLOSURE_SOURCES) as DisclosureSource[]).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
    to: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrSameAs('from').optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

export const boardValidator = labelled(vine.create({ page: pageField().optional(), per_page: perPageField().optional() }), LABELS)

export const estatesValidator = labelled(vine.create({ q: vine.string().trim().maxLength(50).optional() }), LABELS)

/** 保存草稿 / 发布 / 预览: the template's own fields are checked by the service (disclosure_fields.ts) */
const disclosureFields = {
  template_id: idField(),
  estate_id: idField(),
  title: vine.string().trim().minLength(2).maxLength(FIELD_LIMITS.titleMax).regex(NO_NUL),
  fields: vine.record(vine.any()).optional(),
  publish: vine.boolean({ strict: true }).optional(),
}
export const disclosureValidator = labelled(vine.create(disclosureFields), LABELS)
export const disclosureUpdateValidator = labelled(vine.create({ ...disclosureFields, version: versionField() }), LABELS)
export const disclosureVersionValidator = labelled(vine.create({ version: versionField() }), LABELS)
export const disclosureVoidValidator = labelled(
  vine.create({ version: versionField(), reason: vine.string().trim().minLength(2).maxLength(200).regex(NO_NUL) }),
  LABELS
)

const templateFields = {
  code: vine.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: vine.string().trim().minLength(2).maxLength(50).regex(NO_NUL),
  active: vine.boolean({ strict: true }),
  fields: vine
    .array(
      vine.object({
        key: vine.string().trim().regex(/^[a-z][a-z0-9_]{0,29}$/),
        label: vine.string().trim().minLength(1).maxLength(30).regex(NO_NUL),
        type: vine.enum(Object.keys(DISCLOSURE_FIELD_TYPES) as DisclosureFieldType[]),
        required: vine.boolean({ strict: true }),
        maxLength: integer({ min: 1, max: FIELD_LIMITS.richtextMax }).optional(),
      })
    )
    .minLength(1)
    .maxLength(FIELD_LIMITS.fieldsMax),
}
export const templateValidator = labelled(vine.create(templateFields), LABELS, { 'regex': '{{ field }}只能使用小写字母、数字和下划线，且以字母开头' })
export const templateUpdateValidator = labelled(vine.create({ ...templateFields, version: versionField() }), LABELS, { 'regex': '{{ field }}只能使用小写字母、数字和下划线，且以字母开头' })
