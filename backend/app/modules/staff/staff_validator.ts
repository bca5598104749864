import vine from '@vinejs/vine'
import { RESIDENT_ID_NUMBER, STAFF_ESTATE_STATES, STAFF_POSTS } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, integer, pageField, perPageField, versionField } from '#validators/numbers'
import { mobilePhone } from '#modules/users/user_validator'

const POSTS = Object.keys(STAFF_POSTS) as (keyof typeof STAFF_POSTS)[]

const LABELS = {
  group: '人员类别',
  post: '岗位',
  certified: '持证情况',
  expired: '过期证书',
}

/** 从业人员名单's query string (the records behind a 从业人员信息 number, and its export) */
export const staffRecordListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    // 0 = the company practitioners (no estate): the estate-level row of a community's company staff
    estate_id: integer({ min: 0, query: true }).optional(),
    group: vine.enum(['estate', 'company'] as const).optional(),
    post: vine.enum(POSTS).optional(),
    certified: vine.enum(['0', '1'] as const).optional(),
    expired: vine.enum(['1'] as const).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** 从业人员信息填报情况's query string (the estates behind 物业项目数 / 未填报项目 / 信息过期项目, and its export) */
export const staffEstateListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    state: vine.enum(Object.keys(STAFF_ESTATE_STATES) as (keyof typeof STAFF_ESTATE_STATES)[]).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  { ...LABELS, state: '信息状态', q: '物业项目名称' }
)

/** 提醒更新: the region whose estates' project managers are reminded (absent = the user's own) */
export const staffRemindValidator = labelled(
  vine.create({
    region_id: idField().optional(),
  }),
  LABELS
)

const MAINTENANCE_LABELS = {
  ...LABELS,
  id_number: '身份证号',
  is_lead: '项目负责人',
  hired_on: '入职日期',
  certificates: '证书',
  'certificates.*': '证书',
  'certificates.*.name': '证书名称',
  'certificates.*.number': '证书编号',
  'certificates.*.issued_on': '发证日期',
  'certificates.*.valid_until': '有效期至',
}

const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** a practitioner of the estate as its project manager enters it (ID number and phone in full) */
const practitionerFields = {
  name: vine.string().trim().minLength(1).maxLength(50),
  id_number: vine.string().trim().toUpperCase().regex(RESIDENT_ID_NUMBER),
  phone: mobilePhone(),
  post: vine.enum(POSTS),
  is_lead: vine.boolean({ strict: true }).optional(),
  hired_on: dateField().optional().nullable(),
  certificates: vine
    .array(
      vine.object({
        name: vine.string().trim().minLength(1).maxLength(50),
        number: vine.string().trim().minLength(1).maxLength(50),
        issued_on: dateField(),
        valid_until: dateField().afterOrSameAs('issued_on').optional().nullable(),
      })
    )
    .maxLength(20)
    .optional(),
}

export const createPractitionerValidator = labelled(vine.create(practitionerFields), MAINTENANCE_LABELS)

/**
 * an edit replaces the practitioner's fields and certificates; `version` is the one it was read at (409
 * otherwise). ID number and phone may be left out (kept as they are): the project manager's list shows them
 * masked, so the edit form only sends them when retyped.
 */
export const updatePractitionerValidator = labelled(
  vine.create({ ...practitionerFields, id_number: practitionerFields.id_number.optional(), phone: practitionerFields.phone.optional(), version: versionField() }),
  MAINTENANCE_LABELS
)

export const deletePractitionerValidator = labelled(vine.create({ version: versionField() }), MAINTENANCE_LABELS)
