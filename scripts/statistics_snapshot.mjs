/**
 * `npm run statistics -- [--as-of YYYY-MM-DD]` — prints every statistic the platform shows (each
 * cube's metrics in total and per district, scripts/lib/statistics.mjs) as JSON, for a before / after
 * comparison around a restore or a migration: `diff before.json after.json` must print nothing.
 */
import { createWarehouse, warehouseConfigFromEnv } from '@szpm/warehouse'
import { cubeStatistics } from './lib/statistics.mjs'

const at = process.argv.indexOf('--as-of')
const asOf = at > 0 ? process.argv[at + 1] : '2026-12-01'
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
  console.error('usage: npm run statistics -- [--as-of YYYY-MM-DD]')
  process.exit(2)
}
const warehouse = createWarehouse(warehouseConfigFromEnv())
try {
  console.log(JSON.stringify(await cubeStatistics(warehouse, asOf), null, 2))
} finally {
  await warehouse.close()
}
