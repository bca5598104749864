import vine from '@vinejs/vine'
import { PARKING_ESTATE_STATES, PARKING_SPACE_KINDS, PARKING_SPACE_STATUSES } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'

const LABELS = { kind: '车位类型', status: '车位状态', q: '关键词' }

/** the parking records list's query string (穿透 from 车位信息统计情况, and the estate tab) */
export const parkingSpaceListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    kind: vine.enum(Object.keys(PARKING_SPACE_KINDS) as (keyof typeof PARKING_SPACE_KINDS)[]).optional(),
    status: vine.enum(Object.keys(PARKING_SPACE_STATUSES) as (keyof typeof PARKING_SPACE_STATUSES)[]).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** 车位信息填报情况's query string (the estates behind 物业项目数 / 未填报车位信息, and its export) */
export const parkingEstateListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    state: vine.enum(Object.keys(PARKING_ESTATE_STATES) as (keyof typeof PARKING_ESTATE_STATES)[]).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  { ...LABELS, state: '填报情况', q: '物业项目名称' }
)

/** 提醒更新: the region whose estates without parking information are reminded (default: the user's) */
export const parkingRemindValidator = vine.create({
  region_id: idField().optional(),
})

const SPACE_LABELS = { ...LABELS, code: '车位编号', location: '位置' }
const KIND = () => vine.enum(Object.keys(PARKING_SPACE_KINDS) as (keyof typeof PARKING_SPACE_KINDS)[])
const STATUS = () => vine.enum(Object.keys(PARKING_SPACE_STATUSES) as (keyof typeof PARKING_SPACE_STATUSES)[])
const CODE = () => vine.string().trim().minLength(1).maxLength(40)
const LOCATION = () => vine.string().trim().maxLength(100)

/** the estate's own spaces (its project manager's list) */
export const estateParkingListValidator = labelled(
  vine.create({
    kind: KIND().optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** a new space of the estate */
export const createParkingSpaceValidator = labelled(
  vine.create({ kind: KIND(), code: CODE(), location: LOCATION().optional(), status: STATUS().optional() }),
  SPACE_LABELS
)

/** a change of a space, with the version it was read at */
export const updateParkingSpaceValidator = labelled(
  vine.create({ kind: KIND().optional(), code: CODE().optional(), location: LOCATION().optional(), status: STATUS().optional(), version: versionField() }),
  SPACE_LABELS
)

/** deleting a space, with the version it was read at */
export const destroyParkingSpaceValidator = vine.create({ version: versionField() })
