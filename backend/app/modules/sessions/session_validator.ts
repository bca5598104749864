import vine from '@vinejs/vine'
import { mobilePhone as phone } from '#modules/users/user_validator'

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
export const identityCodeValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(50),
  phone: phone(),
})

export const identityBindValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(50),
  phone: phone(),
  code: code(),
})

export const authorizeValidator = vine.create({
  redirect: vine.string().maxLength(500).optional(),
})
