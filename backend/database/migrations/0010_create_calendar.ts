import { BaseSchema } from '@adonisjs/lucid/schema'
import { seedCalendar } from '#database/calendar_seed'

/**
 * 节假日日历: the working-day calendar behind every due date counted in working days.
 *
 * - `calendar_years`: one row per year whose arrangement has been (or is being) entered. Working-day
 *   arithmetic is allowed only for `published` years; any other year is refused, never guessed.
 * - `calendar_days`: the exceptions to Mon–Fri. `holiday` = every date of an official holiday period
 *   (weekend days inside it included); `workday` = a make-up working day (调休上班) on a weekend.
 *   A weekday is a working day unless it is a holiday; a weekend day is a day off unless it is a workday.
 *
 * `updated_by` is a plain user id, deliberately without a foreign key to `users`: the tests' world
 * reset truncates `users … CASCADE`, which would otherwise wipe the seeded calendar.
 *
 * Seeded with every year the `chinese-days` package covers from 2020 on (published).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('calendar_years', (table) => {
      table.smallint('year').primary()
      table.boolean('published').notNullable().defaultTo(false)
      /** chinese-days / 手工录入 */
      table.text('source').notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.integer('updated_by').nullable()
    })
    this.schema.raw(`ALTER TABLE calendar_years ADD CONSTRAINT calendar_years_range_check CHECK (year BETWEEN 2000 AND 2100)`)

    this.schema.createTable('calendar_days', (table) => {
      table.date('date').primary()
      table.text('kind').notNullable()
      table.text('name').notNullable()
      table.smallint('year').notNullable().references('calendar_years.year').onDelete('CASCADE')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.integer('updated_by').nullable()
      table.index(['year'])
    })
    this.schema.raw(`ALTER TABLE calendar_days ADD CONSTRAINT calendar_days_kind_check CHECK (kind IN ('holiday', 'workday'))`)
    this.schema.raw(`ALTER TABLE calendar_days ADD CONSTRAINT calendar_days_year_check CHECK (year = extract(year FROM date))`)
    // a make-up working day is always a Saturday or Sunday
    this.schema.raw(
      `ALTER TABLE calendar_days ADD CONSTRAINT calendar_days_workday_weekend_check CHECK (kind <> 'workday' OR extract(isodow FROM date) IN (6, 7))`
    )

    this.defer(async (db) => {
      await seedCalendar(db)
    })
  }

  async down() {
    this.schema.dropTable('calendar_days')
    this.schema.dropTable('calendar_years')
  }
}
