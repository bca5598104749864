/** `node bin/rebuild.ts [--progress|--no-progress] [--batch-size N]` — recompute every warehouse fact table from PostgreSQL. */
import { parseArgs } from 'node:util'
import { createWarehouse, warehouseConfigFromEnv } from '@szpm/warehouse'
import { databaseUrlFromEnv } from '../src/config.ts'
import { createPgPool } from '../src/pg.ts'
import { rebuildAllFacts } from '../src/rebuild.ts'

const { values } = parseArgs({
  options: { progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' }, 'batch-size': { type: 'string' } },
})
const progress = values['no-progress'] ? false : (values.progress ?? Boolean(process.stderr.isTTY))

const pg = createPgPool(databaseUrlFromEnv(), { applicationName: 'szpm-etl-rebuild' })
const warehouse = createWarehouse(warehouseConfigFromEnv())
try {
  const result = await rebuildAllFacts({
    pg,
    warehouse,
    progress,
    batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
    log: (line) => console.log(line),
  })
  console.log(`rebuild done: ${result.estates} estate(s), ${result.batches} batch(es), version ${result.version}`)
} catch (error) {
  console.error(`rebuild failed (rerun it; the fact table may be incomplete): ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await Promise.allSettled([pg.end(), warehouse.close()])
}
