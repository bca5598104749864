import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 从业人员信息 (module 9, app/modules/staff, docs/staff.md).
 *
 * - `practitioners`: one row per person, in two groups: 'estate' (物业项目的从业人员, `estate_id` set) and
 *   'company' (物业服务企业从业人员, `estate_id` null, attributed to the community of the company's seat).
 *   There is no company table: a company is its name (as on `estates.company_name`) and its unified
 *   social credit code. The region columns are denormalised like on `estates`; a trigger fills them from
 *   the estate for the 'estate' group, so inserts only give `estate_id`. ID numbers and phones are stored
 *   in full and masked on the way out (`#services/masking`). 11 宣传培训's learning records reference it.
 * - `practitioner_certificates`: the certificates of a practitioner (name, number, issued, valid until —
 *   null = no expiry); expired ones are counted separately as of the platform's date.
 * - `estate_staff_confirmations`: the last time the estate's project manager confirmed its staff
 *   information (确认信息无误); stale after the settings' staff_stale_days (domain-rules §7).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('practitioners', (table) => {
      table.increments('id')
      table.string('staff_group', 16).notNullable()
      table.integer('estate_id').nullable().references('estates.id')
      table.text('company_name').notNullable()
      table.string('company_credit_code', 18).nullable()
      table.integer('community_id').nullable().references('regions.id')
      table.integer('street_id').nullable().references('regions.id')
      table.integer('district_id').nullable().references('regions.id')
      table.string('name', 50).notNullable()
      table.string('id_number', 18).notNullable()
      table.string('phone', 11).notNullable()
      table.string('post', 20).notNullable()
      table.boolean('is_lead').notNullable().defaultTo(false)
      table.date('hired_on').nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
      table.index(['community_id'])
      table.index(['street_id'])
      table.index(['district_id'])
    })
    this.schema.raw(`ALTER TABLE practitioners ADD CONSTRAINT practitioners_staff_group_check CHECK (staff_group IN ('estate', 'company'))`)
    this.schema.raw(`ALTER TABLE practitioners ADD CONSTRAINT practitioners_estate_group_check CHECK ((staff_group = 'estate') = (estate_id IS NOT NULL))`)
    this.schema.raw(`ALTER TABLE practitioners ADD CONSTRAINT practitioners_region_check CHECK (community_id IS NOT NULL AND street_id IS NOT NULL AND district_id IS NOT NULL)`)
    // an estate practitioner's region is its estate's (filled before the checks run)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION practitioners_fill_region() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.estate_id IS NOT NULL THEN
          SELECT e.community_id, e.street_id, e.district_id INTO NEW.community_id, NEW.street_id, NEW.district_id
            FROM estates e WHERE e.id = NEW.estate_id;
        ELSIF NEW.community_id IS NOT NULL AND (NEW.street_id IS NULL OR NEW.district_id IS NULL) THEN
          SELECT r.street_id, r.district_id INTO NEW.street_id, NEW.district_id FROM regions r WHERE r.id = NEW.community_id;
        END IF;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER practitioners_fill_region BEFORE INSERT OR UPDATE OF estate_id, community_id ON practitioners
      FOR EACH ROW EXECUTE FUNCTION practitioners_fill_region()
    `)

    // an estate moved to another community takes its practitioners along
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION estates_move_practitioners() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE practitioners SET community_id = NEW.community_id, street_id = NEW.street_id, district_id = NEW.district_id
         WHERE estate_id = NEW.id;
        RETURN NEW;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER estates_move_practitioners AFTER UPDATE OF community_id, street_id, district_id ON estates
      FOR EACH ROW WHEN (OLD.community_id IS DISTINCT FROM NEW.community_id OR OLD.street_id IS DISTINCT FROM NEW.street_id OR OLD.district_id IS DISTINCT FROM NEW.district_id)
      EXECUTE FUNCTION estates_move_practitioners()
    `)

    this.schema.createTable('practitioner_certificates', (table) => {
      table.increments('id')
      table.integer('practitioner_id').notNullable().references('practitioners.id').onDelete('CASCADE')
      table.string('name', 50).notNullable()
      table.string('number', 50).notNullable()
      table.date('issued_on').notNullable()
      table.date('valid_until').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['practitioner_id'])
    })

    this.schema.createTable('estate_staff_confirmations', (table) => {
      table.integer('estate_id').primary().references('estates.id')
      table.timestamp('confirmed_at', { useTz: true }).notNullable()
      table.integer('confirmed_by').nullable().references('users.id')
    })

    // 从业人员信息 joins the street handlers' defaults (roles.ts): accounts that exist already get it too
    this.defer(async (db) => {
      await db.rawQuery(
        `INSERT INTO user_features (user_id, feature, granted_at)
         SELECT u.id, f.feature, now() FROM users u CROSS JOIN unnest(?::text[]) AS f(feature)
         WHERE u.role = 'street_handler' ON CONFLICT DO NOTHING`,
        [['staff.view', 'staff.export', 'staff.remind']]
      )
    })
  }

  async down() {
    this.schema.dropTable('estate_staff_confirmations')
    this.schema.dropTable('practitioner_certificates')
    this.schema.raw('DROP TRIGGER IF EXISTS estates_move_practitioners ON estates')
    this.schema.raw('DROP FUNCTION IF EXISTS estates_move_practitioners()')
    this.schema.dropTable('practitioners')
    this.schema.raw('DROP FUNCTION IF EXISTS practitioners_fill_region()')
  }
}
