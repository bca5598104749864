import { BaseSchema } from '@adonisjs/lucid/schema'

const TYPES = ['property_fee', 'service_quality', 'common_fund', 'committee', 'handover', 'renovation', 'neighbour',
  'parking_occupation', 'parking_fee', 'parking_ownership', 'parking_lease_sale', 'parking_charging']

/**
 * 车位信息's 住宅小区车位纠纷类型 counts the real disputes of 纠纷化解台账 (the `parking_*` types, docs/disputes.md):
 * - the dispute types gain `parking_other` (其他车位纠纷), parking's 其他, so every parking type has its ledger type;
 * - the placeholder `parking_disputes` (migration 0021: generated rows, no API ever wrote one) is read by nothing
 *   any more and is dropped (its warehouse facts go with warehouse migration 0027). `down` restores the empty
 *   table and the old types (refused while a `parking_other` dispute exists).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE disputes DROP CONSTRAINT disputes_type_check')
    this.schema.raw(`ALTER TABLE disputes ADD CONSTRAINT disputes_type_check CHECK (dispute_type IN (${[...TYPES, 'parking_other', 'other'].map((type) => `'${type}'`).join(', ')}))`)
    this.schema.dropTableIfExists('parking_disputes')
  }

  async down() {
    this.schema.raw('ALTER TABLE disputes DROP CONSTRAINT disputes_type_check')
    this.schema.raw(`ALTER TABLE disputes ADD CONSTRAINT disputes_type_check CHECK (dispute_type IN (${[...TYPES, 'other'].map((type) => `'${type}'`).join(', ')}))`)
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
}
