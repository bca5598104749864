import vine from '@vinejs/vine'
import { pageField, perPageField } from '#validators/numbers'
import { processNames } from '#workflows/index'

/** 待办 / 已办 list filters */
export const todoListValidator = vine.create({
  tab: vine.enum(['pending', 'done']).optional(),
  /** a registered workflow process */
  process: vine.enum(() => processNames()).optional(),
  q: vine.string().trim().maxLength(50).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})
