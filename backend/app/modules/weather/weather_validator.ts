import vine from '@vinejs/vine'

/** 选择小区: the keyword (name or address) */
export const weatherEstatesValidator = vine.create({
  q: vine.string().trim().maxLength(50).optional(),
})
