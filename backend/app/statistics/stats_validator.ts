import vine from '@vinejs/vine'
import { idField } from '#validators/numbers'

/** The region a statistics page is asked for (default: the user's own). */
export const regionStatsValidator = vine.create({
  region_id: idField({ query: true }).optional(),
})
