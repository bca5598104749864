import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A to-do addressed to an estate-side account (项目经理 / 业委会主任) names its estate: those accounts
 * have no region subtree, so the inbox matches them by the estates bound to them (`user_estates`),
 * never by the community they happen to sit in.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('todos', (table) => {
      table.integer('estate_id').nullable().references('estates.id').onDelete('CASCADE')
    })
    this.schema.raw(`CREATE INDEX todos_open_by_estate ON todos (estate_id) WHERE closed_at IS NULL AND estate_id IS NOT NULL`)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS todos_open_by_estate')
    this.schema.alterTable('todos', (table) => {
      table.dropColumn('estate_id')
    })
  }
}
