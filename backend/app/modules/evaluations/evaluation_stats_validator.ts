import vine from '@vinejs/vine'
import { FIRST_YEAR } from '#modules/evaluations/evaluation_periods'

/**
 * 街道社区评价 statistics: the region (default: the user's own) and the half-year (default: the
 * latest that has started). Chinese messages and field names (区域 / 年度 / 半年度) come from
 * start/validator.ts.
 */
export const evaluationStatsValidator = vine.create({
  region_id: vine.number().withoutDecimals().positive().max(2147483647).optional(),
  year: vine.number().withoutDecimals().range([FIRST_YEAR, 2100]).optional(),
  half: vine.number().in([1, 2]).optional(),
})
