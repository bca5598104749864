import vine from '@vinejs/vine'

const id = () => vine.number().withoutDecimals().positive().max(2147483647)
const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })

export const estateFilingListValidator = vine.create({
  region_id: id().optional(),
  estate_id: id().optional(),
  contract_status: vine.enum(['filed', 'expired', 'not_filed']).optional(),
  assembly_status: vine.enum(['filed', 'expired', 'not_filed']).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: vine.number().withoutDecimals().range([1, 100000]).optional(),
  per_page: vine.number().withoutDecimals().range([1, 200]).optional(),
})

export const createFilingValidator = vine.create({
  estate_id: id(),
  kind: vine.enum(['contract', 'assembly']),
  document_no: vine.string().trim().minLength(1).maxLength(64),
  filed_on: dateField(),
  expires_on: dateField().afterField('filed_on').optional().nullable(),
})

export const updateFilingValidator = vine.create({
  status: vine.enum(['filed', 'expired']),
  version: vine.number().withoutDecimals().positive(),
  remark: vine.string().trim().maxLength(500).optional().nullable(),
  expires_on: dateField().optional().nullable(),
})

export const withdrawFilingValidator = vine.create({
  version: vine.number().withoutDecimals().positive(),
  remark: vine.string().trim().minLength(1).maxLength(500),
})
