/**
 * `node bin/rebuild.ts [--progress|--no-progress] [--batch-size N] [--concurrency N]` — recompute every
 * warehouse fact table from PostgreSQL (see src/rebuild.ts): `--concurrency` tables at a time, each
 * streamed with COPY when its source has a bulk select; `--batch-size` pages the other sources.
 */
import { parseArgs } from 'node:util'
import { clusterConfigFromEnv, clusterRebuildStaging, createWarehouse, warehouseConfigFromEnv } from '@szpm/warehouse'
import { databaseUrlFromEnv } from '../src/config.ts'
import { createPgPool } from '../src/pg.ts'
import { rebuildAllFacts } from '../src/rebuild.ts'

const { values } = parseArgs({
  options: { progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' }, 'batch-size': { type: 'string' }, concurrency: { type: 'string' } },
})
const progress = values['no-progress'] ? false : (values.progress ?? Boolean(process.stderr.isTTY))

const concurrency = values.concurrency ? Number(values.concurrency) : undefined
// the lock, the snapshot holder and one connection per table being read
const pg = createPgPool(databaseUrlFromEnv(), { max: 2 + (concurrency ?? 2), applicationName: 'szpm-etl-rebuild' })
const warehouse = createWarehouse(warehouseConfigFromEnv())
// on a cluster (CLICKHOUSE_CLUSTER) the staging copies are the shards' local tables (warehouse/src/cluster.ts)
const cluster = clusterConfigFromEnv()
try {
  const result = await rebuildAllFacts({
    pg,
    warehouse,
    ...(cluster ? { staging: clusterRebuildStaging(cluster) } : {}),
    progress,
    batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
    concurrency,
    log: (line) => console.log(line),
  })
  console.log(`rebuild done: ${result.estates} estate(s), ${result.batches} batch(es), version ${result.version}`)
} catch (error) {
  console.error(`rebuild failed (the live tables were left as they were; rerun it): ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await Promise.allSettled([pg.end(), warehouse.close()])
}
