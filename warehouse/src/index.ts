/** @szpm/warehouse — ClickHouse client, migrations and the typed drill-down query layer. No side effects on import. */
export { warehouseConfigFromEnv, requireEnv, assertIdentifier, ConfigError } from './config.ts'
export type { WarehouseConfig } from './config.ts'
export { createWarehouse } from './client.ts'
export type { StreamFormat, Warehouse, WarehouseOptions } from './client.ts'
export { BindingError, renderLiteral, escapeString, normalizeValue, bind, sql, raw, joinSql, compile, modeForVersion } from './binding.ts'
export type { Binding, ClickHouseType, CompileMode, CompiledQuery, ScalarType, SqlFragment } from './binding.ts'
export { loadModuleFiles } from './module_files.ts'
export { migrate, dropDatabase, listMigrations, splitStatements, MIGRATIONS_DIR } from './migrator.ts'
export type { MigrateResult, MigrationFile } from './migrator.ts'
export { clusterConfigFromEnv, migrateCluster, dropCluster, clusterRebuildStaging, shardDatabaseOf, SHARDING_KEY } from './cluster.ts'
export type { ClusterConfig, ClusterMigrateResult } from './cluster.ts'
export { cubes, loadCubeFiles, hierarchy, levels, childLevel, parentLevel, isLevel, levelDefinition } from './cubes/index.ts'
export type { CubeDefinition, FilterDefinition, Level, LevelDefinition, MetricDefinition, MetricKind, ParamDefinition } from './cubes/index.ts'
export { drillDown, drillDownWithTotals, totals, buildSql, buildFragment, parseQuery, shapeRows, shapeTotals, QueryError } from './query/index.ts'
export { CREDIT_CATEGORY_CODES, CREDIT_PER_ESTATE, CREDIT_PER_ESTATE_FROM_FACTS } from './cubes/credit.ts'
export type { DrillDownQuery, DrillDownRow, Filters, FilterKey, FilterValue, ParsedQuery, ParsedFilter, ParsedParam, TotalsRow } from './query/index.ts'

/** Where an estate sits: the hierarchy columns every per-estate fact row (and its source row) leads with. */
export type EstatePlace = {
  district_id: number
  district_name: string
  street_id: number
  street_name: string
  community_id: number
  community_name: string
  estate_id: number
  estate_name: string
}

/** What every fact row carries besides its data: when it changed and which outbox event wrote it. */
export type FactVersion = {
  /** Unix seconds (or 'YYYY-MM-DD hh:mm:ss' in the server time zone). */
  changed_at: number | string
  /** Decimal string (UInt64): the outbox event id (a rebuild: the max outbox id of its snapshot). */
  version: string
}

/** The fact table of 备案情况 at record grain (one row per filing), written by @szpm/etl and read by the estate_filings cube. */
export const FILING_FACTS_TABLE = 'filing_facts'
export type FilingKind = 'contract' | 'assembly'
/** as stored in PostgreSQL `filings` (the cube decides an estate's state from these) */
export type FilingStatus = 'filed' | 'expired' | 'withdrawn'
export type FilingFactRow = FactVersion & {
  estate_id: number
  filing_id: number
  kind: FilingKind
  status: FilingStatus
  /** YYYY-MM-DD */
  filed_on: string
  /** YYYY-MM-DD, the contract's last day; null: open-ended */
  expires_on: string | null
}

/** The fact table written by @szpm/etl and read by the estate_evaluations cube (街道社区评价). */
export const ESTATE_EVALUATION_FACTS_TABLE = 'estate_evaluation_facts'
export type EvaluationFactState = 'pending' | 'submitted' | 'reviewed' | 'auto_scored'
export type EstateEvaluationFactRow = EstatePlace & FactVersion & {
  year: number
  /** 1 | 2 */
  half: number
  state: EvaluationFactState
  /** 1 when community staff submitted scores at some point */
  was_submitted: 0 | 1
  /** the score that took effect; 0 when none yet */
  final_score: number
  /** YYYY-MM-DD, the last day of the half's window */
  closes_on: string
}
