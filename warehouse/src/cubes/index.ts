/**
 * The cubes, discovered: every statistics module (STATISTICS_MODULES in @szpm/core) has its cube in
 * `cubes/<slug>.ts`, exported as `cube`; the registry is keyed by cube name (`statistics.cube`).
 * A statistics module without its file fails here, at load.
 */
import { STATISTICS_MODULES } from '@szpm/core'
import { loadModuleFiles } from '../module_files.ts'
import type { CubeDefinition } from './types.ts'

/** loads `<slug>.ts` of this folder for each slug (exported for tests) */
export function loadCubeFiles(slugs: readonly string[]): Promise<Readonly<Record<string, { cube: CubeDefinition }>>> {
  return loadModuleFiles<{ cube: CubeDefinition }>(new URL('./', import.meta.url), slugs, ['cube'])
}

const files = await loadCubeFiles(STATISTICS_MODULES.map((module) => module.slug))

export const cubes: Readonly<Record<string, CubeDefinition>> = Object.freeze(Object.fromEntries(Object.values(files).map(({ cube }) => [cube.name, cube])))

export { hierarchy, levels, childLevel, parentLevel, isLevel, levelDefinition } from './hierarchy.ts'
export type { Level, LevelDefinition } from './hierarchy.ts'
export type { CubeDefinition, FilterDefinition, MetricDefinition, MetricKind, ParamDefinition } from './types.ts'
