import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { pageField, perPageField } from '#validators/numbers'

export const MESSAGE_KIND_VALUES = ['notice', 'urge', 'reminder', 'export'] as const

/** 我的消息 list filters (and its export) */
export const messageListValidator = vine.create({
  kind: vine.enum(MESSAGE_KIND_VALUES).optional(),
  /** 'true' = unread only */
  unread: vine.enum(['true', 'false']).optional(),
  page: pageField().optional(),
  per_page: perPageField().optional(),
})

/** 全部已读 (optionally of one kind: the tab shown) */
export const readAllValidator = vine.create({
  kind: vine.enum(MESSAGE_KIND_VALUES).optional(),
})

const LABELS = { kind: '消息类型', unread: '只看未读' }
labelled(messageListValidator, LABELS)
labelled(readAllValidator, LABELS)
