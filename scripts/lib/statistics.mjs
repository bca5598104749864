/**
 * Every statistic the platform shows, read from the warehouse: each cube's metrics in total and per
 * district (Date params as of one day). Used to prove a restore brings every number back
 * (scripts/tests/backup_restore.test.mjs, the restore drill in docs/operations.md).
 */
import { cubes, drillDown, totals } from '@szpm/warehouse'

export async function cubeStatistics(warehouse, asOf = '2026-12-01') {
  const result = {}
  for (const [name, cube] of Object.entries(cubes)) {
    const params = {}
    for (const [param, definition] of Object.entries(cube.params ?? {})) {
      if (definition.type !== 'Date') throw new Error(`${name}.${param}: only Date params are known here`)
      params[param] = asOf
    }
    const metrics = Object.keys(cube.metrics)
    result[name] = {
      totals: await totals(warehouse, { cube: name, metrics, params }),
      districts: await drillDown(warehouse, { cube: name, metrics, dimensions: ['district'], params }),
    }
  }
  return result
}
