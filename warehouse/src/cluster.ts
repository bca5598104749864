/**
 * The warehouse on a ClickHouse cluster: the same migrations, the same table names.
 *
 * Every node runs the ordinary migrations (migrator.ts, unchanged) into a LOCAL database,
 * `<database>_shard` by default — that node's shard of every table. Then `migrateCluster` creates, in
 * `<database>` on every node, one `Distributed(<cluster>, <database>_shard, <table>, <sharding key>)`
 * table per table of the local schema (read from system.tables, schema_migrations excepted). Cubes,
 * the drain, the reconciliation and the API then use `<database>` on any node exactly as on one server:
 * a SELECT fans out to the shards and merges, an INSERT is routed to a shard by the sharding key.
 *
 * Sharding key: `intHash32(estate_id)` — by estate, not by district, because correctness needs all
 * rows that meet in one shard-local operation to live on the same shard:
 * - ReplacingMergeTree tables are read with FINAL, which only replaces versions stored on the same
 *   shard. An estate can move to another district (the ETL supports moves); sharded by district its
 *   new version would land on another shard and both versions would be counted.
 * - CollapsingMergeTree `house_facts`: a cancel row (sign -1) must meet the row it cancels.
 * - Cubes JOIN per-estate subqueries (项目管理 → house_estate_totals, 备案情况 → the deciding filing
 *   states). With `distributed_product_mode = 'local'` each shard joins its local tables, which is
 *   correct only when both sides are co-located by estate — as every table is keyed by estate_id.
 * Every table of the schema therefore must have an `estate_id` column (checked here). A district is
 * spread over every shard, which also spreads a district-level query's work over all of them.
 *
 * Settings the nodes' users.xml profile must carry (configuration, not code):
 * - `insert_distributed_sync = 1`: an INSERT into a Distributed table returns once every shard wrote
 *   its rows, so a drained batch is visible before the watermark moves, and a failed shard fails the
 *   batch (the default queues the rows on the initiator and sends them later).
 * - `distributed_product_mode = 'local'`: JOIN / IN subqueries over Distributed tables read the
 *   shard's local table (the default 'deny' refuses them; GLOBAL would ship whole tables around).
 *
 * The rebuild (etl/src/rebuild.ts) swaps tables with RENAME, which means nothing for a Distributed
 * table; `clusterRebuildStaging` gives it staging copies of the LOCAL tables on every node (with a
 * Distributed `<table>_rebuild` over them to fill them through) and renames the local tables on
 * every node: each Distributed table names its local table, so it follows the swap. The swap is
 * atomic per node, not across nodes (the nodes rename one after another, milliseconds apart).
 *
 * Replication is not covered here: the migrations use the plain engines (ClickHouse Cloud rewrites
 * them to replicated ones itself; a self-run replicated cluster needs `Replicated…` engines whose
 * Keeper paths differ per table — the default `{uuid}` path — so a `<table>_rebuild` copy does not
 * share its live table's replicas). docs/architecture.md, "How a city outgrows one machine".
 */
import { createWarehouse } from './client.ts'
import type { Warehouse } from './client.ts'
import { raw } from './binding.ts'
import { assertIdentifier, ConfigError, requireEnv } from './config.ts'
import { migrate } from './migrator.ts'

export type ClusterConfig = {
  /** the `remote_servers` cluster name every node knows */
  readonly cluster: string
  /** HTTP URL of every node (one per shard, or per replica) */
  readonly nodes: readonly string[]
  /** the database the application uses (its Distributed tables) */
  readonly database: string
  /** the local database of each node's shard (default `<database>_shard`) */
  readonly shardDatabase?: string
  /** the Distributed tables' sharding key (default {@link SHARDING_KEY}) */
  readonly shardingKey?: string
}

/** By estate: see the header of this file for why not by district. */
export const SHARDING_KEY = 'intHash32(estate_id)'

const SKIPPED_TABLES = new Set(['schema_migrations'])

