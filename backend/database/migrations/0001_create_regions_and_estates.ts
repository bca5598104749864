import { BaseSchema } from '@adonisjs/lucid/schema'

/** The region tree (city → district → street → community) and the estates (物业项目) under communities. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('regions', (table) => {
      table.increments('id')
      table.integer('parent_id').nullable().references('regions.id')
      table.text('level').notNullable()
      table.text('code').nullable()
      table.text('name').notNullable()
      // denormalised ancestors so scope filters are one equality, never a recursive walk
      table.integer('district_id').nullable()
      table.integer('street_id').nullable()
      table.integer('sort').notNullable().defaultTo(0)
      table.index(['parent_id'])
      table.index(['district_id'])
      table.index(['street_id'])
    })
    this.schema.raw(`ALTER TABLE regions ADD CONSTRAINT regions_level_check CHECK (level IN ('city','district','street','community'))`)

    this.schema.createTable('estates', (table) => {
      table.increments('id')
      table.integer('community_id').notNullable().references('regions.id')
      table.integer('street_id').notNullable().references('regions.id')
      table.integer('district_id').notNullable().references('regions.id')
      table.text('name').notNullable()
      table.text('address').notNullable()
      table.text('estate_type').notNullable()
      table.double('lng').nullable()
      table.double('lat').nullable()
      table.decimal('building_area', 14, 2).notNullable().defaultTo(0)
      table.integer('house_count').notNullable().defaultTo(0)
      table.integer('household_count').notNullable().defaultTo(0)
      table.text('company_name').nullable()
      table.text('manager_name').nullable()
      table.text('manager_phone').nullable()
      table.boolean('has_committee').notNullable().defaultTo(false)
      table.text('committee_director').nullable()
      table.boolean('has_party_org').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true })
      table.timestamp('updated_at', { useTz: true })
      table.index(['community_id'])
      table.index(['street_id'])
      table.index(['district_id'])
    })
  }

  async down() {
    this.schema.dropTable('estates')
    this.schema.dropTable('regions')
  }
}
