import db from '@adonisjs/lucid/services/db'
import { seedCalendar, chineseDaysCalendar } from '#database/calendar_seed'
import { invalidateCalendar } from '#services/working_days'

/**
 * Puts 节假日日历 back to its migration seed: every year chinese-days covers (2020 on) as shipped and
 * published, no other year. (resetWorld leaves the calendar alone: it has no FK to users.)
 */
export async function resetCalendar() {
  const { years } = chineseDaysCalendar()
  await db.transaction(async (trx) => {
    await trx.rawQuery(`DELETE FROM calendar_years WHERE NOT (year = ANY(?::smallint[]))`, [years])
    await seedCalendar(trx)
  })
  invalidateCalendar()
}
