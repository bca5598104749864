import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'

export interface EstateFilingFilters {
  estate_id?: number
  contract_status?: string
  assembly_status?: string
  q?: string
}

/**
 * The records behind a 备案情况 number ("穿透"): estates of a region with their filing state as of
 * `asOf` (the platform clock's date, YYYY-MM-DD — a contract past its expiry date reads 已过期), read
 * from PostgreSQL's `estate_filing_states_on(date)` with the same filters the statistic used.
 */
export function estateFilingQuery(region: Region, filters: EstateFilingFilters, asOf: string) {
  // Lucid's types leave raw sources out of `from`; it hands them to knex as they are
  const query = db.from(db.raw('estate_filing_states_on(?::date) AS estate_filing_states', [asOf]) as never)
  if (region.level !== 'city') query.where(`${region.level}_id`, region.id)
  if (filters.estate_id) query.where('estate_id', filters.estate_id)
  if (filters.contract_status) query.where('contract_status', filters.contract_status)
  if (filters.assembly_status) query.where('assembly_status', filters.assembly_status)
  if (filters.q) query.whereILike('estate_name', containing(filters.q))
  return query.orderBy('district_id').orderBy('street_id').orderBy('community_id').orderBy('estate_name').orderBy('estate_id')
}
