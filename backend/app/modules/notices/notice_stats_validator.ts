import vine from '@vinejs/vine'
import { idField } from '#validators/numbers'

/** 查看全部统计 of a notice: the region to drill into (default: the notice's street) */
export const noticeStatsValidator = vine.create({
  region_id: idField({ query: true }).optional(),
})

/** the recipients of a notice at one estate (the last drill-down step) */
export const noticeStatsRecipientsValidator = vine.create({
  estate_id: idField({ query: true }),
})
