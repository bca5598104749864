import vine from '@vinejs/vine'
import { pageField, perPageField } from '#validators/numbers'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '#services/audit'

const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })

/** 审计日志 search: time range (days, inclusive), user keyword or id, action, outcome, free text. */
export const auditLogListValidator = vine.create({
  from: dateField().optional(),
  to: dateField().optional(),
  user: vine.string().trim().maxLength(50).optional(),
  action: vine.enum(AUDIT_ACTIONS).optional(),
  outcome: vine.enum(AUDIT_OUTCOMES).optional(),
  q: vine.string().trim().maxLength(100).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})
