import vine from '@vinejs/vine'

/** 待办 / 已办 list filters */
export const todoListValidator = vine.create({
  tab: vine.enum(['pending', 'done']).optional(),
  process: vine.enum(['evaluation']).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: vine.number().withoutDecimals().range([1, 100000]).optional(),
  per_page: vine.number().withoutDecimals().range([1, 200]).optional(),
})
