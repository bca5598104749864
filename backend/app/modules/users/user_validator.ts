import vine from '@vinejs/vine'
import { idField, pageField, perPageField } from '#validators/numbers'
import { MOBILE_PHONE } from '@szpm/core'
import { ROLES } from '#services/roles'
import { strongPassword } from '#modules/users/password_validator'

/** an id in a query-string filter / in a JSON body */
const queryId = () => idField({ query: true })
const id = () => idField()
export { MOBILE_PHONE }
/** every validator that takes a mobile number uses this rule (users, account, session, identity) */
export const mobilePhone = () => vine.string().trim().regex(MOBILE_PHONE)
const phone = mobilePhone
const name = () => vine.string().trim().minLength(1).maxLength(30)
const roleCodes = Object.keys(ROLES) as (keyof typeof ROLES)[]
const features = () => vine.array(vine.string().trim().maxLength(64)).maxLength(200)

export const accountListValidator = vine.create({
  region_id: queryId().optional(),
  role: vine.enum(roleCodes).optional(),
  status: vine.enum(['active', 'disabled', 'deregistered']).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})

export const createAccountValidator = vine.create({
  name: name(),
  phone: phone(),
  role: vine.enum(roleCodes),
  region_id: id().optional(),
  features: features().optional(),
  password: strongPassword().optional(),
})

export const accountFeaturesValidator = vine.create({
  features: features(),
})

export const userStatsValidator = vine.create({
  region_id: queryId().optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})

export const updateMeValidator = vine.create({
  name: name().optional(),
  phone: phone().optional(),
  code: vine.string().trim().regex(/^\d{6}$/).optional(),
})

export const phoneCodeValidator = vine.create({
  phone: phone(),
})

export const deregisterValidator = vine.create({
  password: vine.string().minLength(1).maxLength(128),
})
