/**
 * `node bin/migrate.ts` — create CLICKHOUSE_DATABASE if missing and apply pending migrations. With
 * CLICKHOUSE_CLUSTER set: the same migrations into every node's shard database, then the Distributed
 * tables (src/cluster.ts).
 */
import { warehouseConfigFromEnv } from '../src/config.ts'
import { clusterConfigFromEnv, migrateCluster } from '../src/cluster.ts'
import { migrate } from '../src/migrator.ts'

try {
  const cluster = clusterConfigFromEnv()
  if (cluster) {
    const result = await migrateCluster(cluster, { log: (line) => console.log(line) })
    console.log(`${cluster.database} on cluster ${cluster.cluster} (${cluster.nodes.length} node(s)): ${result.tables.length} Distributed table(s)`)
  } else {
    await migrateServer()
  }
} catch (error) {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}

async function migrateServer(): Promise<void> {
  const config = warehouseConfigFromEnv()
  const result = await migrate(config, { log: (line) => console.log(line) })
  if (result.applied.length === 0) {
    console.log(`${result.database}: up to date (${result.alreadyApplied.length} migration(s) already applied)`)
  } else {
    console.log(`${result.database}: applied ${result.applied.length} migration(s)`)
  }
}
