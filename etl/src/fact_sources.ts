/**
 * Every warehouse fact table that mirrors per-estate state in PostgreSQL, declared once per statistics
 * module next to its source query: `etl/src/sources/<slug>.ts` exports `factSource` (how to page
 * through the source, how a source row becomes a fact row, which fields reconciliation compares) and
 * `topicTransformer` (its outbox topic, see topics.ts). Both are discovered here for every
 * STATISTICS_MODULES slug — there is no list to edit; a statistics module without its file fails at load.
 */
import { STATISTICS_MODULES } from '@szpm/core'
import { loadModuleFiles } from '@szpm/warehouse'
import type { QueryFn } from './pg.ts'
import type { TopicTransformer } from './payload.ts'

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

/** What `etl/src/sources/<slug>.ts` exports for its statistics module. */
export type ModuleSourceFile = { factSource: FactSource<any>; topicTransformer: TopicTransformer }

/** loads `sources/<slug>.ts` for each slug (exported for tests) */
export function loadSourceFiles(slugs: readonly string[]): Promise<Readonly<Record<string, ModuleSourceFile>>> {
  return loadModuleFiles<ModuleSourceFile>(new URL('./sources/', import.meta.url), slugs, ['factSource', 'topicTransformer'])
}

/** the source file of every statistics module, by slug, in declaration order */
export const MODULE_SOURCE_FILES = await loadSourceFiles(STATISTICS_MODULES.map((module) => module.slug))

/**
 * One fact source per statistics module, by the module's slug (core/src/modules, STATISTICS_MODULES);
 * each source's table is the one its declaration names (`statistics.facts.table`, a unit test checks).
 */
export const FACT_SOURCES_BY_MODULE: Readonly<Record<string, FactSource<any>>> = Object.freeze(
  Object.fromEntries(Object.entries(MODULE_SOURCE_FILES).map(([slug, file]) => [slug, file.factSource]))
)

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
