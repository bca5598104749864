import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 信用信息 (module 7, docs/credit.md): records are changed and deleted by the bureaus (`credit.manage`).
 * A deleted record stays as a row with `deleted_at` / `deleted_by` (the audit trail, and the warehouse
 * mirrors it with `deleted = 1`, warehouse migration 0034): every reader skips it. Its attachments are
 * `attachments` (jsonb, migration 0024): [{ id, fileName, contentType, sizeBytes, storageKey, uploadedBy }].
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('credit_records', (table) => {
      table.timestamp('deleted_at', { useTz: true }).nullable()
      table.integer('deleted_by').nullable().references('users.id').onDelete('SET NULL')
      table.integer('updated_by').nullable().references('users.id').onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('credit_records', (table) => {
      table.dropColumn('updated_by')
      table.dropColumn('deleted_by')
      table.dropColumn('deleted_at')
    })
  }
}
