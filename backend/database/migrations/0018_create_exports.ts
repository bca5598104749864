import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 导出中心: exports that run in the background (scheduled ones and large on-demand ones).
 *
 * - `export_subscriptions`: a user's standing order for one declared statistics table of their region
 *   (daily / weekly / monthly at a Shenzhen time); `next_run_at` is when it is due next.
 * - `export_runs`: every produced (or failed) file with its status and progress; the file lives in
 *   the storage disk (config/drive.ts) under `file_key` until `expires_at`. A subscription produces
 *   at most one run per due time (UNIQUE (subscription_id, due_at)), so a retried schedule tick never
 *   makes two files.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('export_subscriptions', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      /** module slug whose statistics table is exported */
      table.text('module').notNullable()
      table.integer('region_id').notNullable().references('regions.id')
      table.text('frequency').notNullable()
      /** HH:mm, Asia/Shanghai */
      table.text('time_of_day').notNullable()
      /** weekly: 1 (Monday) … 7 */
      table.smallint('weekday').nullable()
      /** monthly: 1 … 28 */
      table.smallint('month_day').nullable()
      table.timestamp('next_run_at', { useTz: true }).notNullable()
      table.timestamp('last_run_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['next_run_at'])
      table.index(['user_id'])
    })
    this.schema.raw(`ALTER TABLE export_subscriptions ADD CONSTRAINT export_subscriptions_frequency_check CHECK (frequency IN ('daily', 'weekly', 'monthly'))`)

    this.schema.createTable('export_runs', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.integer('subscription_id').nullable().references('export_subscriptions.id').onDelete('SET NULL')
      /** the due time of a scheduled run (null for on-demand runs) */
      table.timestamp('due_at', { useTz: true }).nullable()
      table.text('module').notNullable()
      /** 'statistics' (the module's statistics table) or 'records' (its records list, with filters) */
      table.text('kind').notNullable().defaultTo('statistics')
      table.integer('region_id').notNullable().references('regions.id')
      /** the table's query string as its page sends it (region and filters) */
      table.jsonb('query').notNullable().defaultTo('{}')
      table.text('status').notNullable().defaultTo('queued')
      table.smallint('progress').notNullable().defaultTo(0)
      table.integer('row_count').nullable()
      table.text('file_name').nullable()
      table.text('file_key').nullable()
      table.bigInteger('size_bytes').nullable()
      /** Chinese reason of a failure, for the user */
      table.text('error').nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('requested_at', { useTz: true }).notNullable()
      table.timestamp('started_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.unique(['subscription_id', 'due_at'])
      table.index(['user_id', 'id'])
      table.index(['status', 'expires_at'])
    })
    this.schema.raw(`ALTER TABLE export_runs ADD CONSTRAINT export_runs_kind_check CHECK (kind IN ('statistics', 'records'))`)
    this.schema.raw(`ALTER TABLE export_runs ADD CONSTRAINT export_runs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired'))`)
  }

  async down() {
    this.schema.dropTable('export_runs')
    this.schema.dropTable('export_subscriptions')
  }
}
