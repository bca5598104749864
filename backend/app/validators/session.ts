import vine from '@vinejs/vine'

export const loginValidator = vine.create({
  phone: vine.string().trim().regex(/^1\d{10}$/),
  password: vine.string().minLength(1).maxLength(128),
})
