import { estateFilings } from './estate_filings.ts'
import { estateProfiles } from './estate_profiles.ts'
import type { CubeDefinition } from './types.ts'

export const cubes: Readonly<Record<string, CubeDefinition>> = Object.freeze({
  [estateFilings.name]: estateFilings,
  [estateProfiles.name]: estateProfiles,
})

export { estateFilings, estateProfiles }
export { hierarchy, levels, childLevel, parentLevel, isLevel, levelDefinition } from './hierarchy.ts'
export type { Level, LevelDefinition } from './hierarchy.ts'
export type { CubeDefinition, MetricDefinition, MetricKind } from './types.ts'
