import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 通知发布 (module 19, app/modules/notices, docs/notices.md).
 *
 * - `notices`: one per publish, by a street office (`street_id`), with its sanitised HTML body and the
 *   counts fixed at publish time.
 * - `notice_estates`: the estates it went to (filled for `estate_scope = 'all'` too).
 * - `notice_receipts`: one row per recipient per estate per notice, with the recipient's in-app message
 *   and the read time (set by the notice read listener when that message is read). The warehouse's
 *   read statistics are fed from these rows (outbox).
 * - `notice_urges`: each 催办 (who, when, how many were messaged / skipped as already urged today).
 * - `notice_attachments`: the files of a notice, in the storage disk (config/drive.ts) under
 *   `storage_key`. An uploaded file has its stored metadata beside it until a publish claims it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notices', (table) => {
      table.increments('id')
      table.integer('street_id').notNullable().references('regions.id')
      table.text('title').notNullable()
      table.text('body_html').notNullable()
      table.text('audience').notNullable()
      table.text('estate_scope').notNullable()
      table.integer('published_by').notNullable().references('users.id')
      table.timestamp('published_at', { useTz: true }).notNullable()
      table.integer('recipient_count').notNullable()
      table.integer('estate_count').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`ALTER TABLE notices ADD CONSTRAINT notices_audience_check CHECK (audience IN ('project_manager', 'committee_director', 'both'))`)
    this.schema.raw(`ALTER TABLE notices ADD CONSTRAINT notices_estate_scope_check CHECK (estate_scope IN ('all', 'chosen'))`)
    // 部门已发消息: a street's notices, newest first
    this.schema.raw(`CREATE INDEX notices_street_published_index ON notices (street_id, published_at DESC, id DESC)`)

    this.schema.createTable('notice_estates', (table) => {
      table.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE')
      table.integer('estate_id').notNullable().references('estates.id')
      table.primary(['notice_id', 'estate_id'])
    })

    this.schema.createTable('notice_receipts', (table) => {
      table.bigIncrements('id')
      table.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE')
      table.integer('estate_id').notNullable().references('estates.id')
      table.integer('user_id').notNullable().references('users.id')
      table.text('relation').notNullable()
      table.integer('message_id').nullable().references('messages.id').onDelete('SET NULL')
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['notice_id', 'estate_id', 'user_id'])
      table.index(['notice_id', 'estate_id'])
    })
    this.schema.raw(`ALTER TABLE notice_receipts ADD CONSTRAINT notice_receipts_relation_check CHECK (relation IN ('project_manager', 'committee_director'))`)
    // a recipient's receipts (the read listener, the received view's access check)
    this.schema.raw(`CREATE INDEX notice_receipts_user_notice_index ON notice_receipts (user_id, notice_id)`)

    this.schema.createTable('notice_urges', (table) => {
      table.increments('id')
      table.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE')
      table.integer('sent_by').notNullable().references('users.id')
      table.timestamp('sent_at', { useTz: true }).notNullable()
      table.integer('recipient_count').notNullable()
      table.integer('skipped_count').notNullable()
      table.index(['notice_id', 'sent_at'])
    })

    this.schema.createTable('notice_attachments', (table) => {
      table.increments('id')
      table.integer('notice_id').notNullable().references('notices.id').onDelete('CASCADE')
      table.text('file_name').notNullable()
      table.text('content_type').notNullable()
      table.bigInteger('size_bytes').notNullable()
      table.text('storage_key').notNullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['notice_id'])
    })

    // 通知发布 joins the street handlers' defaults (roles.ts): accounts that exist already get it too
    this.defer(async (db) => {
      await db.rawQuery(
        `INSERT INTO user_features (user_id, feature, granted_at)
         SELECT u.id, f.feature, now() FROM users u CROSS JOIN unnest(?::text[]) AS f(feature)
         WHERE u.role = 'street_handler' ON CONFLICT DO NOTHING`,
        [['notices.view', 'notices.manage', 'notices.remind', 'notices.export']]
      )
    })
  }

  async down() {
    this.schema.dropTable('notice_attachments')
    this.schema.dropTable('notice_urges')
    this.schema.dropTable('notice_receipts')
    this.schema.dropTable('notice_estates')
    this.schema.dropTable('notices')
  }
}
