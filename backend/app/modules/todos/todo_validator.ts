import vine from '@vinejs/vine'
import { processNames } from '#workflows/index'

/** 待办 / 已办 list filters */
export const todoListValidator = vine.create({
  tab: vine.enum(['pending', 'done']).optional(),
  /** a registered workflow process */
  process: vine.enum(() => processNames()).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: vine.number().withoutDecimals().range([1, 100000]).optional(),
  per_page: vine.number().withoutDecimals().range([1, 200]).optional(),
})
