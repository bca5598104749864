import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 微信端身份认证: the openid a user bound on the H5 (one account ↔ one openid), and the
 * per-user session epoch that "log out everywhere" bumps.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.text('wechat_openid').nullable().unique()
      table.timestamp('wechat_bound_at', { useTz: true }).nullable()
      table.integer('session_epoch').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('session_epoch')
      table.dropColumn('wechat_bound_at')
      table.dropColumn('wechat_openid')
    })
  }
}
