/**
 * Every warehouse fact table that mirrors per-estate state in PostgreSQL, declared once: how to page
 * through the source, how a source row becomes a fact row, and which fields reconciliation compares.
 * The rebuild and the reconciliation walk this list; a new statistics module adds one entry.
 */
import { ESTATE_FILING_FACTS_TABLE } from '@szpm/warehouse'
import type { QueryFn } from './pg.ts'
import { loadEstateFilingStatePage } from './sources/estate_filing_state.ts'
import type { EstateFilingState } from './sources/estate_filing_state.ts'
import { loadEstateProfilePage } from './sources/estate_profile.ts'
import type { EstateProfile } from './sources/estate_profile.ts'
import { ESTATE_PROFILE_FACTS_TABLE, estateFilingFactRow, estateProfileFactRow } from './topics.ts'

export type FactSource<Row extends { estate_id: number } = { estate_id: number }> = {
  readonly table: string
  loadPage(queryFn: QueryFn, afterId: number, limit: number): Promise<Row[]>
  toFactRow(row: Row, version: string, changedAt: Date): Record<string, unknown>
  /** Fields compared with the warehouse's row (after FINAL); numbers compare as numbers. */
  readonly fields: readonly (keyof Row & string)[]
}

const estateFilingSource: FactSource<EstateFilingState> = {
  table: ESTATE_FILING_FACTS_TABLE,
  loadPage: loadEstateFilingStatePage,
  toFactRow: estateFilingFactRow,
  fields: ['estate_name', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'contract_status', 'assembly_status'],
}

const estateProfileSource: FactSource<EstateProfile> = {
  table: ESTATE_PROFILE_FACTS_TABLE,
  loadPage: loadEstateProfilePage,
  toFactRow: estateProfileFactRow,
  fields: ['estate_name', 'district_id', 'street_id', 'community_id', 'estate_type', 'house_count', 'household_count', 'building_area', 'company_name', 'has_committee'],
}

export const FACT_SOURCES: readonly FactSource<any>[] = [estateFilingSource, estateProfileSource]
