import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 纠纷化解台账 (module 22, app/modules/disputes, docs/disputes.md).
 *
 * - `disputes`: one per dispute entered by a city or district bureau (`bureau_region_id`: the region of
 *   the account that entered it), about one estate; `street_id` is the estate's street, which handles it
 *   after 转办. `state` / `version` are moved only by the workflow engine (process `dispute`); the
 *   history (who, when, what, attachments) is `workflow_events`.
 * - `dispute_attachments`: files of the dispute, each with the step (`action`) it was added by
 *   (录入 / 处理 / 申请办结), in the storage disk under `storage_key`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('disputes', (table) => {
      table.increments('id')
      table.text('dispute_type').notNullable()
      table.integer('estate_id').notNullable().references('estates.id')
      table.integer('street_id').notNullable().references('regions.id')
      table.integer('bureau_region_id').notNullable().references('regions.id')
      table.text('title').notNullable()
      table.text('parties').notNullable()
      table.text('summary').notNullable()
      table.date('reported_on').notNullable()
      table.text('state').notNullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('transferred_at', { useTz: true }).nullable()
      table.integer('handle_count').notNullable().defaultTo(0)
      table.timestamp('last_handled_at', { useTz: true }).nullable()
      table.text('close_result').nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.integer('created_by').nullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
    })
    this.schema.raw(`ALTER TABLE disputes ADD CONSTRAINT disputes_state_check CHECK (state IN ('registered', 'transferred', 'handling', 'closing', 'closed'))`)
    this.schema.raw(`ALTER TABLE disputes ADD CONSTRAINT disputes_type_check CHECK (dispute_type IN ('property_fee', 'service_quality', 'common_fund', 'committee', 'handover', 'renovation', 'neighbour',
      'parking_occupation', 'parking_fee', 'parking_ownership', 'parking_lease_sale', 'parking_charging', 'other'))`)
    // the ledgers: a street's (or district's) open / closed disputes, newest first
    this.schema.raw(`CREATE INDEX disputes_street_state_index ON disputes (street_id, state, reported_on DESC, id DESC)`)
    this.schema.raw(`CREATE INDEX disputes_reported_index ON disputes (reported_on DESC, id DESC)`)

    this.schema.createTable('dispute_attachments', (table) => {
      table.increments('id')
      table.integer('dispute_id').notNullable().references('disputes.id').onDelete('CASCADE')
      table.text('action').notNullable()
      table.text('file_name').notNullable()
      table.text('content_type').notNullable()
      table.bigInteger('size_bytes').notNullable()
      table.text('storage_key').notNullable().unique()
      table.integer('uploaded_by').nullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['dispute_id'])
    })

    // 纠纷化解台账 joins the street handlers' defaults (roles.ts): accounts that exist already get it too
    this.defer(async (db) => {
      await db.rawQuery(
        `INSERT INTO user_features (user_id, feature, granted_at)
         SELECT u.id, f.feature, now() FROM users u CROSS JOIN unnest(?::text[]) AS f(feature)
         WHERE u.role = 'street_handler' ON CONFLICT DO NOTHING`,
        [['disputes.view', 'disputes.handle', 'disputes.export']]
      )
    })
  }

  async down() {
    this.schema.dropTable('dispute_attachments')
    this.schema.dropTable('disputes')
  }
}
