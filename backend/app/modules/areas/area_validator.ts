import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField } from '#validators/numbers'

const LABELS = { estate_id: '物业项目', q: '项目名称', estate_type: '项目类型', has_committee: '业主委员会', bbox: '矩形范围', polygon: '多边形', point: '点选位置' }

/** the 物业区域 list's query string (and its export): the 项目管理 filters and one map query */
export const areaEstateListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    estate_type: vine.enum(['住宅', '商业', '办公', '混合']).optional(),
    has_committee: vine.boolean().optional(),
    bbox: vine.string().trim().maxLength(100).optional(),
    polygon: vine.string().trim().maxLength(8000).optional(),
    point: vine.string().trim().maxLength(60).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** the map layers' query string */
export const areaMapValidator = vine.create({ region_id: idField({ query: true }).optional() })
