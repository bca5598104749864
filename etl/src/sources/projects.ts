/**
 * An estate's profile for 项目管理 (type, houses, households, area, company, owners' committee),
 * read from `estates` (whose totals the house register keeps current) joined to its regions.
 * Used by the outbox writers, the rebuild and the reconciliation.
 */
import type { EstatePlace } from '@szpm/warehouse'
import { ESTATE_PLACE_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export type EstateProfile = EstatePlace & {
  estate_type: string
  house_count: number
  household_count: number
  building_area: number
  company_name: string
  has_committee: boolean
}

export const ESTATE_PROFILE_TOPIC = 'estate_profile'

export function estateProfileSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('e.id', options)
  return `select
  ${ESTATE_PLACE_COLUMNS},
  e.estate_type, e.house_count, e.household_count, e.building_area::float8 as building_area,
  coalesce(e.company_name, '') as company_name, e.has_committee
from estates e
${ESTATE_PLACE_JOINS}${where ? `\n${where}` : ''}
order by e.id${limit ? `\n${limit}` : ''}`
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

const readers = sourceReaders(ESTATE_PROFILE_TOPIC, estateProfileSql, normalizeEstateProfile)

export const loadEstateProfiles = readers.load
export const loadEstateProfilePage = readers.loadPage
/** For writers of estates, inside their transaction: one `estate_profile` event per estate. */
export const writeEstateProfileOutbox = readers.writeOutbox
