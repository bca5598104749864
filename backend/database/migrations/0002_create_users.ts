import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('users', (table) => {
      table.increments('id')
      table.text('name').notNullable()
      table.text('phone').notNullable().unique()
      table.text('password').notNullable()
      table.text('role').notNullable()
      table.integer('region_id').notNullable().references('regions.id')
      table.text('status').notNullable().defaultTo('active')
      table.integer('failed_logins').notNullable().defaultTo(0)
      table.timestamp('locked_until', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true })
      table.timestamp('updated_at', { useTz: true })
    })
  }

  async down() {
    this.schema.dropTable('users')
  }
}
