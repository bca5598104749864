import vine from '@vinejs/vine'
import { mobilePhone as phone } from '#modules/users/user_validator'
import { IDENTITY_TYPES, type IdentityType } from '@szpm/core'

const code = () => vine.string().trim().regex(/^\d{6}$/)

/** the CAPTCHA a login step carries once the login guard asks for one (modules/sessions/login_guard.ts) */
const captchaFields = () => ({
  captcha_id: vine.string().trim().maxLength(64).optional(),
  captcha: vine.string().trim().maxLength(16).optional(),
})

/** step 1 of the PC login: the password, then an SMS code is sent */
export const loginCodeValidator = vine.create({
  phone: phone(),
  password: vine.string().minLength(1).maxLength(128),
  ...captchaFields(),
})

/** step 2 of the PC login: password and SMS code together */
export const loginValidator = vine.create({
  phone: phone(),
  password: vine.string().minLength(1).maxLength(128),
  code: code(),
  ...captchaFields(),
})

/** H5 identity binding: a preset account's name and phone (and the code in step 2) */
// identity_type: the identity chosen on the H5 page (IDENTITY_TYPES); absent = government staff
export const identityCodeValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(50),
  phone: phone(),
  identity_type: vine.enum(Object.keys(IDENTITY_TYPES) as IdentityType[]).optional(),
})

export const identityBindValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(50),
  phone: phone(),
  code: code(),
  identity_type: vine.enum(Object.keys(IDENTITY_TYPES) as IdentityType[]).optional(),
})

export const authorizeValidator = vine.create({
  redirect: vine.string().maxLength(500).optional(),
})
