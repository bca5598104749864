import vine from '@vinejs/vine'
import { idField, pageField, perPageField } from '#validators/numbers'

export const estateListValidator = vine.create({
  region_id: idField({ query: true }).optional(),
  estate_id: idField({ query: true }).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  estate_type: vine.enum(['住宅', '商业', '办公', '混合']).optional(),
  has_committee: vine.boolean().optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})
