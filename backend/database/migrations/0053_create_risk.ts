import { BaseSchema } from '@adonisjs/lucid/schema'
import { RISK_DEFAULT_SETTINGS, RISK_SIGNAL_KEYS } from '@szpm/core'

/**
 * 物业项目风险预警: the settings (one row per declared signal: weight, threshold, enabled; one row of
 * level thresholds), edited by the city administrator, and the daily scores the job computes (one row
 * per estate per day, the signals' values and points; the warehouse's `estate_risk_daily` is fed from
 * them). docs/risk.md.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('risk_signal_settings', (table) => {
      table.string('signal', 40).primary()
      table.decimal('weight', 6, 1).notNullable()
      table.decimal('threshold', 8, 1).notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`ALTER TABLE risk_signal_settings ADD CONSTRAINT risk_signal_settings_weight CHECK (weight >= 0 AND weight <= 100)`)
    this.schema.createTable('risk_level_settings', (table) => {
      table.integer('id').primary()
      table.decimal('red', 6, 1).notNullable()
      table.decimal('orange', 6, 1).notNullable()
      table.decimal('yellow', 6, 1).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`ALTER TABLE risk_level_settings ADD CONSTRAINT risk_level_settings_one CHECK (id = 1 AND red > orange AND orange > yellow AND yellow > 0)`)
    this.schema.createTable('estate_risk_scores', (table) => {
      // the fact source's cursor; a re-run of a day updates its rows in place (the id stays)
      table.increments('id')
      table.date('day').notNullable()
      table.integer('estate_id').notNullable().references('estates.id').onDelete('CASCADE')
      table.decimal('score', 6, 1).notNullable()
      table.string('level', 10).notNullable()
      // [{ key, present, enabled, points, description, input }]
      table.jsonb('signals').notNullable()
      table.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['day', 'estate_id'])
    })
    // one row per day the job ran (the job is idempotent per day: a day with a run is not run again)
    this.schema.createTable('risk_runs', (table) => {
      table.date('day').primary()
      table.jsonb('settings').notNullable()
      table.integer('estates').notNullable()
      table.integer('red').notNullable()
      table.integer('new_red').notNullable()
      table.timestamp('finished_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`CREATE INDEX estate_risk_scores_estate ON estate_risk_scores (estate_id, day DESC)`)
    this.defer(async (db) => {
      await db.table('risk_signal_settings').multiInsert(
        RISK_SIGNAL_KEYS.map((signal) => ({ signal, ...RISK_DEFAULT_SETTINGS.signals[signal] }))
      )
      await db.table('risk_level_settings').insert({ id: 1, ...RISK_DEFAULT_SETTINGS.levels })
      // 物业项目风险预警 joins the street handlers' defaults (roles.ts): accounts that exist already get it too
      await db.rawQuery(
        `INSERT INTO user_features (user_id, feature, granted_at)
         SELECT u.id, f.feature, now() FROM users u CROSS JOIN unnest(?::text[]) AS f(feature)
         WHERE u.role = 'street_handler' ON CONFLICT DO NOTHING`,
        [['risk.view', 'risk.export']]
      )
    })
  }

  async down() {
    this.schema.dropTableIfExists('risk_runs')
    this.schema.dropTableIfExists('estate_risk_scores')
    this.schema.dropTableIfExists('risk_level_settings')
    this.schema.dropTableIfExists('risk_signal_settings')
  }
}
