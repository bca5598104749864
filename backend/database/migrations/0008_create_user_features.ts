import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 权限管理: per-account feature grants (账号赋权), who preset an account, and deregistered accounts.
 * Accounts of granted roles that exist already get the defaults their role carried until now, so
 * nobody loses a feature by this migration.
 */
const DEFAULTS: Record<string, string[]> = {
  street_handler: ['filings.view', 'filings.export', 'filings.manage', 'projects.view', 'projects.export'],
  party_secretary: ['filings.view', 'projects.view'],
  community_head: ['filings.view', 'filings.export', 'projects.view', 'projects.export'],
  community_handler: ['filings.view', 'projects.view'],
}

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('user_features', (table) => {
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.text('feature').notNullable()
      table.integer('granted_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['user_id', 'feature'])
    })
    this.schema.alterTable('users', (table) => {
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
    })
    this.schema.raw(
      `ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled', 'deregistered'))`
    )
    this.defer(async (db) => {
      for (const [role, features] of Object.entries(DEFAULTS)) {
        await db.rawQuery(
          `INSERT INTO user_features (user_id, feature, granted_at)
           SELECT u.id, f.feature, now() FROM users u CROSS JOIN unnest(?::text[]) AS f(feature)
           WHERE u.role = ? ON CONFLICT DO NOTHING`,
          [features, role]
        )
      }
    })
  }

  async down() {
    this.schema.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_status_check')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('created_by')
    })
    this.schema.dropTable('user_features')
  }
}
