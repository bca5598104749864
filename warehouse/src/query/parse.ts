/** Step 1: validate a raw query against the cube registry and the hierarchy. */
import { cubes } from '../cubes/index.ts'
import { hierarchy, isLevel, levelDefinition } from '../cubes/hierarchy.ts'
import { BindingError, normalizeValue } from '../binding.ts'
import { QueryError } from './types.ts'
import type { DrillDownQuery, FilterKey, ParsedFilter, ParsedQuery } from './types.ts'

const FILTER_KEYS: readonly FilterKey[] = hierarchy.map((entry) => entry.idColumn)

export function parseQuery(input: DrillDownQuery, options: { grouped: boolean }): ParsedQuery {
  if (typeof input !== 'object' || input === null) throw new QueryError('query must be an object')
  const cube = Object.hasOwn(cubes, input.cube) ? cubes[input.cube] : undefined
  if (!cube) throw new QueryError(`unknown cube ${JSON.stringify(input.cube)}; known: ${Object.keys(cubes).join(', ')}`)

  if (!Array.isArray(input.metrics) || input.metrics.length === 0) throw new QueryError('metrics must be a non-empty array')
  const seen = new Set<string>()
  const metrics = input.metrics.map((name) => {
    if (typeof name !== 'string' || !Object.hasOwn(cube.metrics, name)) {
      throw new QueryError(`unknown metric ${JSON.stringify(name)} for cube ${cube.name}; known: ${Object.keys(cube.metrics).join(', ')}`)
    }
    if (seen.has(name)) throw new QueryError(`duplicate metric ${JSON.stringify(name)}`)
    seen.add(name)
    return [name, cube.metrics[name]] as const
  })

  let level = null
  if (options.grouped) {
    const dimensions = input.dimensions
    if (!Array.isArray(dimensions) || dimensions.length !== 1) {
      throw new QueryError('dimensions must be exactly one hierarchy level, e.g. ["street"]')
    }
    if (!isLevel(dimensions[0])) {
      throw new QueryError(`unknown level ${JSON.stringify(dimensions[0])}; known: ${hierarchy.map((entry) => entry.level).join(', ')}`)
    }
    level = levelDefinition(dimensions[0])
  }

  const filters: ParsedFilter[] = []
  const rawFilters = input.filters ?? {}
  if (typeof rawFilters !== 'object' || rawFilters === null || Array.isArray(rawFilters)) throw new QueryError('filters must be an object')
  for (const [key, value] of Object.entries(rawFilters)) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      throw new QueryError(`unknown filter ${JSON.stringify(key)}; known: ${FILTER_KEYS.join(', ')}`)
    }
    if (value === undefined || value === null) continue
    try {
      filters.push({ column: key as FilterKey, value: normalizeValue(value, 'UInt32') as number })
    } catch (error) {
      if (error instanceof BindingError) throw new QueryError(`invalid filter ${key}: ${error.message}`, { cause: error })
      throw error
    }
  }
  // Keep hierarchy order so the generated SQL is deterministic.
  filters.sort((a, b) => FILTER_KEYS.indexOf(a.column) - FILTER_KEYS.indexOf(b.column))

  return { cube, metrics, level, filters }
}
