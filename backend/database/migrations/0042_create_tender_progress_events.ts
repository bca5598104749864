import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 招标投标管理 (module 21): the stages the bidding platform reports for a filing through the signed
 * inbound API (POST /api/v1/integrations/bidding/events, docs/tenders.md → 招标投标进度查询).
 *
 * One row per platform event: `event_id` is the platform's id and unique, so a replayed event is
 * recognised and counted once; one row per (tender, stage) — a stage happens once. `stage_order` is the
 * stage's place (1 发布公告 … 6 中标公示); `late` marks a stage reported after a later one (补报).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tender_progress_events', (table) => {
      table.increments('id')
      table.text('event_id').notNullable().unique()
      table.integer('tender_id').notNullable().references('tenders.id').onDelete('CASCADE')
      table.text('stage').notNullable()
      table.smallint('stage_order').notNullable()
      table.timestamp('occurred_at', { useTz: true }).notNullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.boolean('late').notNullable().defaultTo(false)
      table.text('note').notNullable().defaultTo('')
      /** the body as received (its signature was checked) */
      table.jsonb('payload').notNullable()
      table.unique(['tender_id', 'stage'])
    })
    this.schema.raw(`ALTER TABLE tender_progress_events ADD CONSTRAINT tender_progress_events_stage_check CHECK (stage IN ('announcement','registration','opening','evaluation','award','publicity'))`)
  }

  async down() {
    this.schema.dropTable('tender_progress_events')
  }
}
