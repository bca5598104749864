/**
 * Every warehouse fact table that mirrors PostgreSQL records, declared next to its source query:
 * `etl/src/sources/<slug>.ts` exports `factSources`, one per fact table of the module (how to page
 * through the source, how a source row becomes a fact row, which fields reconciliation compares, the
 * outbox topic that feeds the table and its transformer, see topics.ts). They are discovered here for
 * every STATISTICS_MODULES slug — there is no list to edit; a statistics module without its file fails
 * at load.
 */
import { STATISTICS_MODULES } from '@szpm/core'
import { loadModuleFiles } from '@szpm/warehouse'
import type { QueryFn } from './pg.ts'
import type { TopicTransformer } from './payload.ts'

/**
 * The rebuild's bulk path: one PostgreSQL SELECT producing exactly `columns` (the fact table's
 * columns, in this order) for every source row, streamed out of PostgreSQL with COPY and into
 * ClickHouse as TabSeparated without a per-row JavaScript transform. Its rows must equal what
 * `toFactRow` makes of the same source rows (the reconciliation compares them).
 *
 * Pitfalls (PostgreSQL text COPY → ClickHouse TabSeparated; example: sources/evaluations.ts, test:
 * etl/tests/integration/bulk_rebuild.spec.ts):
 * - Columns are matched by POSITION: the select lists exactly `columns`, in that order.
 * - NULL leaves PostgreSQL as `\N`, which only a Nullable column reads as NULL; for any other column
 *   coalesce to the value toFactRow writes ('' for a name, 0 for an id) or the insert fails.
 * - Booleans as `::int` (0/1: PostgreSQL writes t/f); dates as to_char(…, 'YYYY-MM-DD'); DateTime
 *   as unix seconds zero-padded to 10 digits (ClickHouse 18.16 reads nothing shorter); numbers
 *   rounded in SQL as toFactRow rounds them (numeric text, or float8 whose shortest text is what
 *   JSON writes); enums / strings exactly as stored.
 * - `version` and `changedAt` are interpolated: use bulkVersionSelect (sources/source_rows.ts), and
 *   ESTATE_PLACE_BULK_SELECT / ESTATE_PLACE_FACT_COLUMNS for the place columns.
 * - A collapsing table selects `1 as sign`; the select must not depend on session settings
 *   (DateStyle, TimeZone: format dates and times explicitly) and needs no ORDER BY (ClickHouse sorts
 *   each block).
 * - Text escaping needs nothing: PostgreSQL writes \\ \t \n \r (and \b \f \v) as ClickHouse reads them.
 */
export type BulkSource = {
  readonly columns: readonly string[]
  /** the SELECT for a rebuild at outbox id `version` (a decimal string) and time `changedAt` (unix seconds) */
  select(version: string, changedAt: number): string
}

/**
 * A pre-aggregated table kept beside a fact table (only where a bench row shows it is needed):
 * `select(factsTable, version)` computes all its rows from the facts (the rebuild fills the rollup's
 * staging copy from the facts' staging copy with it); the drain recomputes the rows of the estates
 * it touched with `select(table, version, estateIds)`; the reconciliation compares the rollup with a
 * fresh computation. ReplacingMergeTree(version) keyed by estate_id, read with FINAL.
 */
export type Rollup = {
  readonly table: string
  /** columns that, with estate_id, identify one rollup row when an estate id holds several (default: none) */
  readonly key?: readonly string[]
  /**
   * The SELECT (trusted SQL) of the rollup's rows computed from `factsTable` at `version`: every estate
   * (the rebuild), or only `estateIds` (the drain), each of them with a row even when nothing is left.
   */
  select(factsTable: string, version: string, estateIds?: readonly number[]): string
}

export type FactSource<Row extends { estate_id: number } = { estate_id: number }> = {
  readonly table: string
  /** the outbox topic that feeds the table (declared in the module's `statistics.facts`) */
  readonly topic: string
  /** how an event of `topic` becomes fact rows of `table` */
  readonly transformer: TopicTransformer
  /** the rebuild's streaming path (see BulkSource) */
  readonly bulk?: BulkSource
  /**
   * For CollapsingMergeTree tables (column `sign` Int8): the columns identifying one record. The
   * drain writes a cancel row (sign -1, a copy of the live row read from the warehouse) before each
   * new state, so sums are exact without FINAL and a moved or deleted record leaves nothing behind.
   */
  readonly collapsing?: { readonly identity: readonly string[] }
  /** rollups the rebuild and the drain keep beside this table */
  readonly rollups?: readonly Rollup[]
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

/** What `etl/src/sources/<slug>.ts` exports for its statistics module: one source per fact table. */
export type ModuleSourceFile = { factSources: readonly FactSource<any>[] }

/** loads `sources/<slug>.ts` for each slug (exported for tests) */
export function loadSourceFiles(slugs: readonly string[]): Promise<Readonly<Record<string, ModuleSourceFile>>> {
  return loadModuleFiles<ModuleSourceFile>(new URL('./sources/', import.meta.url), slugs, ['factSources'])
}

/** the source file of every statistics module, by slug, in declaration order */
export const MODULE_SOURCE_FILES = await loadSourceFiles(STATISTICS_MODULES.map((module) => module.slug))

/**
 * The fact sources of each statistics module, by the module's slug (core/src/modules, STATISTICS_MODULES);
 * their tables and topics are the ones its declaration names (`statistics.facts`, a unit test checks).
 */
export const FACT_SOURCES_BY_MODULE: Readonly<Record<string, readonly FactSource<any>[]>> = Object.freeze(
  Object.fromEntries(Object.entries(MODULE_SOURCE_FILES).map(([slug, file]) => [slug, file.factSources]))
)

/** what the rebuild and the reconciliation walk, in this order */
export const FACT_SOURCES: readonly FactSource<any>[] = Object.values(FACT_SOURCES_BY_MODULE).flat()

/** The sources of the given module slugs (all when none is given); an unknown slug is refused with the known ones. */
export function factSourcesOf(slugs: readonly string[] = []): readonly FactSource<any>[] {
  if (slugs.length === 0) return FACT_SOURCES
  return slugs.flatMap((slug) => {
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
