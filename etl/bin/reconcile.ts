/**
 * `node bin/reconcile.ts [--limit N] [--json] [--module SLUG]…` — compare PostgreSQL vs ClickHouse (every
 * statistics module's fact table, or those of the modules named); exit 1 on any difference.
 */
import { parseArgs } from 'node:util'
import { createWarehouse, warehouseConfigFromEnv } from '@szpm/warehouse'
import { databaseUrlFromEnv } from '../src/config.ts'
import { createPgPool } from '../src/pg.ts'
import { reconcile } from '../src/reconcile.ts'
import { factSourcesOf } from '../src/fact_sources.ts'

const { values } = parseArgs({ options: { limit: { type: 'string' }, json: { type: 'boolean' }, module: { type: 'string', multiple: true } } })
const sources = factSourcesOf(values.module)
const limit = values.limit ? Number(values.limit) : 20

const pg = createPgPool(databaseUrlFromEnv(), { applicationName: 'szpm-etl-reconcile' })
const warehouse = createWarehouse(warehouseConfigFromEnv())
try {
  const result = await reconcile({ pg, warehouse, sources })
  if (values.json) {
    console.log(JSON.stringify(result, null, 2))
  } else {
    console.log(`checked ${result.checked} estate(s) in PostgreSQL, ${result.warehouseRows} row(s) in ClickHouse: ${result.differences.length} difference(s)`)
    const counts = new Map<string, number>()
    for (const difference of result.differences) counts.set(difference.kind, (counts.get(difference.kind) ?? 0) + 1)
    for (const [kind, count] of counts) console.log(`  ${kind}: ${count}`)
    for (const difference of result.differences.slice(0, limit)) {
      const fields = difference.fields ? ' ' + Object.entries(difference.fields).map(([field, v]) => `${field}: pg=${JSON.stringify(v.postgres)} ch=${JSON.stringify(v.warehouse)}`).join('; ') : ''
      const key = difference.key ? ` ${JSON.stringify(difference.key)}` : ''
      console.log(`  estate ${difference.estateId}${key} in ${difference.table}: ${difference.kind}${fields}`)
    }
    if (result.differences.length > limit) console.log(`  … ${result.differences.length - limit} more (use --limit or --json)`)
    if (result.pendingEvents > 0) console.log(`note: ${result.pendingEvents} outbox event(s) not drained yet; differences may be lag`)
  }
  if (result.differences.length > 0) process.exitCode = 1
} catch (error) {
  console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 2
} finally {
  await Promise.allSettled([pg.end(), warehouse.close()])
}
