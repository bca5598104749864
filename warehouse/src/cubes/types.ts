import type { ModuleDeclaration } from '@szpm/core'
import type { ScalarType } from '../binding.ts'
import type { Level } from './hierarchy.ts'

/**
 * How a metric aggregates and is shaped; equals the declaration's `aggregation` (a unit test checks).
 * Nothing is rounded here (rounding happens once, in @szpm/core format.ts):
 * count → a number (UInt64 strings become numbers); rate → 0..1, unrounded; sum → unrounded;
 * average → unrounded, null when there is nothing to average (NULL/NaN).
 */
export type MetricKind = 'count' | 'rate' | 'sum' | 'average'

/** The metric keys a module declares (`filings.statistics.metrics`): a cube must define exactly these. */
export type DeclaredMetric<D> = D extends ModuleDeclaration<infer M> ? M : never

export type MetricDefinition = {
  /** Trusted ClickHouse aggregate expression. May reference the cube's params by name (see CubeDefinition.params). */
  readonly sql: string
  readonly kind: MetricKind
  readonly description?: string
}

/** A filter column beyond the hierarchy ids (e.g. `year`): equality, value bound as `type`. */
export type FilterDefinition = {
  /** Trusted column name in the cube's table. */
  readonly column: string
  readonly type: ScalarType
  readonly description?: string
}

/**
 * A query parameter metric SQL can reference by name (e.g. `asOf`). The query layer binds the
 * value as `type` and declares it once as `WITH <value> AS <name>`; every declared param is required.
 */
export type ParamDefinition = {
  readonly type: ScalarType
  readonly description?: string
}

/**
 * A cube. `K` is its metric keys; a cube of a statistics module is typed
 * `CubeDefinition<DeclaredMetric<typeof module>>`, so a declared metric missing from the cube (or a
 * cube metric that is not declared) does not compile.
 */
export type CubeDefinition<K extends string = string> = {
  readonly name: string
  readonly table: string
  /** Read with FINAL (ReplacingMergeTree tables). */
  readonly final: boolean
  /**
   * Trusted SQL appended right after `FROM <table> [FINAL]`, e.g. `ANY LEFT JOIN (SELECT estate_id, …
   * GROUP BY estate_id) USING estate_id`: facts of another grain joined to this table's rows by estate.
   * Filters and the drill-down levels still apply to `table`'s columns.
   */
  readonly join?: string
  /**
   * Trusted SQL condition every query of the cube applies to `table`'s rows, before the filters
   * (e.g. a rollup's units with nothing left: `live_rows != 0`).
   */
  readonly where?: string
  readonly metrics: Readonly<Record<K, MetricDefinition>>
  /**
   * The deepest level the table's rows carry, when it stops above the estate (平安建设's facts are per
   * community: grouping them by estate is refused). Default: the estate.
   */
  readonly leaf?: Level
  /** Extra filter keys (beyond district_id … estate_id), keyed by the name used in `filters`. */
  readonly filters?: Readonly<Record<string, FilterDefinition>>
  /** Named parameters of the metric SQL, keyed by the name used in `params` and in the SQL. */
  readonly params?: Readonly<Record<string, ParamDefinition>>
}
