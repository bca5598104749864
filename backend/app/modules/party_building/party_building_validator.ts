import vine from '@vinejs/vine'
import { COMMITTEE_ROLES } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField } from '#validators/numbers'

const ROLES = Object.keys(COMMITTEE_ROLES) as (keyof typeof COMMITTEE_ROLES)[]

const LABELS = { role: '职务', party_member: '党员', q: '关键词' }

/** 业委会成员名单's query string (the records behind a 党建统计 number, and its export) */
export const committeeMemberListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    role: vine.enum(ROLES).optional(),
    party_member: vine.enum(['0', '1'] as const).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** 民意征集列表's query string: the collections of the region's streets */
export const opinionCollectionListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  { q: '标题关键词' }
)

/** 民意征集统计's query string: the region whose children are counted (default: the user's) */
export const opinionStatsValidator = vine.create({
  region_id: idField({ query: true }).optional(),
})
