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
 * The records behind a 备案情况 number ("穿透"): estates of a region with their filing state,
 * read from PostgreSQL's `estate_filing_states` view with the same filters the statistic used.
 */
export function estateFilingQuery(region: Region, filters: EstateFilingFilters) {
  const query = db.from('estate_filing_states')
  if (region.level !== 'city') query.where(`${region.level}_id`, region.id)
  if (filters.estate_id) query.where('estate_id', filters.estate_id)
  if (filters.contract_status) query.where('contract_status', filters.contract_status)
  if (filters.assembly_status) query.where('assembly_status', filters.assembly_status)
  if (filters.q) query.whereILike('estate_name', containing(filters.q))
  return query.orderBy('district_id').orderBy('street_id').orderBy('community_id').orderBy('estate_name').orderBy('estate_id')
}
