/**
 * An estate's profile for 项目管理 (type, houses, households, area, company, owners' committee),
 * read from `estates` (whose totals the house register keeps current) joined to its regions.
 * Used by the outbox writers, the rebuild and the reconciliation.
 */
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { estateIdsParam, normalizeEstatePlace } from './estate_filing_state.ts'
import type { ParamStyle } from './estate_filing_state.ts'

export type EstateProfile = {
  estate_id: number
  estate_name: string
  district_id: number
  district_name: string
  street_id: number
  street_name: string
  community_id: number
  community_name: string
  estate_type: string
  house_count: number
  household_count: number
  building_area: number
  company_name: string
  has_committee: boolean
}

export const ESTATE_PROFILE_TOPIC = 'estate_profile'

export function estateProfileSql(options: { estateIds?: boolean; keyset?: boolean; paramStyle?: ParamStyle } = {}): string {
  let n = 0
  const param = () => (options.paramStyle === 'knex' ? '?' : `$${++n}`)
  const where: string[] = []
  if (options.estateIds) where.push(`e.id = any(${param()}::int[])`)
  if (options.keyset) where.push(`e.id > ${param()}`)
  return `select
  e.id as estate_id, e.name as estate_name,
  e.district_id, coalesce(d.name, '') as district_name,
  e.street_id, coalesce(s.name, '') as street_name,
  e.community_id, coalesce(c.name, '') as community_name,
  e.estate_type, e.house_count, e.household_count, e.building_area::float8 as building_area,
  coalesce(e.company_name, '') as company_name, e.has_committee
from estates e
left join regions d on d.id = e.district_id
left join regions s on s.id = e.street_id
left join regions c on c.id = e.community_id${where.length > 0 ? `\nwhere ${where.join(' and ')}` : ''}
order by e.id${options.keyset ? `\nlimit ${param()}` : ''}`
}

export function normalizeEstateProfile(row: Record<string, unknown>): EstateProfile {
  return {
    ...normalizeEstatePlace(row),
    estate_type: String(row.estate_type),
    house_count: Number(row.house_count),
    household_count: Number(row.household_count),
    building_area: Math.round(Number(row.building_area) * 100) / 100,
    company_name: String(row.company_name ?? ''),
    has_committee: row.has_committee === true || row.has_committee === 1 || row.has_committee === '1',
  }
}

export async function loadEstateProfiles(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<EstateProfile[]> {
  if (estateIds.length === 0) return []
  const rows = await queryFn<Record<string, unknown>>(estateProfileSql({ estateIds: true, paramStyle: options.paramStyle }), [estateIdsParam(estateIds)])
  return rows.map(normalizeEstateProfile)
}

export async function loadEstateProfilePage(queryFn: QueryFn, afterId: number, limit: number): Promise<EstateProfile[]> {
  const rows = await queryFn<Record<string, unknown>>(estateProfileSql({ keyset: true }), [afterId, limit])
  return rows.map(normalizeEstateProfile)
}

/** For writers of estates, inside their transaction: one `estate_profile` event per estate. */
export async function writeEstateProfileOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<EstateProfile[]> {
  if (estateIds.length === 0) return []
  return appendOutboxEvents(queryFn, ESTATE_PROFILE_TOPIC, () => loadEstateProfiles(queryFn, estateIds, options), options)
}
