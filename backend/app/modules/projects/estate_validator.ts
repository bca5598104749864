import vine from '@vinejs/vine'

export const estateListValidator = vine.create({
  region_id: vine.number().withoutDecimals().positive().max(2147483647).optional(),
  estate_id: vine.number().withoutDecimals().positive().max(2147483647).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  estate_type: vine.enum(['住宅', '商业', '办公', '混合']).optional(),
  has_committee: vine.boolean().optional(),
  page: vine.number().withoutDecimals().range([1, 100000]).optional(),
  per_page: vine.number().withoutDecimals().range([1, 200]).optional(),
})
