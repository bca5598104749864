import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 信息公开 (module 16, app/modules/disclosures, docs/disclosures.md).
 *
 * - `disclosure_templates`: kept by the city administrator; `fields` declares what an announcement of
 *   the template holds (`[{ key, label, type, required, maxLength }]`, validated by the service). A
 *   `system` template is the one another module publishes with (居代业: `proxy_governance`); its
 *   fields are fixed.
 * - `disclosures`: one announcement of an estate. A draft may be edited and deleted; once published
 *   its text (title, fields, body_html) never changes and it cannot be deleted — only voided, with a
 *   reason. The trigger below enforces that whatever the application does.
 */
const TEMPLATES = [
  {
    code: 'proxy_governance', name: '居代业公告', system: true,
    fields: [{ key: 'content', label: '公告内容', type: 'richtext', required: true, maxLength: 20000 }],
  },
  {
    code: 'owners_assembly', name: '业主大会公告', system: false,
    fields: [
      { key: 'meeting_date', label: '会议日期', type: 'date', required: true },
      { key: 'place', label: '会议地点', type: 'text', required: true, maxLength: 100 },
      { key: 'agenda', label: '会议议程', type: 'richtext', required: true, maxLength: 20000 },
    ],
  },
  {
    code: 'general', name: '通用公告', system: false,
    fields: [{ key: 'content', label: '公告内容', type: 'richtext', required: true, maxLength: 20000 }],
  },
]

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('disclosure_templates', (table) => {
      table.increments('id')
      table.string('code', 40).notNullable().unique()
      table.text('name').notNullable()
      table.jsonb('fields').notNullable()
      table.boolean('system').notNullable().defaultTo(false)
      table.boolean('active').notNullable().defaultTo(true)
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('disclosures', (table) => {
      table.increments('id')
      table.integer('template_id').notNullable().references('disclosure_templates.id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.text('title').notNullable()
      table.jsonb('fields').notNullable()
      table.text('body_html').notNullable()
      table.string('state', 12).notNullable().defaultTo('draft')
      table.string('source', 20).notNullable().defaultTo('manual')
      table.integer('source_id').nullable()
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.integer('published_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('published_at', { useTz: true }).nullable()
      table.integer('voided_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('voided_at', { useTz: true }).nullable()
      table.text('void_reason').nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id', 'state'])
      table.index(['published_at'])
      table.index(['source', 'source_id'])
    })
    this.schema.raw(`ALTER TABLE disclosures ADD CONSTRAINT disclosures_state_check CHECK (state IN ('draft', 'published', 'voided'))`)
    this.schema.raw(`ALTER TABLE disclosures ADD CONSTRAINT disclosures_source_check CHECK (source IN ('manual', 'proxy_governance', 'voting'))`)
    this.schema.raw(`ALTER TABLE disclosures ADD CONSTRAINT disclosures_published_check CHECK (state = 'draft' OR published_at IS NOT NULL)`)
    this.schema.raw(`ALTER TABLE disclosures ADD CONSTRAINT disclosures_voided_check CHECK (state <> 'voided' OR (voided_at IS NOT NULL AND length(btrim(void_reason)) > 0))`)

    // published text is immutable; only drafts are deleted; voided stays voided
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION disclosures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.state <> 'draft' THEN
            RAISE EXCEPTION 'disclosure % is %: only drafts may be deleted', OLD.id, OLD.state USING ERRCODE = 'check_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.state <> 'draft' AND (
             NEW.title IS DISTINCT FROM OLD.title OR NEW.fields IS DISTINCT FROM OLD.fields OR NEW.body_html IS DISTINCT FROM OLD.body_html
          OR NEW.estate_id IS DISTINCT FROM OLD.estate_id OR NEW.template_id IS DISTINCT FROM OLD.template_id
          OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.published_by IS DISTINCT FROM OLD.published_by
          OR NEW.source IS DISTINCT FROM OLD.source OR NEW.source_id IS DISTINCT FROM OLD.source_id
          OR NEW.state = 'draft' OR (OLD.state = 'voided' AND NEW IS DISTINCT FROM OLD)) THEN
          RAISE EXCEPTION 'disclosure % is %: its text is immutable', OLD.id, OLD.state USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$`)
    this.schema.raw(`CREATE TRIGGER disclosures_guard BEFORE UPDATE OR DELETE ON disclosures FOR EACH ROW EXECUTE FUNCTION disclosures_guard()`)

    this.defer(async (db) => {
      await db.table('disclosure_templates').multiInsert(TEMPLATES.map((template) => ({ ...template, fields: JSON.stringify(template.fields) })))
    })
  }

  async down() {
    this.schema.dropTable('disclosures')
    this.schema.raw('DROP FUNCTION IF EXISTS disclosures_guard()')
    this.schema.dropTable('disclosure_templates')
  }
}
