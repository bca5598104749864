import vine from '@vinejs/vine'

/** The region a statistics page is asked for (default: the user's own). */
export const regionStatsValidator = vine.create({
  region_id: vine.number().withoutDecimals().positive().max(2147483647).optional(),
})
