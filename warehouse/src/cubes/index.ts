import { estateFilings } from './estate_filings.ts'
import type { CubeDefinition } from './types.ts'

export const cubes: Readonly<Record<string, CubeDefinition>> = Object.freeze({
  [estateFilings.name]: estateFilings,
})

export { estateFilings }
export { hierarchy, levels, childLevel, parentLevel, isLevel, levelDefinition } from './hierarchy.ts'
export type { Level, LevelDefinition } from './hierarchy.ts'
export type { CubeDefinition, MetricDefinition, MetricKind } from './types.ts'
