/**
 * 项目管理's facts: the estate profile (type, company, owners' committee, place — one row per estate,
 * also the estate dimension other cubes join for the place of an estate) from `estates` joined to its
 * regions, and the house register at record grain (sources/houses.ts: one row per house, with the
 * per-estate rollup). The house totals kept on `estates` are not copied: the warehouse counts houses.
 * Used by the outbox writers, the rebuild and the reconciliation; the module's fact sources and topic
 * transformers (found by slug: etl/src/fact_sources.ts, etl/src/topics.ts).
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource } from '../fact_sources.ts'
import { houseFactSource } from './houses.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, ESTATE_PLACE_BULK_SELECT, ESTATE_PLACE_COLUMNS, ESTATE_PLACE_FACT_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export type EstateProfile = EstatePlace & {
  estate_type: string
  company_name: string
  has_committee: boolean
}

export const ESTATE_PROFILE_TOPIC = 'estate_profile'
export const ESTATE_PROFILE_FACTS_TABLE = 'estate_profile_facts'

export function estateProfileSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('e.id', options)
  return `select
  ${ESTATE_PLACE_COLUMNS},
  e.estate_type, coalesce(e.company_name, '') as company_name, e.has_committee
from estates e
${ESTATE_PLACE_JOINS}${where ? `\n${where}` : ''}
order by e.id${limit ? `\n${limit}` : ''}`
}

export function normalizeEstateProfile(row: Record<string, unknown>): EstateProfile {
  return {
    ...normalizeEstatePlace(row),
    estate_type: String(row.estate_type),
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
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name', 'estate_type', 'company_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  if (typeof p.has_committee !== 'boolean') throw new PayloadError(`${event}: has_committee must be a boolean`)
  return normalizeEstateProfile(p)
}

/** The rebuild's COPY of every estate profile, in estate_profile_facts' column order. */
const profileBulk: BulkSource = {
  columns: [
    ...ESTATE_PLACE_FACT_COLUMNS,
    'estate_type', 'company_name', 'has_committee', 'changed_at', 'version',
  ],
  select(version, changedAt) {
    return `select ${ESTATE_PLACE_BULK_SELECT},
  e.estate_type, coalesce(e.company_name, '') as company_name, e.has_committee::int as has_committee,
  ${bulkVersionSelect(version, changedAt)}
from estates e
${ESTATE_PLACE_JOINS}`
  },
}

/** 项目管理's estate profiles: rebuild and reconcile page through the estates. */
const factSource: FactSource<EstateProfile> = {
  table: ESTATE_PROFILE_FACTS_TABLE,
  topic: ESTATE_PROFILE_TOPIC,
  transformer: sourceRowTopic(ESTATE_PROFILE_FACTS_TABLE, parseEstateProfile, estateProfileFactRow),
  loadPage: loadEstateProfilePage,
  toFactRow: estateProfileFactRow,
  bulk: profileBulk,
  fields: ['estate_name', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_type', 'company_name', 'has_committee'],
}

/** the estate profiles first: other modules' cubes join them as the estate dimension */
export const factSources: readonly FactSource<any>[] = [factSource, houseFactSource]