/**
 * The cluster from the environment, or null on a single server: CLICKHOUSE_CLUSTER (the
 * `remote_servers` name) and CLICKHOUSE_CLUSTER_NODES (every node's HTTP URL, comma-separated), with
 * CLICKHOUSE_DATABASE as the cluster database. Only the migrator and the rebuild need them; every
 * other process just points CLICKHOUSE_URL at any node (or a load balancer over them).
 */
export function clusterConfigFromEnv(env: Record<string, string | undefined> = process.env): ClusterConfig | null {
  const cluster = env.CLICKHOUSE_CLUSTER?.trim()
  if (!cluster) return null
  const nodes = requireEnv('CLICKHOUSE_CLUSTER_NODES', env).split(',').map((node) => node.trim()).filter(Boolean)
  for (const node of nodes) {
    try {
      new URL(node)
    } catch {
      throw new ConfigError(`CLICKHOUSE_CLUSTER_NODES holds an invalid URL: ${JSON.stringify(node)}`)
    }
  }
  if (nodes.length === 0) throw new ConfigError('CLICKHOUSE_CLUSTER_NODES names no node')
  return { cluster: assertIdentifier(cluster, 'CLICKHOUSE_CLUSTER'), nodes, database: assertIdentifier(requireEnv('CLICKHOUSE_DATABASE', env), 'CLICKHOUSE_DATABASE') }
}

export function shardDatabaseOf(config: ClusterConfig): string {
  return assertIdentifier(config.shardDatabase ?? `${config.database}_shard`, 'database')
}

async function onEveryNode(config: ClusterConfig, work: (node: Warehouse) => Promise<void>): Promise<void> {
  for (const url of config.nodes) {
    const node = createWarehouse({ url, database: 'default' })
    try {
      await work(node)
    } finally {
      await node.close()
    }
  }
}

type ColumnRow = { table: string; name: string; type: string }

async function columnsOf(node: Warehouse, database: string): Promise<Map<string, string>> {
  const rows = await node.query<ColumnRow>(raw(`SELECT table, name, type FROM system.columns WHERE database = '${database}'`))
  const tables = new Map<string, string>()
  for (const row of rows) tables.set(row.table, `${tables.get(row.table) ?? ''}${row.name} ${row.type},`)
  return tables
}

export type ClusterMigrateResult = { readonly tables: readonly string[] }

/**
 * Applies the migrations to every node's shard database, then (re)creates the Distributed tables of
 * the cluster database on every node: a missing one is created, one whose columns no longer match
 * its local table (a migration added a column) is dropped and created again, one whose local table a
 * migration dropped is dropped — a Distributed table
 * holds no data (with insert_distributed_sync = 1 it has no queue either).
 */
export async function migrateCluster(config: ClusterConfig, options: { dir?: string; log?: (line: string) => void } = {}): Promise<ClusterMigrateResult> {
  const database = assertIdentifier(config.database, 'database')
  const shardDatabase = shardDatabaseOf(config)
  const cluster = assertIdentifier(config.cluster, 'cluster')
  const key = config.shardingKey ?? SHARDING_KEY
  const log = options.log ?? (() => {})
  if (config.nodes.length === 0) throw new RangeError('a cluster needs at least one node')
  for (const url of config.nodes) await migrate({ url, database: shardDatabase }, { dir: options.dir, log: (line) => log(`${url} ${line}`) })
  let tables: string[] = []
  await onEveryNode(config, async (node) => {
    const local = await columnsOf(node, shardDatabase)
    const names = [...local.keys()].filter((table) => !SKIPPED_TABLES.has(table) && !/_(rebuild|replaced)$/.test(table)).sort()
    for (const table of names) {
      if (!local.get(table)!.split(',').some((column) => column.startsWith('estate_id '))) throw new Error(`${shardDatabase}.${table} has no estate_id column to shard by`)
    }
    tables = names
    await node.command(`CREATE DATABASE IF NOT EXISTS ${database}`)
    const distributed = await columnsOf(node, database)
    // a local table a migration dropped (e.g. 0027's parking_dispute_facts) takes its Distributed table with it
    for (const table of distributed.keys()) {
      if (!local.has(table) && !SKIPPED_TABLES.has(table) && !/_(rebuild|replaced)$/.test(table)) {
        await node.command(`DROP TABLE ${database}.${assertIdentifier(table, 'table')}`)
        log(`${table}: dropped (no local table)`)
      }
    }
    for (const table of names) {
      if (distributed.get(table) === local.get(table)) continue
      if (distributed.has(table)) await node.command(`DROP TABLE ${database}.${table}`)
      await node.command(distributedDdl(database, table, shardDatabase, table, cluster, key))
      log(`${table}: Distributed(${cluster}, ${shardDatabase}, ${table}, ${key})`)
    }
  })
  return { tables }
}

