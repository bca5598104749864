/** Step 1: validate a raw query against the cube registry and the hierarchy. */
import { cubes } from '../cubes/index.ts'
import { hierarchy, isLevel, levelDefinition } from '../cubes/hierarchy.ts'
import { BindingError, normalizeValue } from '../binding.ts'
import { QueryError } from './types.ts'
import type { ScalarType } from '../binding.ts'
import type { DrillDownQuery, FilterKey, ParsedFilter, ParsedParam, ParsedQuery } from './types.ts'

const FILTER_KEYS: readonly FilterKey[] = hierarchy.map((entry) => entry.idColumn)

/** Validates a user-supplied value through the binding layer; a bad value is a QueryError. */
function bound(value: unknown, type: ScalarType, what: string): unknown {
  try {
    return normalizeValue(value, type)
  } catch (error) {
    if (error instanceof BindingError) throw new QueryError(`invalid ${what}: ${error.message}`, { cause: error })
    throw error
  }
}

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
    if (cube.leaf && hierarchy.findIndex((entry) => entry.level === level!.level) > hierarchy.findIndex((entry) => entry.level === cube.leaf)) {
      throw new QueryError(`cube ${cube.name} stops at the ${cube.leaf} level; got ${JSON.stringify(dimensions[0])}`)
    }
  }

  const extraFilters = cube.filters ?? {}
  const filterKeys = [...FILTER_KEYS, ...Object.keys(extraFilters)]
  const filters: ParsedFilter[] = []
  const rawFilters = input.filters ?? {}
  if (typeof rawFilters !== 'object' || rawFilters === null || Array.isArray(rawFilters)) throw new QueryError('filters must be an object')
  for (const [key, value] of Object.entries(rawFilters)) {
    const hierarchyKey = (FILTER_KEYS as readonly string[]).includes(key)
    const extra = !hierarchyKey && Object.hasOwn(extraFilters, key) ? extraFilters[key] : undefined
    if (!hierarchyKey && !extra) {
      throw new QueryError(`unknown filter ${JSON.stringify(key)} for cube ${cube.name}; known: ${filterKeys.join(', ')}`)
    }
    if (value === undefined || value === null) continue
    const type = extra ? extra.type : 'UInt32'
    filters.push({ column: extra ? extra.column : key, value: bound(value, type, `filter ${key}`), type })
  }
  // Hierarchy order, then the cube's declaration order, so the generated SQL is deterministic.
  const order = (column: string) => {
    const index = FILTER_KEYS.indexOf(column as FilterKey)
    return index >= 0 ? index : FILTER_KEYS.length + Object.values(extraFilters).findIndex((filter) => filter.column === column)
  }
  filters.sort((a, b) => order(a.column) - order(b.column))

  const declared = cube.params ?? {}
  const rawParams = input.params ?? {}
  if (typeof rawParams !== 'object' || rawParams === null || Array.isArray(rawParams)) throw new QueryError('params must be an object')
  for (const key of Object.keys(rawParams)) {
    if (!Object.hasOwn(declared, key)) {
      throw new QueryError(`unknown param ${JSON.stringify(key)} for cube ${cube.name}; known: ${Object.keys(declared).join(', ') || '(none)'}`)
    }
  }
  const params: ParsedParam[] = Object.entries(declared).map(([name, definition]) => {
    const value = rawParams[name]
    if (value === undefined || value === null) throw new QueryError(`missing param ${JSON.stringify(name)} for cube ${cube.name}`)
    return { name, value: bound(value, definition.type, `param ${name}`), type: definition.type }
  })

  return { cube, metrics, level, filters, params }
}
