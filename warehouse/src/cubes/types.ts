import type { ScalarType } from '../binding.ts'

/**
 * count → integer (UInt64 strings become numbers); rate → 0..1 rounded to 4 decimals; sum → rounded
 * to 2 decimals; average → rounded to 2 decimals, null when there is nothing to average (NULL/NaN).
 */
export type MetricKind = 'count' | 'rate' | 'sum' | 'average'

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

export type CubeDefinition = {
  readonly name: string
  readonly table: string
  /** Read with FINAL (ReplacingMergeTree tables). */
  readonly final: boolean
  readonly metrics: Readonly<Record<string, MetricDefinition>>
  /** Extra filter keys (beyond district_id … estate_id), keyed by the name used in `filters`. */
  readonly filters?: Readonly<Record<string, FilterDefinition>>
  /** Named parameters of the metric SQL, keyed by the name used in `params` and in the SQL. */
  readonly params?: Readonly<Record<string, ParamDefinition>>
}
