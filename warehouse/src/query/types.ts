import type { ScalarType } from '../binding.ts'
import type { CubeDefinition, MetricDefinition } from '../cubes/types.ts'
import type { Level, LevelDefinition } from '../cubes/hierarchy.ts'

export type FilterKey = 'district_id' | 'street_id' | 'community_id' | 'estate_id'
export type FilterValue = number | string | null | undefined
/** Hierarchy ids, plus the extra filter keys a cube declares (e.g. `year`); null/undefined = no filter. */
export type Filters = Partial<Record<FilterKey, FilterValue>> & Readonly<Record<string, FilterValue>>

/** The one query shape (modelled on Plausible's stats query / Cube's hierarchies). */
export type DrillDownQuery = {
  readonly cube: string
  readonly metrics: readonly string[]
  /** `[level]`: the hierarchy level to group by. Required for drillDown, ignored by totals. */
  readonly dimensions?: readonly Level[]
  readonly filters?: Filters
  /** Values of the cube's declared params (e.g. `{ asOf: '2026-07-01' }`); all are required when a cube declares any. */
  readonly params?: Readonly<Record<string, unknown>>
}

/** A validated equality filter: trusted column, normalized value, its ClickHouse type. */
export type ParsedFilter = { readonly column: string; readonly value: unknown; readonly type: ScalarType }
export type ParsedParam = { readonly name: string; readonly value: unknown; readonly type: ScalarType }

export type ParsedQuery = {
  readonly cube: CubeDefinition
  readonly metrics: ReadonlyArray<readonly [name: string, definition: MetricDefinition]>
  /** null for totals. */
  readonly level: LevelDefinition | null
  readonly filters: readonly ParsedFilter[]
  readonly params: readonly ParsedParam[]
}

export type DrillDownRow = { id: number; name: string; [metric: string]: number | string | null }
/** average metrics are null when nothing could be averaged */
export type TotalsRow = Record<string, number | null>

/** An invalid query (unknown cube / metric / level / filter / param, bad value). Map to HTTP 400. */
export class QueryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'QueryError'
  }
}
