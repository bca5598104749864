/*
| Password policy (module 2): at least 8 characters from at least 3 of the 4 classes
| (upper-case letters, lower-case letters, digits, symbols). Use `strongPassword()` in every
| validator that sets a password, and `assertPasswordPolicy` where a password is set outside a
| request (seeders, commands).
*/
import vine from '@vinejs/vine'

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128
export const PASSWORD_POLICY_MESSAGE = '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类'

/** how many of the four character classes the value uses */
export function passwordClasses(value: string) {
  return [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length
}

export function meetsPasswordPolicy(value: string) {
  return value.length >= PASSWORD_MIN_LENGTH && value.length <= PASSWORD_MAX_LENGTH && passwordClasses(value) >= 3
}

export function assertPasswordPolicy(value: string) {
  if (!meetsPasswordPolicy(value)) throw new Error(PASSWORD_POLICY_MESSAGE)
}

const passwordPolicyRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!meetsPasswordPolicy(value)) field.report(PASSWORD_POLICY_MESSAGE, 'passwordPolicy', field)
})

/** a VineJS schema for a new password */
export const strongPassword = () => vine.string().maxLength(PASSWORD_MAX_LENGTH).use(passwordPolicyRule())

export const passwordValidator = vine.create({ password: strongPassword() })
