import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 车位信息 (module 10, app/modules/parking, docs/parking.md).
 *
 * - `parking_spaces`: one row per parking space of an estate (≈ 2M at city scale): kind (产权 / 人防 /
 *   租赁 / 临停 / 充电 / 其他), its number (unique within the estate), location, status, and `version` for
 *   concurrent edits (the filings rule: a stale version is a 409).
 * - `estate_parking_profiles`: when the estate's project manager first filled its parking information
 *   in (one row per estate that did; an estate without a row "never filled it in", domain-rules §7 —
 *   提醒更新 reminds its project managers).
 * - `parking_disputes`: 住宅小区车位纠纷 of an estate (type, date, status). Module 22 纠纷化解台账 is not built;
 *   these are the parking module's own records.
 *
 * The warehouse mirrors all three at record grain through the outbox (etl/src/sources/parking.ts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('parking_spaces', (table) => {
      table.bigIncrements('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.string('kind', 16).notNullable()
      table.string('code', 40).notNullable()
      table.string('location', 100).notNullable().defaultTo('')
      table.string('status', 16).notNullable().defaultTo('in_use')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['estate_id', 'code'])
    })
    this.schema.raw(`ALTER TABLE parking_spaces ADD CONSTRAINT parking_spaces_kind_check CHECK (kind IN ('owned', 'civil_defense', 'rented', 'temporary', 'charging', 'other'))`)
    this.schema.raw(`ALTER TABLE parking_spaces ADD CONSTRAINT parking_spaces_status_check CHECK (status IN ('in_use', 'idle', 'disabled'))`)
    // the PostgreSQL baseline's per-estate counts by kind read only this index
    this.schema.raw(`CREATE INDEX parking_spaces_estate_kind_index ON parking_spaces (estate_id, kind)`)

    this.schema.createTable('estate_parking_profiles', (table) => {
      table.integer('estate_id').primary().references('estates.id')
      table.timestamp('filled_at', { useTz: true }).notNullable()
      table.integer('filled_by').nullable().references('users.id').onDelete('SET NULL')
    })

    this.schema.createTable('parking_disputes', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.string('dispute_type', 16).notNullable()
      table.date('occurred_on').notNullable()
      table.string('status', 16).notNullable().defaultTo('open')
      table.string('summary', 500).notNullable().defaultTo('')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
    })
    this.schema.raw(`ALTER TABLE parking_disputes ADD CONSTRAINT parking_disputes_type_check CHECK (dispute_type IN ('occupation', 'fee', 'ownership', 'lease_sale', 'charging', 'other'))`)
    this.schema.raw(`ALTER TABLE parking_disputes ADD CONSTRAINT parking_disputes_status_check CHECK (status IN ('open', 'resolved'))`)
  }

  async down() {
    this.schema.dropTable('parking_disputes')
    this.schema.dropTable('estate_parking_profiles')
    this.schema.dropTable('parking_spaces')
  }
}
