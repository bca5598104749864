import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 信用信息 (module 7, domain-rules §6): the property companies (there was no company table: estates
 * carry `company_name`, which names the company that manages them), the credit subjects — a company, or
 * a person of one of five kinds identified by ID number — and their 良好 / 不良 credit records.
 *
 * A record concerns one estate (a person's own estate; for a company, the project the matter arose in):
 * that estate places the record in the statistics (the warehouse's `credit_record_facts`). `valid_until`
 * is the last day the record counts (config/credit.ts: 良好 2 years, 不良 1 / 2 / 3 years by severity),
 * computed when the record is written; from the day after it shows 已过期.
 *
 * A subject's region (data scope): a company's = its seat plus the regions of the estates it manages
 * (`estates.company_name = property_companies.name`); a person's = their estate's.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('property_companies', (table) => {
      table.increments('id')
      /** 统一社会信用代码 (18 characters) */
      table.text('credit_code').notNullable().unique()
      table.text('name').notNullable()
      /** 注册地: the district or street the company is seated in */
      table.integer('seat_region_id').notNullable().references('regions.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['name'])
      table.index(['seat_region_id'])
    })
    // a company's estates are found by name
    this.schema.raw('CREATE INDEX IF NOT EXISTS estates_company_name_index ON estates (company_name)')

    this.schema.createTable('credit_subjects', (table) => {
      table.increments('id')
      table.text('kind').notNullable()
      table.text('name').notNullable()
      /** kind company: its company row */
      table.integer('company_id').nullable().unique().references('property_companies.id')
      /** people: the resident ID number, stored whole, always served masked (#services/masking) */
      table.text('id_number').nullable()
      /** people: the estate they belong to */
      table.integer('estate_id').nullable().references('estates.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['estate_id'])
      table.index(['kind', 'name'])
      table.index(['id_number'])
    })
    this.schema.raw(`ALTER TABLE credit_subjects ADD CONSTRAINT credit_subjects_kind_check CHECK (kind IN ('company','project_leader','committee_director','owner','committee_secretary','owner_supervisor'))`)
    this.schema.raw(`ALTER TABLE credit_subjects ADD CONSTRAINT credit_subjects_identity_check CHECK (
      (kind = 'company' AND company_id IS NOT NULL AND id_number IS NULL AND estate_id IS NULL)
      OR (kind <> 'company' AND company_id IS NULL AND id_number IS NOT NULL AND estate_id IS NOT NULL))`)

    this.schema.createTable('credit_records', (table) => {
      table.increments('id')
      table.integer('subject_id').notNullable().references('credit_subjects.id')
      /** the estate the record concerns (its place in the statistics) */
      table.integer('estate_id').notNullable().references('estates.id')
      table.text('polarity').notNullable()
      table.text('category').notNullable()
      /** 不良信息 only: minor (一般) / serious (较重) / grave (严重) */
      table.text('severity').nullable()
      table.date('decided_on').notNullable()
      /** the last day the record counts (inclusive) */
      table.date('valid_until').notNullable()
      /** 认定部门 */
      table.text('source').notNullable()
      table.text('document_no').notNullable().defaultTo('')
      /** [{ name, path, size, mime }] (#services/uploads rules) */
      table.jsonb('attachments').notNullable().defaultTo('[]')
      table.integer('version').notNullable().defaultTo(1)
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['subject_id', 'decided_on'])
      table.index(['estate_id'])
    })
    this.schema.raw(`ALTER TABLE credit_records ADD CONSTRAINT credit_records_category_check CHECK (
      (polarity = 'good' AND category IN ('commendation','happy_estate','green_property','green_demo_project','green_star_rating','standard_drafting','top_ten') AND severity IS NULL)
      OR (polarity = 'bad' AND category IN ('rectification','penalty','court_judgment','bottom_ten') AND severity IN ('minor','serious','grave')))`)
    this.schema.raw(`ALTER TABLE credit_records ADD CONSTRAINT credit_records_validity_check CHECK (valid_until >= decided_on)`)
  }

  async down() {
    this.schema.dropTable('credit_records')
    this.schema.dropTable('credit_subjects')
    this.schema.raw('DROP INDEX IF EXISTS estates_company_name_index')
    this.schema.dropTable('property_companies')
  }
}
