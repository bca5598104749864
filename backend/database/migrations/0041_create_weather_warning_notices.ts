import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 小区气象公告栏 (module 14, app/modules/weather, docs/weather.md): the red and orange warning signals
 * a street's users were notified of. One row per street and signal (QWeather's warning id), written
 * in the notice's transaction: the UNIQUE (street_id, warning_id) makes the polling job send each
 * signal once, however often it runs or whether two workers run it at the same time.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('weather_warning_notices', (table) => {
      table.bigIncrements('id')
      table.integer('street_id').notNullable().references('regions.id')
      /** QWeather's warning id */
      table.text('warning_id').notNullable()
      /** QWeather type code and name (1001 台风 …) */
      table.text('warning_type').notNullable()
      table.text('type_name').notNullable()
      table.text('color').notNullable()
      table.text('title').notNullable()
      table.timestamp('starts_at', { useTz: true }).nullable()
      table.timestamp('ends_at', { useTz: true }).nullable()
      table.integer('recipient_count').notNullable().defaultTo(0)
      table.timestamp('notified_at', { useTz: true }).notNullable()
      table.unique(['street_id', 'warning_id'])
      table.index(['street_id', 'notified_at'])
    })
    this.schema.raw(`ALTER TABLE weather_warning_notices ADD CONSTRAINT weather_warning_notices_color_check CHECK (color IN ('orange', 'red'))`)
  }

  async down() {
    this.schema.dropTable('weather_warning_notices')
  }
}