function distributedDdl(database: string, table: string, shardDatabase: string, localTable: string, cluster: string, key: string): string {
  return `CREATE TABLE ${database}.${table} AS ${shardDatabase}.${localTable} ENGINE = Distributed(${cluster}, ${shardDatabase}, ${localTable}, ${key})`
}

/** Drops the cluster database and the shard database on every node (tests / scratch use). */
export async function dropCluster(config: ClusterConfig): Promise<void> {
  const database = assertIdentifier(config.database, 'database')
  const shardDatabase = shardDatabaseOf(config)
  await onEveryNode(config, async (node) => {
    await node.command(`DROP DATABASE IF EXISTS ${database}`)
    await node.command(`DROP DATABASE IF EXISTS ${shardDatabase}`)
  })
}

/**
 * How the rebuild (etl/src/rebuild.ts, option `staging`) makes its `<table>_rebuild` copies and swaps
 * them in — structurally the rebuild's `RebuildStaging`. See the header of this file.
 */
export function clusterRebuildStaging(config: ClusterConfig) {
  const database = assertIdentifier(config.database, 'database')
  const shardDatabase = shardDatabaseOf(config)
  const cluster = assertIdentifier(config.cluster, 'cluster')
  const key = config.shardingKey ?? SHARDING_KEY
  return {
    /** `<table>_rebuild` on every node: a local copy of the shard's table, and a Distributed table over it to fill and read it through */
    async create(table: string): Promise<void> {
      assertIdentifier(table, 'table')
      await onEveryNode(config, async (node) => {
        await node.command(`CREATE TABLE ${shardDatabase}.${table}_rebuild AS ${shardDatabase}.${table}`)
        await node.command(distributedDdl(database, `${table}_rebuild`, shardDatabase, `${table}_rebuild`, cluster, key))
      })
    },
    /** drops `<table>_rebuild` (and with `replaced`, `<table>_replaced`) on every node */
    async drop(table: string, options: { replaced?: boolean } = {}): Promise<void> {
      assertIdentifier(table, 'table')
      await onEveryNode(config, async (node) => {
        await node.command(`DROP TABLE IF EXISTS ${database}.${table}_rebuild`)
        await node.command(`DROP TABLE IF EXISTS ${shardDatabase}.${table}_rebuild`)
        if (options.replaced) await node.command(`DROP TABLE IF EXISTS ${shardDatabase}.${table}_replaced`)
      })
    },
    /** on every node, ONE RENAME of the local tables (the Distributed tables follow by name), then the old copies go */
    async swap(tables: readonly string[]): Promise<void> {
      if (tables.length === 0) return
      for (const table of tables) assertIdentifier(table, 'table')
      await onEveryNode(config, async (node) => {
        const local = (table: string) => `${shardDatabase}.${table}`
        await node.command(`RENAME TABLE ${tables.map((table) => `${local(table)} TO ${local(table)}_replaced, ${local(table)}_rebuild TO ${local(table)}`).join(', ')}`)
        for (const table of tables) {
          await node.command(`DROP TABLE IF EXISTS ${local(table)}_replaced`)
          await node.command(`DROP TABLE IF EXISTS ${database}.${table}_rebuild`)
        }
      })
    },
  }
}
