import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The house register read per estate: the houses, households (houses with an owner) and area of an
 * estate come from an index-only scan. Used by `refreshHouseTotals` (the totals kept on `estates`) and
 * by the benchmark's PostgreSQL baseline of 项目管理 (bench/lib/pg_stats.mjs), which counts houses
 * from the register as the warehouse does from house_facts.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE INDEX IF NOT EXISTS houses_estate_totals_index ON houses (estate_id) INCLUDE (owner_id, building_area)')
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS houses_estate_totals_index')
  }
}
