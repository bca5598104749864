import vine from '@vinejs/vine'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'

/** an id in a query-string filter / in a JSON body */
const queryId = () => idField({ query: true })
const id = () => idField()
const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })

export const estateFilingListValidator = vine.create({
  region_id: queryId().optional(),
  estate_id: queryId().optional(),
  contract_status: vine.enum(['filed', 'expired', 'not_filed']).optional(),
  assembly_status: vine.enum(['filed', 'expired', 'not_filed']).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
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
  version: versionField(),
  remark: vine.string().trim().maxLength(500).optional().nullable(),
  expires_on: dateField().optional().nullable(),
})

export const withdrawFilingValidator = vine.create({
  version: versionField(),
  remark: vine.string().trim().minLength(1).maxLength(500),
})
