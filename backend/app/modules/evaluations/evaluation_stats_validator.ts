import vine from '@vinejs/vine'
import { idField, integer } from '#validators/numbers'
import { FIRST_YEAR } from '#modules/evaluations/evaluation_periods'

/**
 * 街道社区评价 statistics: the region (default: the user's own) and the half-year (default: the
 * latest that has started). Chinese messages and field names (区域 / 年度 / 半年度) come from
 * start/validator.ts.
 */
export const evaluationStatsValidator = vine.create({
  region_id: idField({ query: true }).optional(),
  year: integer({ min: FIRST_YEAR, max: 2100, query: true }).optional(),
  half: integer({ min: 1, max: 2, query: true }).optional(),
})
