import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { createPgPool, drainOutbox, rebuildAllFacts, reconcile } from '@szpm/etl'
import { migrate } from '@szpm/warehouse'
import type { Pool } from 'pg'

/**
 * The ETL driven from tests with the real code paths: migrate ClickHouse, rebuild the facts from
 * PostgreSQL, drain the outbox, reconcile.
 */
let pool: Pool | null = null
let migrated = false

function pg() {
  pool ??= createPgPool(env.get('DATABASE_URL'), { max: 4, applicationName: 'szpm-tests' })
  return pool
}

async function warehouse() {
  if (!migrated) {
    await migrate({ url: env.get('CLICKHOUSE_URL'), database: env.get('CLICKHOUSE_DATABASE') })
    migrated = true
  }
  return app.container.make('warehouse')
}

export async function syncWarehouse() {
  await rebuildAllFacts({ pg: pg(), warehouse: await warehouse() })
}

export async function drain() {
  return drainOutbox({ pg: pg(), warehouse: await warehouse() })
}

export async function reconcileWarehouse() {
  return reconcile({ pg: pg(), warehouse: await warehouse() })
}

export async function closeEtlPool() {
  await pool?.end()
  pool = null
}
