import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 居代业管理 (module 23, app/modules/proxy_governance, docs/proxy_governance.md): one row per 居代业 of
 * an estate, the subject of the `proxy_governance` process (state + version; history in
 * workflow_events, to-dos in todos). At most one open (not 已结束) 居代业 per estate: a partial
 * unique index, so two concurrent 发起 cannot both succeed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('proxy_governances', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.string('state', 12).notNullable()
      table.string('outcome', 12).nullable()
      table.text('reason').notNullable()
      // 指定: who acts for the owners (usually the community's residents' committee)
      table.text('agent').nullable()
      table.integer('started_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('started_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('acting_since', { useTz: true }).nullable()
      table.timestamp('ended_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
      table.index(['state'])
    })
    this.schema.raw(`ALTER TABLE proxy_governances ADD CONSTRAINT proxy_governances_state_check CHECK (state IN ('collecting', 'acting', 'ended'))`)
    this.schema.raw(`ALTER TABLE proxy_governances ADD CONSTRAINT proxy_governances_outcome_check CHECK ((state = 'ended') = (outcome IS NOT NULL) AND (outcome IS NULL OR outcome IN ('declined', 'terminated')))`)
    this.schema.raw(`CREATE UNIQUE INDEX proxy_governances_one_open ON proxy_governances (estate_id) WHERE state <> 'ended'`)
  }

  async down() {
    this.schema.dropTable('proxy_governances')
  }
}
