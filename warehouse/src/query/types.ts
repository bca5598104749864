import type { CubeDefinition, MetricDefinition } from '../cubes/types.ts'
import type { Level, LevelDefinition } from '../cubes/hierarchy.ts'

export type FilterKey = 'district_id' | 'street_id' | 'community_id' | 'estate_id'
export type Filters = Partial<Record<FilterKey, number | string | null | undefined>>

/** The one query shape (modelled on Plausible's stats query / Cube's hierarchies). */
export type DrillDownQuery = {
  readonly cube: string
  readonly metrics: readonly string[]
  /** `[level]`: the hierarchy level to group by. Required for drillDown, ignored by totals. */
  readonly dimensions?: readonly Level[]
  readonly filters?: Filters
}

export type ParsedFilter = { readonly column: FilterKey; readonly value: number }

export type ParsedQuery = {
  readonly cube: CubeDefinition
  readonly metrics: ReadonlyArray<readonly [name: string, definition: MetricDefinition]>
  /** null for totals. */
  readonly level: LevelDefinition | null
  readonly filters: readonly ParsedFilter[]
}

export type DrillDownRow = { id: number; name: string; [metric: string]: number | string }
export type TotalsRow = Record<string, number>

/** An invalid query (unknown cube / metric / level / filter, bad filter value). Map to HTTP 400. */
export class QueryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'QueryError'
  }
}
