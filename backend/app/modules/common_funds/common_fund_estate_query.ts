import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'

export interface CommonFundEstateFilters {
  estate_id?: number
  should_open?: '0' | '1'
  open_state?: 'opened' | 'not_opened'
  account_kind?: 'basic' | 'co_managed'
  account_status?: 'normal' | 'closed'
  abnormal?: '0' | '1'
  enforcement?: 'rectification' | 'penalty'
  q?: string
}

/**
 * The records behind a 共有资金情况 number (穿透): the estates of a region with their account and
 * state as of `asOf`, from PostgreSQL's `common_fund_estates_on(as_of, open_days)` (backend migration
 * 0022, the rule the warehouse cube applies) with the filters the metric uses. One row per estate.
 */
export function commonFundEstateQuery(region: Region, filters: CommonFundEstateFilters, asOf: string, openDays: number) {
  // Lucid's types leave raw sources out of `from`; it hands them to knex as they are
  const query = db.from(db.raw('common_fund_estates_on(?::date, ?::integer) AS s', [asOf, openDays]) as never)
  if (region.level !== 'city') query.where(`${region.level}_id`, region.id)
  if (filters.estate_id) query.where('estate_id', filters.estate_id)
  if (filters.should_open) query.where('should_open', filters.should_open === '1')
  if (filters.open_state === 'opened') query.where('opened', true)
  if (filters.open_state === 'not_opened') query.where('should_open', true).where('opened', false)
  if (filters.account_kind) query.where('account_kind', filters.account_kind)
  if (filters.account_status) query.where('account_status', filters.account_status)
  if (filters.abnormal) query.where('abnormal', filters.abnormal === '1')
  if (filters.enforcement === 'rectification') query.whereNotNull('rectification_on')
  if (filters.enforcement === 'penalty') query.whereNotNull('penalty_on')
  if (filters.q) query.whereILike('estate_name', containing(filters.q))
  return query.orderBy('district_id').orderBy('street_id').orderBy('community_id').orderBy('estate_name').orderBy('estate_id')
}
