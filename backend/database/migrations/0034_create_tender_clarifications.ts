import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 招标投标管理 (module 21): 澄清与补遗 (docs/tenders.md).
 *
 * - `tender_clarifications`: what the tenderer publishes about an approved filing while the bidding
 *   runs — kind (clarification 澄清 / addendum 补遗), title, content (sanitised rich text), when and by whom.
 * - `tender_clarification_attachments`: its files, claimed from the upload staging once (token unique).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tender_clarifications', (table) => {
      table.increments('id')
      table.integer('tender_id').notNullable().references('tenders.id').onDelete('CASCADE')
      table.text('kind').notNullable()
      table.text('title').notNullable()
      table.text('content').notNullable()
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.integer('published_by').notNullable().references('users.id')
      /** the publisher's name and role as shown (kept if the account is renamed) */
      table.text('publisher_name').notNullable()
      table.index(['tender_id'])
    })
    this.schema.raw(`ALTER TABLE tender_clarifications ADD CONSTRAINT tender_clarifications_kind_check CHECK (kind IN ('clarification','addendum'))`)

    this.schema.createTable('tender_clarification_attachments', (table) => {
      table.increments('id')
      table.integer('clarification_id').notNullable().references('tender_clarifications.id').onDelete('CASCADE')
      table.text('file_name').notNullable()
      table.text('content_type').notNullable()
      table.integer('size_bytes').notNullable()
      table.text('token').notNullable().unique()
      table.text('storage_key').notNullable()
      table.integer('uploaded_by').notNullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['clarification_id'])
    })
  }

  async down() {
    this.schema.dropTable('tender_clarification_attachments')
    this.schema.dropTable('tender_clarifications')
  }
}
