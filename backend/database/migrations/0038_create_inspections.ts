import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 安全检查 (module 15, app/modules/inspections, docs/inspections.md).
 *
 * - `inspection_tasks`: a task published by the city or a district bureau: title, deadline (the last
 *   Shanghai day answers are taken), how its targets were chosen (mode + criteria, for the record),
 *   the publisher and the region it was published for (the publisher's).
 * - `inspection_items`: the task's checklist, ordered (`position` 1…n), text, 需拍照.
 * - `inspection_targets`: one row per target estate, resolved at publish: the workflow subject
 *   (`state` 待填报 / 已提交 / 整改中 / 已整改, `version`), when it was submitted and by whom, the last
 *   automatic reminder's day.
 * - `inspection_answers`: one per target × item once submitted: 合格 / 发现问题, description, 整改措施,
 *   整改完成 and its date.
 * - `inspection_photos`: photos of an answer (files on the storage disk, checked by magic bytes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('inspection_tasks', (table) => {
      table.increments('id')
      table.text('title').notNullable()
      table.date('deadline').notNullable()
      table.integer('region_id').notNullable().references('regions.id')
      table.text('target_mode').notNullable()
      table.jsonb('target_criteria').notNullable().defaultTo('{}')
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['region_id'])
      table.index(['deadline'])
    })
    this.schema.raw(`ALTER TABLE inspection_tasks ADD CONSTRAINT inspection_tasks_mode_check CHECK (target_mode IN ('region', 'estate_type', 'estates'))`)

    this.schema.createTable('inspection_items', (table) => {
      table.increments('id')
      table.integer('task_id').notNullable().references('inspection_tasks.id').onDelete('CASCADE')
      table.smallint('position').notNullable()
      table.text('content').notNullable()
      table.boolean('photo_required').notNullable().defaultTo(false)
      table.unique(['task_id', 'position'])
    })

    this.schema.createTable('inspection_targets', (table) => {
      table.increments('id')
      table.integer('task_id').notNullable().references('inspection_tasks.id').onDelete('CASCADE')
      table.integer('estate_id').notNullable().references('estates.id').onDelete('CASCADE')
      table.text('state').notNullable().defaultTo('pending')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.integer('submitted_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('rectified_at', { useTz: true }).nullable()
      table.date('auto_reminded_on').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['task_id', 'estate_id'])
      table.index(['estate_id'])
    })
    this.schema.raw(`ALTER TABLE inspection_targets ADD CONSTRAINT inspection_targets_state_check CHECK (state IN ('pending', 'submitted', 'rectifying', 'rectified'))`)

    this.schema.createTable('inspection_answers', (table) => {
      table.increments('id')
      table.integer('target_id').notNullable().references('inspection_targets.id').onDelete('CASCADE')
      table.integer('item_id').notNullable().references('inspection_items.id').onDelete('CASCADE')
      table.text('result').notNullable()
      table.text('description').notNullable().defaultTo('')
      table.text('measures').notNullable().defaultTo('')
      table.boolean('rectified').notNullable().defaultTo(false)
      table.date('rectified_on').nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['target_id', 'item_id'])
    })
    this.schema.raw(`ALTER TABLE inspection_answers ADD CONSTRAINT inspection_answers_result_check CHECK (result IN ('pass', 'problem'))`)
    this.schema.raw(`ALTER TABLE inspection_answers ADD CONSTRAINT inspection_answers_rectified_check CHECK (result = 'problem' OR (rectified = false AND rectified_on IS NULL))`)

    this.schema.createTable('inspection_photos', (table) => {
      table.increments('id')
      table.integer('answer_id').notNullable().references('inspection_answers.id').onDelete('CASCADE')
      table.text('file_name').notNullable()
      table.text('content_type').notNullable()
      table.integer('size_bytes').notNullable()
      table.text('storage_key').notNullable()
      table.integer('uploaded_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['answer_id'])
    })
  }

  async down() {
    this.schema.dropTable('inspection_photos')
    this.schema.dropTable('inspection_answers')
    this.schema.dropTable('inspection_targets')
    this.schema.dropTable('inspection_items')
    this.schema.dropTable('inspection_tasks')
  }
}
