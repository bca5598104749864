export type MetricKind = 'count' | 'rate' | 'sum'

export type MetricDefinition = {
  /** Trusted ClickHouse aggregate expression. */
  readonly sql: string
  /** count → integer (UInt64 strings become numbers); rate → 0..1 rounded to 4 decimals; sum → rounded to 2 decimals. */
  readonly kind: MetricKind
  readonly description?: string
}

export type CubeDefinition = {
  readonly name: string
  readonly table: string
  /** Read with FINAL (ReplacingMergeTree tables). */
  readonly final: boolean
  readonly metrics: Readonly<Record<string, MetricDefinition>>
}
