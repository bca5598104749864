import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 物业区域管理 (module 20, app/modules/areas, docs/areas.md): 设施设备.
 *
 * - `equipment`: one row per facility or piece of equipment of an estate: its number (unique within
 *   the estate), name, category, location, quantity, the date it went into use, its state, and
 *   `version` for concurrent edits (a stale version is a 409).
 * - `equipment_imports`: one Excel import (a BullMQ job): who uploaded which file, its state and
 *   progress, the rows read / written / refused, and the stored error report when a row was refused
 *   (then nothing was written).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('equipment', (table) => {
      table.bigIncrements('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.string('code', 40).notNullable()
      table.string('name', 100).notNullable()
      table.string('category', 16).notNullable()
      table.string('location', 100).notNullable().defaultTo('')
      table.integer('quantity').notNullable().defaultTo(1)
      table.date('commissioned_on').nullable()
      table.string('status', 16).notNullable().defaultTo('normal')
      table.integer('version').notNullable().defaultTo(1)
      table.integer('import_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['estate_id', 'code'])
    })
    this.schema.raw(`ALTER TABLE equipment ADD CONSTRAINT equipment_category_check CHECK (category IN ('elevator', 'fire', 'water', 'power', 'security', 'gas', 'other'))`)
    this.schema.raw(`ALTER TABLE equipment ADD CONSTRAINT equipment_status_check CHECK (status IN ('normal', 'repairing', 'disabled'))`)
    this.schema.raw(`ALTER TABLE equipment ADD CONSTRAINT equipment_quantity_check CHECK (quantity >= 1)`)

    this.schema.createTable('equipment_imports', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().references('users.id')
      table.string('file_name', 200).notNullable()
      table.text('file_key').notNullable()
      table.string('status', 16).notNullable().defaultTo('queued')
      table.integer('progress').notNullable().defaultTo(0)
      table.integer('row_count').notNullable().defaultTo(0)
      table.integer('error_row_count').notNullable().defaultTo(0)
      table.integer('imported_count').notNullable().defaultTo(0)
      table.text('report_key').nullable()
      table.text('message').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.index(['user_id'])
    })
    this.schema.raw(`ALTER TABLE equipment_imports ADD CONSTRAINT equipment_imports_status_check CHECK (status IN ('queued', 'validating', 'importing', 'succeeded', 'rejected', 'failed'))`)
    this.schema.raw(`ALTER TABLE equipment ADD CONSTRAINT equipment_import_fk FOREIGN KEY (import_id) REFERENCES equipment_imports (id) ON DELETE SET NULL`)
  }

  async down() {
    this.schema.dropTable('equipment')
    this.schema.dropTable('equipment_imports')
  }
}
