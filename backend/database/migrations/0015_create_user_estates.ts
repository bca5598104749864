import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The estates an estate-side account (项目经理, 业委会主任, 业主) answers for: its whole data scope.
 * `relation` is the role the account holds for that estate.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_estates', (table) => {
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.integer('estate_id').notNullable().references('estates.id').onDelete('CASCADE')
      table.text('relation').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['user_id', 'estate_id'])
      table.index(['estate_id', 'relation'])
    })
    this.schema.raw(`ALTER TABLE user_estates ADD CONSTRAINT user_estates_relation_check CHECK (relation IN ('project_manager', 'committee_director', 'owner'))`)
  }

  async down() {
    this.schema.dropTable('user_estates')
  }
}
