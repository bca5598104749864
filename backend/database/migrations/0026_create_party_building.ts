import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 党建园地 (module 24, app/modules/party_building, docs/party_building.md).
 *
 * - `party_organizations`: one row per 党组织 (≈ 2.5k at city scale), set up at one estate (`estate_id`,
 *   level `estate`) or for a whole community (`estate_id` null, level `community`); kind 独立党支部 /
 *   联合党支部 / 功能型党小组, founded_on, its secretary's name.
 * - `committee_members`: one row per owners' committee member (业委会成员) of an estate: name, role
 *   (主任 / 副主任 / 委员), whether a party member.
 * - `red_property_projects`: the 红色物业 marker of an estate (one row per designated estate, the year).
 * - `opinion_collections`: 民意征集 of a street: title, period (starts_on … ends_on), its questions
 *   (jsonb: `[{ title, options: [..] }]`).
 * - `opinion_responses`: one row per respondent per collection (≈ 1M at city scale): the respondent's
 *   estate (and so community), `answers` = the chosen option's index per question (smallint[], in
 *   question order), submitted_at.
 *
 * The warehouse mirrors the first three at record grain through the outbox (etl/src/sources/party_building.ts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('party_organizations', (table) => {
      table.increments('id')
      table.integer('community_id').notNullable().references('regions.id')
      table.integer('estate_id').nullable().references('estates.id')
      table.string('level', 16).notNullable()
      table.string('name', 100).notNullable()
      table.string('kind', 16).notNullable()
      table.date('founded_on').notNullable()
      table.string('secretary', 50).notNullable().defaultTo('')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
      table.index(['community_id'])
    })
    this.schema.raw(`ALTER TABLE party_organizations ADD CONSTRAINT party_organizations_kind_check CHECK (kind IN ('independent', 'joint', 'functional'))`)
    this.schema.raw(`ALTER TABLE party_organizations ADD CONSTRAINT party_organizations_level_check CHECK ((level = 'estate' AND estate_id IS NOT NULL) OR (level = 'community' AND estate_id IS NULL))`)

    this.schema.createTable('committee_members', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.string('name', 50).notNullable()
      table.string('role', 16).notNullable()
      table.boolean('is_party_member').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
    })
    this.schema.raw(`ALTER TABLE committee_members ADD CONSTRAINT committee_members_role_check CHECK (role IN ('director', 'deputy', 'member'))`)

    this.schema.createTable('red_property_projects', (table) => {
      table.integer('estate_id').primary().references('estates.id')
      table.smallint('designated_year').notNullable()
    })

    this.schema.createTable('opinion_collections', (table) => {
      table.increments('id')
      table.integer('street_id').notNullable().references('regions.id')
      table.string('title', 200).notNullable()
      table.date('starts_on').notNullable()
      table.date('ends_on').notNullable()
      table.jsonb('questions').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['street_id'])
    })
    this.schema.raw(`ALTER TABLE opinion_collections ADD CONSTRAINT opinion_collections_period_check CHECK (ends_on >= starts_on)`)

    this.schema.createTable('opinion_responses', (table) => {
      table.bigIncrements('id')
      table.integer('collection_id').notNullable().references('opinion_collections.id').onDelete('CASCADE')
      table.integer('estate_id').notNullable().references('estates.id')
      table.specificType('answers', 'smallint[]').notNullable()
      table.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    // responses per collection and estate (the counts per community, the distributions)
    this.schema.raw(`CREATE INDEX opinion_responses_collection_estate_index ON opinion_responses (collection_id, estate_id)`)
    // a region's responses (统计 below the warehouse, the bench's PostgreSQL baseline per estate)
    this.schema.raw(`CREATE INDEX opinion_responses_estate_index ON opinion_responses (estate_id)`)
  }

  async down() {
    this.schema.dropTable('opinion_responses')
    this.schema.dropTable('opinion_collections')
    this.schema.dropTable('red_property_projects')
    this.schema.dropTable('committee_members')
    this.schema.dropTable('party_organizations')
  }
}
