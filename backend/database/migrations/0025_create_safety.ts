import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 平安建设 (module 12, app/modules/safety, docs/safety.md).
 *
 * - `safety_items`: a year's assessment items (考核内容), configured by the city administrator: title,
 *   description, 分值 (`max_score`, 1–100) and display order. A year's items may be added or edited
 *   until one of its assessments has a score.
 * - `safety_assessments`: one per community × item, created with the item for every community:
 *   status 未开始 / 进行中 / 已完成, the score (≤ the item's 分值, one decimal), a remark, who and when
 *   last, and `version` for concurrent edits (the filings rule: a stale version is a 409). A
 *   community's 本年度考核内容 are its rows of the current Shanghai year. The warehouse's statistics are
 *   fed from these rows (outbox topic `safety_assessment`, one fact per assessment).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('safety_items', (table) => {
      table.increments('id')
      table.smallint('year').notNullable()
      table.text('title').notNullable()
      table.text('description').notNullable().defaultTo('')
      table.smallint('max_score').notNullable()
      table.smallint('sort_order').notNullable().defaultTo(0)
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['year', 'title'])
    })
    this.schema.raw(`ALTER TABLE safety_items ADD CONSTRAINT safety_items_max_score_check CHECK (max_score BETWEEN 1 AND 100)`)
    this.schema.raw(`ALTER TABLE safety_items ADD CONSTRAINT safety_items_year_check CHECK (year BETWEEN 2000 AND 2100)`)

    this.schema.createTable('safety_assessments', (table) => {
      table.increments('id')
      table.integer('item_id').notNullable().references('safety_items.id').onDelete('CASCADE')
      table.integer('community_id').notNullable().references('regions.id').onDelete('CASCADE')
      table.text('status').notNullable().defaultTo('not_started')
      table.decimal('score', 5, 1).nullable()
      table.text('remark').notNullable().defaultTo('')
      table.integer('updated_by').nullable().references('users.id').onDelete('SET NULL')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['item_id', 'community_id'])
      table.index(['community_id'])
    })
    this.schema.raw(`ALTER TABLE safety_assessments ADD CONSTRAINT safety_assessments_status_check CHECK (status IN ('not_started', 'in_progress', 'completed'))`)
    this.schema.raw(`ALTER TABLE safety_assessments ADD CONSTRAINT safety_assessments_score_check CHECK (score IS NULL OR score >= 0)`)
  }

  async down() {
    this.schema.dropTable('safety_assessments')
    this.schema.dropTable('safety_items')
  }
}
