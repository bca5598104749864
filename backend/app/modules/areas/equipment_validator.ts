import vine from '@vinejs/vine'
import { EQUIPMENT_CATEGORIES, EQUIPMENT_STATUSES, type EquipmentCategory, type EquipmentStatus } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, integer, pageField, perPageField, versionField } from '#validators/numbers'

const LABELS = {
  estate_id: '物业项目', category: '设备类别', status: '设备状态', q: '关键词', code: '设备编号', name: '设备名称',
  location: '位置', quantity: '数量', commissioned_on: '投入使用日期',
}
const CATEGORY = () => vine.enum(Object.keys(EQUIPMENT_CATEGORIES) as EquipmentCategory[])
const STATUS = () => vine.enum(Object.keys(EQUIPMENT_STATUSES) as EquipmentStatus[])
const CODE = () => vine.string().trim().minLength(1).maxLength(40)
const NAME = () => vine.string().trim().minLength(1).maxLength(100)
const LOCATION = () => vine.string().trim().maxLength(100)
const QUANTITY = () => integer({ min: 1, max: 100000 })
const DATE = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** the 设施设备 list's query string (and its export) */
export const equipmentListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    category: CATEGORY().optional(),
    status: STATUS().optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** a new piece of equipment */
export const createEquipmentValidator = labelled(
  vine.create({
    estate_id: idField(),
    code: CODE(),
    name: NAME(),
    category: CATEGORY(),
    location: LOCATION().optional(),
    quantity: QUANTITY().optional(),
    commissioned_on: DATE().nullable().optional(),
    status: STATUS().optional(),
  }),
  LABELS
)

/** a change, with the version it was read at (the estate of a piece of equipment does not change) */
export const updateEquipmentValidator = labelled(
  vine.create({
    code: CODE().optional(),
    name: NAME().optional(),
    category: CATEGORY().optional(),
    location: LOCATION().optional(),
    quantity: QUANTITY().optional(),
    commissioned_on: DATE().nullable().optional(),
    status: STATUS().optional(),
    version: versionField(),
  }),
  LABELS
)

/** deleting, with the version it was read at */
export const destroyEquipmentValidator = vine.create({ version: versionField() })
