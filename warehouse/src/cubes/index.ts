import { estateEvaluations } from './evaluations.ts'
import { estateFilings } from './filings.ts'
import { estateProfiles } from './projects.ts'
import type { CubeDefinition } from './types.ts'

export const cubes: Readonly<Record<string, CubeDefinition>> = Object.freeze({
  [estateFilings.name]: estateFilings,
  [estateProfiles.name]: estateProfiles,
  [estateEvaluations.name]: estateEvaluations,
})

export { estateFilings, estateProfiles, estateEvaluations }
export { hierarchy, levels, childLevel, parentLevel, isLevel, levelDefinition } from './hierarchy.ts'
export type { Level, LevelDefinition } from './hierarchy.ts'
export type { CubeDefinition, FilterDefinition, MetricDefinition, MetricKind, ParamDefinition } from './types.ts'
