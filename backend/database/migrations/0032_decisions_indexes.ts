import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 业主决策情况 (module 8, docs/decisions.md): the warehouse's ballot facts page through the standing
 * ballots by their ballot id (the rebuild's row path and the reconciliation, ≈ 5M rows at city
 * scale); without this index each page would scan and sort the whole table.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE INDEX voting_standing_ballots_ballot_id_index ON voting_standing_ballots (ballot_id)')
  }

  async down() {
    this.schema.raw('DROP INDEX voting_standing_ballots_ballot_id_index')
  }
}
