/** Thin wrapper over @clickhouse/client: compiled queries in, plain rows out. */
import { createClient } from '@clickhouse/client'
import type { ClickHouseClient } from '@clickhouse/client'
import type { Readable } from 'node:stream'
import { compile, modeForVersion } from './binding.ts'
import type { CompileMode, CompiledQuery, SqlFragment } from './binding.ts'
import { assertIdentifier } from './config.ts'
import type { WarehouseConfig } from './config.ts'

export type WarehouseOptions = WarehouseConfig & {
  /** Request timeout in ms (default 60 000). */
  readonly requestTimeoutMs?: number
  /**
   * Sockets kept open to the server (default 10, the client library's): statistics under many users
   * queue here before ClickHouse sees them (CLICKHOUSE_MAX_CONNECTIONS).
   */
  readonly maxOpenConnections?: number
  /** Force a compile mode instead of detecting it from the server version. */
  readonly compileMode?: CompileMode
}

/** Raw (not object-mode) insert formats accepted by {@link Warehouse.insertStream}. */
export type StreamFormat = 'TabSeparated'

export type Warehouse = {
  readonly database: string
  /** Runs a SELECT. A fragment is compiled for the detected server first. */
  query<T = Record<string, unknown>>(query: CompiledQuery | SqlFragment): Promise<T[]>
  /**
   * Runs a SELECT … GROUP BY … WITH TOTALS and returns its rows and its totals row (absent when the
   * query has none) from one round trip: ClickHouse's JSON format carries both.
   */
  queryWithTotals<T = Record<string, unknown>>(query: CompiledQuery | SqlFragment): Promise<{ rows: T[]; totals: T | undefined }>
  /** Inserts rows as JSONEachRow into `table` (a plain identifier in the configured database). */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>
  /**
   * Streams raw rows in `format` (e.g. TabSeparated from a PostgreSQL text COPY) into `columns` of
   * `table` as ONE insert: `INSERT INTO table (columns) FORMAT …` with `stream` as the request body.
   * Resolves when ClickHouse has accepted every row; rejects (and stops reading) on a parse error or
   * when `stream` is destroyed with an error. Optional: the in-process chdb warehouse has none, and
   * the rebuild then takes the row-by-row path.
   */
  insertStream?(table: string, columns: readonly string[], stream: Readable, format: StreamFormat): Promise<void>
  /** Runs a statement that returns no rows (DDL, ALTER, TRUNCATE …). Trusted SQL only. */
  command(sql: string): Promise<void>
  /** `SELECT version()`, detected once and cached. */
  serverVersion(): Promise<string>
  /** 'server' for ClickHouse >= 20, else 'literal'. */
  compileMode(): Promise<CompileMode>
  close(): Promise<void>
}

function isCompiled(query: CompiledQuery | SqlFragment): query is CompiledQuery {
  return typeof (query as CompiledQuery).sql === 'string'
}

export function createWarehouse(options: WarehouseOptions): Warehouse {
  const database = assertIdentifier(options.database, 'database')
  const client: ClickHouseClient = createClient({
    url: options.url,
    database,
    request_timeout: options.requestTimeoutMs ?? 60_000,
    max_open_connections: options.maxOpenConnections ?? 10,
  })
  let version: Promise<string> | undefined

  const serverVersion = (): Promise<string> => {
    version ??= client
      .query({ query: 'SELECT version() AS version', format: 'JSONEachRow' })
      .then((result) => result.json<{ version: string }>())
      .then((rows) => rows[0].version)
    version.catch(() => {
      version = undefined // retry detection on the next call
    })
    return version
  }

  const compileMode = async (): Promise<CompileMode> => options.compileMode ?? modeForVersion(await serverVersion())

  return {
    database,
    async query<T>(query: CompiledQuery | SqlFragment): Promise<T[]> {
      const compiled = isCompiled(query) ? query : compile(query, await compileMode())
      const result = await client.query({
        query: compiled.sql,
        format: 'JSONEachRow',
        ...(compiled.mode === 'server' && Object.keys(compiled.params).length > 0 ? { query_params: { ...compiled.params } } : {}),
      })
      return result.json<T>()
    },
    async queryWithTotals<T>(query: CompiledQuery | SqlFragment): Promise<{ rows: T[]; totals: T | undefined }> {
      const compiled = isCompiled(query) ? query : compile(query, await compileMode())
      const result = await client.query({
        query: compiled.sql,
        format: 'JSON',
        ...(compiled.mode === 'server' && Object.keys(compiled.params).length > 0 ? { query_params: { ...compiled.params } } : {}),
      })
      // the JSON format's body: { meta, data, totals, rows, statistics }
      const body = await result.json<T>()
      return { rows: body.data, totals: body.totals }
    },
    async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
      assertIdentifier(table, 'table')
      if (rows.length === 0) return
      await client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow' })
    },
    async insertStream(table: string, columns: readonly string[], stream: Readable, format: StreamFormat): Promise<void> {
      assertIdentifier(table, 'table')
      if (columns.length === 0) throw new RangeError('insertStream needs at least one column')
      for (const column of columns) assertIdentifier(column, 'column')
      await client.insert({ table, columns: [columns[0], ...columns.slice(1)], values: stream, format })
    },
    async command(sql: string): Promise<void> {
      await client.command({ query: sql })
    },
    serverVersion,
    compileMode,
    async close(): Promise<void> {
      await client.close()
    },
  }
}
