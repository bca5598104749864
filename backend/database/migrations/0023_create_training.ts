import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 宣传培训 (module 11, app/modules/training, docs/training.md).
 *
 * - `training_courses`: a course published by a city or district administrator — a video or a document
 *   whose file lives in the storage disk (#services/file_storage) under `storage_key`, its length
 *   (`duration_minutes`: the video's running time or the document's reading time, what a completed
 *   course counts as 学时), the page count of a document, the audience (all estate practitioners, or
 *   only the 项目负责人) and `version` for concurrent edits (the filings rule: a stale version is a 409).
 * - `learning_records`: one per course × practitioner (module 9's `practitioners`, estate group only):
 *   enrolled on the first progress step, progress 0–100 never moving backwards, completed at 100,
 *   `learned_minutes` = the course's minutes × progress. The warehouse's learning statistics are fed
 *   from these rows (outbox topic `learning_record`, one fact per record).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('training_courses', (table) => {
      table.increments('id')
      table.text('title').notNullable()
      table.text('kind').notNullable()
      table.text('summary').notNullable().defaultTo('')
      table.text('audience').notNullable()
      table.integer('duration_minutes').notNullable()
      table.integer('page_count').nullable()
      table.text('file_name').notNullable()
      table.text('content_type').notNullable()
      table.bigInteger('size_bytes').notNullable()
      table.text('storage_key').notNullable().unique()
      table.boolean('published').notNullable().defaultTo(true)
      table.integer('created_by').nullable().references('users.id')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`ALTER TABLE training_courses ADD CONSTRAINT training_courses_kind_check CHECK (kind IN ('video', 'document'))`)
    this.schema.raw(`ALTER TABLE training_courses ADD CONSTRAINT training_courses_audience_check CHECK (audience IN ('all', 'lead'))`)
    this.schema.raw(`ALTER TABLE training_courses ADD CONSTRAINT training_courses_duration_check CHECK (duration_minutes BETWEEN 1 AND 6000)`)
    this.schema.raw(`CREATE INDEX training_courses_created_index ON training_courses (created_at DESC, id DESC)`)

    this.schema.createTable('learning_records', (table) => {
      table.bigIncrements('id')
      table.integer('course_id').notNullable().references('training_courses.id')
      table.integer('practitioner_id').notNullable().references('practitioners.id').onDelete('CASCADE')
      table.timestamp('enrolled_at', { useTz: true }).notNullable()
      table.smallint('progress').notNullable().defaultTo(0)
      table.integer('learned_minutes').notNullable().defaultTo(0)
      table.timestamp('completed_at', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['practitioner_id', 'course_id'])
      table.index(['course_id'])
    })
    this.schema.raw(`ALTER TABLE learning_records ADD CONSTRAINT learning_records_progress_check CHECK (progress BETWEEN 0 AND 100)`)
    this.schema.raw(`ALTER TABLE learning_records ADD CONSTRAINT learning_records_completed_check CHECK ((completed_at IS NOT NULL) = (progress = 100))`)
  }

  async down() {
    this.schema.dropTable('learning_records')
    this.schema.dropTable('training_courses')
  }
}
