import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The in-app inbox and the delivery of each message (app/modules/messages, docs/messages.md).
 *
 * - `messages`: one row per recipient per notification. UNIQUE (recipient_id, reason, sent_on) is how
 *   "at most once per recipient per reason per Asia/Shanghai day" (domain-rules §7) holds under
 *   concurrency: `notify` inserts with ON CONFLICT DO NOTHING. `read_at` records the read.
 * - `message_deliveries`: the WeChat template message / SMS of a message, its state
 *   (queued → sending → sent | failed), attempts and the last error (Chinese).
 * - `message_delivery_events`: every state change of a delivery (append-only history).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('messages', (table) => {
      table.increments('id')
      table.integer('recipient_id').notNullable().references('users.id').onDelete('CASCADE')
      table.integer('sender_id').nullable().references('users.id').onDelete('SET NULL')
      table.text('kind').notNullable()
      table.text('module').notNullable()
      table.text('reason').notNullable()
      table.text('title').notNullable()
      table.text('summary').notNullable()
      table.text('subject_type').nullable()
      table.integer('subject_id').nullable()
      table.text('subject_page').nullable()
      table.date('sent_on').notNullable()
      /** the sending module asked for SMS when WeChat is not bound or refuses */
      table.boolean('sms_fallback').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('read_at', { useTz: true }).nullable()
      table.unique(['recipient_id', 'reason', 'sent_on'])
      table.index(['subject_type', 'subject_id'])
    })
    this.schema.raw(`ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (kind IN ('notice', 'urge', 'reminder', 'export'))`)
    this.schema.raw(`CREATE INDEX messages_inbox_index ON messages (recipient_id, read_at, id DESC)`)
    this.schema.raw(`CREATE INDEX messages_recipient_id_index ON messages (recipient_id, id DESC)`)

    this.schema.createTable('message_deliveries', (table) => {
      table.increments('id')
      table.integer('message_id').notNullable().references('messages.id').onDelete('CASCADE')
      table.text('channel').notNullable()
      table.text('status').notNullable().defaultTo('queued')
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.text('external_id').nullable()
      table.timestamp('queued_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['message_id', 'channel'])
    })
    this.schema.raw(`ALTER TABLE message_deliveries ADD CONSTRAINT message_deliveries_channel_check CHECK (channel IN ('wechat', 'sms'))`)
    this.schema.raw(`ALTER TABLE message_deliveries ADD CONSTRAINT message_deliveries_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed'))`)
    // the safety net looks for deliveries still waiting
    this.schema.raw(`CREATE INDEX message_deliveries_waiting_index ON message_deliveries (updated_at) WHERE status IN ('queued', 'sending')`)

    this.schema.createTable('message_delivery_events', (table) => {
      table.bigIncrements('id')
      table.integer('delivery_id').notNullable().references('message_deliveries.id').onDelete('CASCADE')
      table.text('status').notNullable()
      table.integer('attempt').notNullable()
      table.text('error').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['delivery_id'])
    })
  }

  async down() {
    this.schema.dropTable('message_delivery_events')
    this.schema.dropTable('message_deliveries')
    this.schema.dropTable('messages')
  }
}
