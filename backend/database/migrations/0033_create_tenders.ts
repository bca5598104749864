import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 招标投标管理 (module 21, domain-rules.md §2–3): 招标文件备案 with its two-level review.
 *
 * - `tenders`: one filing per tender, a workflow subject (`state`, `version`; process `tender`,
 *   backend/app/modules/tenders/tender_process.ts). `round` counts the review rounds: 不同意 ends one,
 *   the tenderer's resubmission starts the next; `round_started_at` is the round's clock start,
 *   `decided_at` its final decision (null while open). `reminded_round` = the round whose reviewer has
 *   been reminded at the end of working day 4 (so the reminder goes once per round).
 * - `tender_rounds`: every round with its start and decision — the statistics count rounds.
 * - `tender_attachments`: the filed documents per round (stored on the storage disk, checked by magic bytes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tenders', (table) => {
      table.increments('id')
      /** 备案编号, ZBBA-<year>-<id padded> */
      table.text('filing_no').notNullable().unique()
      table.integer('estate_id').notNullable().references('estates.id')
      table.text('tenderer_kind').notNullable()
      table.text('tenderer_name').notNullable()
      table.text('title').notNullable()
      table.text('tender_method').notNullable()
      table.text('resolution').notNullable().defaultTo('')
      table.text('service_scope').notNullable().defaultTo('')
      table.text('contact_name').notNullable()
      table.text('contact_phone').notNullable()
      table.text('state').notNullable()
      table.integer('version').notNullable().defaultTo(1)
      table.integer('round').notNullable().defaultTo(1)
      table.timestamp('round_started_at', { useTz: true }).notNullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.integer('reminded_round').notNullable().defaultTo(0)
      /** who filed (the director, or the street handler registering a developer's filing) */
      table.integer('submitted_by').notNullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['estate_id'])
      table.index(['state'])
    })
    this.schema.raw(`ALTER TABLE tenders ADD CONSTRAINT tenders_kind_check CHECK (tenderer_kind IN ('committee','developer'))`)
    this.schema.raw(`ALTER TABLE tenders ADD CONSTRAINT tenders_method_check CHECK (tender_method IN ('public','invited'))`)
    this.schema.raw(`ALTER TABLE tenders ADD CONSTRAINT tenders_state_check CHECK (state IN ('first_review','final_review','rejected','approved'))`)

    this.schema.createTable('tender_rounds', (table) => {
      table.increments('id')
      table.integer('tender_id').notNullable().references('tenders.id').onDelete('CASCADE')
      table.integer('round').notNullable()
      table.timestamp('submitted_at', { useTz: true }).notNullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.text('decision').nullable()
      table.unique(['tender_id', 'round'])
    })
    this.schema.raw(`ALTER TABLE tender_rounds ADD CONSTRAINT tender_rounds_decision_check CHECK (decision IS NULL OR decision IN ('approved','rejected'))`)

    this.schema.createTable('tender_attachments', (table) => {
      table.increments('id')
      table.integer('tender_id').notNullable().references('tenders.id').onDelete('CASCADE')
      table.integer('round').notNullable()
      table.text('file_name').notNullable()
      table.text('content_type').notNullable()
      table.integer('size_bytes').notNullable()
      /** the staged upload's token: a file is claimed once */
      table.text('token').notNullable().unique()
      table.text('storage_key').notNullable()
      table.integer('uploaded_by').notNullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['tender_id'])
    })
  }

  async down() {
    this.schema.dropTable('tender_attachments')
    this.schema.dropTable('tender_rounds')
    this.schema.dropTable('tenders')
  }
}
