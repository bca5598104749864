/**
 * An estate's profile for 项目管理 (type, houses, households, area, company, owners' committee),
 * read from `estates` (whose totals the house register keeps current) joined to its regions.
 * Used by the outbox writers, the rebuild and the reconciliation; the module's fact source and topic
 * transformer (found by slug: etl/src/fact_sources.ts, etl/src/topics.ts).
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
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
export const ESTATE_PROFILE_FACTS_TABLE = 'estate_profile_facts'

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

/** Profile row + version/changed_at → estate_profile_facts row (also used by the rebuild). */
export function estateProfileFactRow(profile: EstateProfile, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    district_id: profile.district_id,
    district_name: profile.district_name,
    street_id: profile.street_id,
    street_name: profile.street_name,
    community_id: profile.community_id,
    community_name: profile.community_name,
    estate_id: profile.estate_id,
    estate_name: profile.estate_name,
    estate_type: profile.estate_type,
    house_count: profile.house_count,
    household_count: profile.household_count,
    building_area: profile.building_area,
    company_name: profile.company_name,
    has_committee: profile.has_committee ? 1 : 0,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
  }
}

/** Validates an `estate_profile` payload. */
export function parseEstateProfile(payload: unknown, event = 'estate_profile'): EstateProfile {
  const p = payloadObject(payload, event)
  for (const key of ['estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  for (const key of ['house_count', 'household_count']) requireId(p, key, event)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name', 'estate_type', 'company_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  if (!Number.isFinite(Number(p.building_area))) throw new PayloadError(`${event}: building_area must be a number`)
  if (typeof p.has_committee !== 'boolean') throw new PayloadError(`${event}: has_committee must be a boolean`)
  return normalizeEstateProfile(p)
}

/** 项目管理's fact source: rebuild and reconcile page through the estates. */
export const factSource: FactSource<EstateProfile> = {
  table: ESTATE_PROFILE_FACTS_TABLE,
  loadPage: loadEstateProfilePage,
  toFactRow: estateProfileFactRow,
  fields: ['estate_name', 'district_id', 'street_id', 'community_id', 'estate_type', 'house_count', 'household_count', 'building_area', 'company_name', 'has_committee'],
}

/** The `estate_profile` outbox topic → estate_profile_facts. */
export const topicTransformer = sourceRowTopic(ESTATE_PROFILE_FACTS_TABLE, parseEstateProfile, estateProfileFactRow)
