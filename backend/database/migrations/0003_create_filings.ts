import { BaseSchema } from '@adonisjs/lucid/schema'

/** 物业服务合同备案 / 业主大会备案 records, their append-only history, and the outbox for the ETL. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('filings', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.text('kind').notNullable()
      table.text('status').notNullable()
      table.text('document_no').notNullable()
      table.date('filed_on').notNullable()
      table.date('expires_on').nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.integer('created_by').nullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['estate_id', 'kind'])
    })
    this.schema.raw(`ALTER TABLE filings ADD CONSTRAINT filings_kind_check CHECK (kind IN ('contract','assembly'))`)
    this.schema.raw(`ALTER TABLE filings ADD CONSTRAINT filings_status_check CHECK (status IN ('filed','expired','withdrawn'))`)

    this.schema.createTable('filing_events', (table) => {
      table.bigIncrements('id')
      table.integer('filing_id').notNullable().references('filings.id')
      table.text('action').notNullable()
      table.text('from_status').nullable()
      table.text('to_status').notNullable()
      table.integer('actor_id').nullable().references('users.id')
      table.text('remark').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['filing_id'])
    })

    this.schema.createTable('outbox_events', (table) => {
      table.bigIncrements('id')
      table.text('topic').notNullable()
      table.bigInteger('entity_id').notNullable()
      table.jsonb('payload').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('etl_watermarks', (table) => {
      table.text('name').primary()
      table.bigInteger('last_id').notNullable().defaultTo(0)
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTable('etl_watermarks')
    this.schema.dropTable('outbox_events')
    this.schema.dropTable('filing_events')
    this.schema.dropTable('filings')
  }
}
