import pg from 'pg'
import type { Pool, PoolClient } from 'pg'

/** A generic `(sql, params) => rows` function (pg pool/client, or the backend's Lucid transaction). */
export type QueryFn = <R = Record<string, unknown>>(sql: string, params: readonly unknown[]) => Promise<R[]>

/**
 * A pool whose idle connections may die (PostgreSQL restarted, `pg_terminate_backend`): pg emits that
 * as an 'error' on the pool, which without a listener crashed the ETL worker on every PostgreSQL
 * restart (scripts/tests/faults.test.mjs, case 4). The dead connection is dropped from the pool and
 * the next query opens a new one; a query that was running fails and its job is retried.
 */
export function createPgPool(connectionString: string, options: { max?: number; applicationName?: string } = {}): Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 4, application_name: options.applicationName ?? 'szpm-etl' })
  pool.on('error', (error) => console.error(`[etl] idle PostgreSQL connection lost: ${error.message}`))
  return pool
}

/** Adapts a pg Pool or PoolClient to a QueryFn. */
export function pgQueryFn(db: Pool | PoolClient): QueryFn {
  return async <R,>(sql: string, params: readonly unknown[]) => (await db.query(sql, params as unknown[])).rows as R[]
}
