/**
 * Every warehouse fact table that mirrors per-estate state in PostgreSQL, declared once: how to page
 * through the source, how a source row becomes a fact row, and which fields reconciliation compares.
 * The rebuild and the reconciliation walk this list; a new statistics module adds one entry, under its slug.
 */
import { ESTATE_EVALUATION_FACTS_TABLE, ESTATE_FILING_FACTS_TABLE } from '@szpm/warehouse'
import type { QueryFn } from './pg.ts'
import { loadEstateFilingStatePage } from './sources/filings.ts'
import type { EstateFilingState } from './sources/filings.ts'
import { loadEstateProfilePage } from './sources/projects.ts'
import type { EstateProfile } from './sources/projects.ts'
import { loadEstateEvaluationPage } from './sources/evaluations.ts'
import type { EstateEvaluation } from './sources/evaluations.ts'
import { ESTATE_PROFILE_FACTS_TABLE, estateEvaluationFactRow, estateFilingFactRow, estateProfileFactRow } from './topics.ts'

export type FactSource<Row extends { estate_id: number } = { estate_id: number }> = {
  readonly table: string
  /** One keyset page of source rows after the cursor `afterId` (see `cursor`), ordered by it. */
  loadPage(queryFn: QueryFn, afterId: number, limit: number): Promise<Row[]>
  /** The keyset cursor of a row (default: its estate_id — one row per estate). */
  cursor?(row: Row): number
  /**
   * Columns that, with estate_id, identify one logical fact row, for tables with several rows per
   * estate (e.g. ['year', 'half']). Default: none — one row per estate.
   */
  readonly key?: readonly (keyof Row & string)[]
  /** Counts the source rows (progress bar of the rebuild); default: the estates. */
  readonly countSql?: string
  toFactRow(row: Row, version: string, changedAt: Date): Record<string, unknown>
  /** Fields compared with the warehouse's row (after FINAL); numbers compare as numbers. */
  readonly fields: readonly (keyof Row & string)[]
}

const estateFilingSource: FactSource<EstateFilingState> = {
  table: ESTATE_FILING_FACTS_TABLE,
  loadPage: loadEstateFilingStatePage,
  toFactRow: estateFilingFactRow,
  fields: ['estate_name', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'contract_status', 'contract_expires_on', 'assembly_status'],
}

const estateProfileSource: FactSource<EstateProfile> = {
  table: ESTATE_PROFILE_FACTS_TABLE,
  loadPage: loadEstateProfilePage,
  toFactRow: estateProfileFactRow,
  fields: ['estate_name', 'district_id', 'street_id', 'community_id', 'estate_type', 'house_count', 'household_count', 'building_area', 'company_name', 'has_committee'],
}

/** 街道社区评价: one row per estate × year × half, paged by evaluation id. */
const estateEvaluationSource: FactSource<EstateEvaluation> = {
  table: ESTATE_EVALUATION_FACTS_TABLE,
  loadPage: loadEstateEvaluationPage,
  cursor: (row) => row.evaluation_id,
  key: ['year', 'half'],
  countSql: 'select count(*) from evaluations',
  toFactRow: estateEvaluationFactRow,
  fields: ['estate_name', 'district_id', 'street_id', 'community_id', 'state', 'was_submitted', 'final_score', 'closes_on'],
}

/**
 * One fact source per statistics module, by the module's slug (core/src/modules, STATISTICS_MODULES);
 * each source's table is the one its declaration names (`statistics.facts.table`). A unit test checks
 * both ways: every statistics module has a source, every source a statistics module.
 */
export const FACT_SOURCES_BY_MODULE: Readonly<Record<string, FactSource<any>>> = {
  filings: estateFilingSource,
  projects: estateProfileSource,
  evaluations: estateEvaluationSource,
}

/** what the rebuild and the reconciliation walk, in this order */
export const FACT_SOURCES: readonly FactSource<any>[] = Object.values(FACT_SOURCES_BY_MODULE)

/** The sources of the given module slugs (all when none is given); an unknown slug is refused with the known ones. */
export function factSourcesOf(slugs: readonly string[] = []): readonly FactSource<any>[] {
  if (slugs.length === 0) return FACT_SOURCES
  return slugs.map((slug) => {
    if (!Object.hasOwn(FACT_SOURCES_BY_MODULE, slug)) throw new Error(`no fact source for module "${slug}" (known: ${Object.keys(FACT_SOURCES_BY_MODULE).join(', ')})`)
    return FACT_SOURCES_BY_MODULE[slug]
  })
}

/** The keyset cursor after a page's last row. */
export function cursorOf<Row extends { estate_id: number }>(source: FactSource<Row>, row: Row): number {
  return source.cursor ? source.cursor(row) : row.estate_id
}

/** The identity of a fact row within its table: estate_id plus the source's key columns. */
export function factKey(source: FactSource<any>, row: Record<string, unknown>): string {
  return [row.estate_id, ...(source.key ?? []).map((column) => row[column])].map((value) => String(Number(value))).join('|')
}
