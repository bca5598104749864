import pg from 'pg'
import type { Pool, PoolClient } from 'pg'

/** A generic `(sql, params) => rows` function (pg pool/client, or the backend's Lucid transaction). */
export type QueryFn = <R = Record<string, unknown>>(sql: string, params: readonly unknown[]) => Promise<R[]>

export function createPgPool(connectionString: string, options: { max?: number; applicationName?: string } = {}): Pool {
  return new pg.Pool({ connectionString, max: options.max ?? 4, application_name: options.applicationName ?? 'szpm-etl' })
}

/** Adapts a pg Pool or PoolClient to a QueryFn. */
export function pgQueryFn(db: Pool | PoolClient): QueryFn {
  return async <R,>(sql: string, params: readonly unknown[]) => (await db.query(sql, params as unknown[])).rows as R[]
}
