import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 电子投票 (module 17, app/modules/voting, docs/voting.md): the owners' assembly votes by 专有部分.
 *
 * The house register learns what the tally needs (domain-rules.md §1, interpretation arts. 8–9):
 * - `houses.developer_held`: unsold, or sold and not delivered — the developer's houses together count
 *   as one owner, whoever the register names (the developer's own owners row, so it can vote, or none).
 * - `house_co_owners`: the other registered owners of a co-owned house (`houses.owner_id` is the first);
 *   the same set of owners holding several houses counts once.
 * - `owner_accounts`: which register owners a signed-in owner account was bound to (name + phone + SMS
 *   matched against the register, domain-rules §1 "the binding check").
 *
 * Meetings and their topics; ballots (every one kept: the audit trail) and the standing ballot of each
 * house per topic (the latest, replaced in the ballot's transaction) that the tally reads.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('houses', (table) => {
      table.boolean('developer_held').notNullable().defaultTo(false)
    })

    this.schema.createTable('house_co_owners', (table) => {
      table.bigInteger('house_id').notNullable().references('houses.id').onDelete('CASCADE')
      table.bigInteger('owner_id').notNullable().references('owners.id')
      table.primary(['house_id', 'owner_id'])
      table.index(['owner_id'])
    })

    this.schema.createTable('owner_accounts', (table) => {
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.bigInteger('owner_id').notNullable().references('owners.id')
      table.timestamp('bound_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['user_id', 'owner_id'])
      table.index(['owner_id'])
    })

    this.schema.createTable('voting_meetings', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.string('kind', 20).notNullable()
      table.string('convener', 12).notNullable().defaultTo('committee')
      table.text('title').notNullable()
      table.timestamp('opens_at', { useTz: true }).notNullable()
      table.timestamp('closes_at', { useTz: true }).notNullable()
      table.string('status', 12).notNullable().defaultTo('draft')
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('result_published_at', { useTz: true }).nullable()
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['estate_id'])
    })
    this.schema.raw(`ALTER TABLE voting_meetings ADD CONSTRAINT voting_meetings_kind_check CHECK (kind IN ('owners_assembly', 'committee'))`)
    this.schema.raw(`ALTER TABLE voting_meetings ADD CONSTRAINT voting_meetings_convener_check CHECK (convener IN ('committee', 'proxy'))`)
    this.schema.raw(`ALTER TABLE voting_meetings ADD CONSTRAINT voting_meetings_status_check CHECK (status IN ('draft', 'published', 'closed'))`)
    this.schema.raw(`ALTER TABLE voting_meetings ADD CONSTRAINT voting_meetings_period_check CHECK (closes_at > opens_at)`)

    this.schema.createTable('voting_topics', (table) => {
      table.increments('id')
      table.integer('meeting_id').notNullable().references('voting_meetings.id').onDelete('CASCADE')
      table.smallint('seq').notNullable()
      table.text('title').notNullable()
      table.text('description').notNullable().defaultTo('')
      table.smallint('art278_item').notNullable()
      // the tally when the meeting closed (app/modules/voting/tally.ts), kept with the topic
      table.jsonb('result').nullable()
      table.boolean('passed').nullable()
      table.unique(['meeting_id', 'seq'])
    })
    this.schema.raw(`ALTER TABLE voting_topics ADD CONSTRAINT voting_topics_item_check CHECK (art278_item BETWEEN 1 AND 9)`)

    this.schema.createTable('voting_ballots', (table) => {
      table.bigIncrements('id')
      table.integer('topic_id').notNullable().references('voting_topics.id').onDelete('CASCADE')
      table.bigInteger('house_id').notNullable().references('houses.id')
      table.string('choice', 8).notNullable()
      table.string('channel', 8).notNullable()
      // h5: the bound owner who voted; paper: the committee account that entered it, with the scan
      table.integer('user_id').notNullable().references('users.id')
      table.bigInteger('owner_id').nullable().references('owners.id')
      table.text('scan_path').nullable()
      // a client's idempotency key: a replayed or double submit finds the ballot it already made
      table.uuid('request_id').notNullable()
      table.timestamp('cast_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.unique(['topic_id', 'request_id'])
      table.index(['topic_id', 'house_id'])
    })
    this.schema.raw(`ALTER TABLE voting_ballots ADD CONSTRAINT voting_ballots_choice_check CHECK (choice IN ('agree', 'oppose', 'abstain'))`)
    this.schema.raw(`ALTER TABLE voting_ballots ADD CONSTRAINT voting_ballots_channel_check CHECK (channel IN ('h5', 'paper'))`)
    this.schema.raw(`ALTER TABLE voting_ballots ADD CONSTRAINT voting_ballots_paper_scan CHECK (channel <> 'paper' OR scan_path IS NOT NULL)`)

    this.schema.createTable('voting_standing_ballots', (table) => {
      table.integer('topic_id').notNullable().references('voting_topics.id').onDelete('CASCADE')
      table.bigInteger('house_id').notNullable().references('houses.id')
      table.bigInteger('ballot_id').notNullable().references('voting_ballots.id')
      table.string('choice', 8).notNullable()
      table.primary(['topic_id', 'house_id'])
    })
  }

  async down() {
    this.schema.dropTable('voting_standing_ballots')
    this.schema.dropTable('voting_ballots')
    this.schema.dropTable('voting_topics')
    this.schema.dropTable('voting_meetings')
    this.schema.dropTable('owner_accounts')
    this.schema.dropTable('house_co_owners')
    this.schema.alterTable('houses', (table) => {
      table.dropColumn('developer_held')
    })
  }
}
