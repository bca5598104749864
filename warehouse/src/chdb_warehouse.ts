/**
 * The {@link Warehouse} interface over chdb — the ClickHouse 26.x engine in-process (npm `chdb`,
 * an OPTIONAL dependency: ~546 MB). Used by the tests to run the migrations and every cube with
 * server-side typed parameters (`{p0:UInt32}`), the path production's current ClickHouse takes and
 * the local 18.16 server cannot. Import it as `@szpm/warehouse/chdb`, never from the main entry:
 * chdb is loaded dynamically when a warehouse is created, and a clear error says when it is missing.
 *
 * One engine per process: chdb keeps one connection per data directory, and the data lives in
 * `path` (default: a fresh temporary directory, removed by `close()`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { compile, modeForVersion } from './binding.ts'
import type { CompileMode, CompiledQuery, SqlFragment } from './binding.ts'
import type { Warehouse } from './client.ts'
import { assertIdentifier } from './config.ts'

export type ChdbWarehouseOptions = {
  /** Data directory; default a new temporary directory that `close()` removes. */
  readonly path?: string
  /** Created if missing and made the session's current database. */
  readonly database: string
  /** Force a compile mode instead of detecting it from the engine version ('server' for 26.x). */
  readonly compileMode?: CompileMode
}

/** The part of chdb's API used here (typed locally so the package type-checks without chdb installed). */
type ChdbResult = { text(): string }
type ChdbSession = {
  queryAsync(query: string, options?: { format?: string }): Promise<ChdbResult>
  queryBindAsync(query: string, params: object, options?: { format?: string }): Promise<ChdbResult>
  insert(params: { table: string; values: string; format: 'JSONEachRow' }): Promise<unknown>
  close(): void
}
type ChdbModule = {
  Session: new (path?: string) => ChdbSession
  drainPending?: () => Promise<void>
}

/** Thrown when the optional `chdb` package is not installed. */
export class ChdbMissingError extends Error {
  constructor(cause: unknown) {
    super(
      'the npm package "chdb" (ClickHouse 26.x in-process) is not installed: it is an optional dependency of ' +
        '@szpm/warehouse — run `npm install` (or `npm ci`) from the repository root without --omit=optional',
      { cause },
    )
    this.name = 'ChdbMissingError'
  }
}

/** Loads chdb, or throws {@link ChdbMissingError}. */
export async function loadChdb(): Promise<ChdbModule> {
  const specifier = 'chdb' // a variable: no compile-time dependency on the optional package
  try {
    return (await import(specifier)) as ChdbModule
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new ChdbMissingError(error)
    throw error
  }
}

/**
 * chdb 3.4 writes the JSON of an empty `WITH TOTALS` result out of order: the totals chunk
 * (`\n\t],\n\n\t"totals": …`) comes before the document's head, whose `"data": [` is then closed by a
 * stray `\n,`. A ClickHouse server answers correctly; put the chunk back where it belongs.
 */
function repairEmptyTotals(text: string): string {
  if (text.startsWith('{')) return text
  const head = text.indexOf('{\n\t"meta"')
  if (head <= 0) return text
  const totals = text.slice(0, head)
  return text.slice(head).replace('"data":\n\t[\n,', () => `"data":\n\t[${totals},`)
}

function isCompiled(query: CompiledQuery | SqlFragment): query is CompiledQuery {
  return typeof (query as CompiledQuery).sql === 'string'
}

function parseJsonEachRow<T>(text: string): T[] {
  const rows: T[] = []
  for (const line of text.split('\n')) if (line.trim() !== '') rows.push(JSON.parse(line) as T)
  return rows
}

export async function createChdbWarehouse(options: ChdbWarehouseOptions): Promise<Warehouse> {
  const database = assertIdentifier(options.database, 'database')
  const chdb = await loadChdb()
  const temporary = options.path === undefined
  const dataPath = options.path ?? (await mkdtemp(path.join(os.tmpdir(), 'szpm-chdb-')))
  let session: ChdbSession
  try {
    session = new chdb.Session(dataPath)
  } catch (error) {
    if (temporary) await rm(dataPath, { recursive: true, force: true })
    throw error
  }
  let closed = false
  const live = (): ChdbSession => {
    if (closed) throw new Error('chdb warehouse is closed')
    return session
  }
  try {
    await session.queryAsync(`CREATE DATABASE IF NOT EXISTS ${database}`)
    await session.queryAsync(`USE ${database}`)
  } catch (error) {
    session.close()
    if (temporary) await rm(dataPath, { recursive: true, force: true })
    throw error
  }

  let version: Promise<string> | undefined
  const serverVersion = (): Promise<string> => {
    version ??= live()
      .queryAsync('SELECT version() AS version', { format: 'JSONEachRow' })
      .then((result) => parseJsonEachRow<{ version: string }>(result.text())[0].version)
    return version
  }
  const compileMode = async (): Promise<CompileMode> => options.compileMode ?? modeForVersion(await serverVersion())

  return {
    database,
    async query<T>(query: CompiledQuery | SqlFragment): Promise<T[]> {
      const compiled = isCompiled(query) ? query : compile(query, await compileMode())
      const format = { format: 'JSONEachRow' }
      const result =
        compiled.mode === 'server' && Object.keys(compiled.params).length > 0
          ? await live().queryBindAsync(compiled.sql, { ...compiled.params }, format)
          : await live().queryAsync(compiled.sql, format)
      return parseJsonEachRow<T>(result.text())
    },
    async queryWithTotals<T>(query: CompiledQuery | SqlFragment): Promise<{ rows: T[]; totals: T | undefined }> {
      const compiled = isCompiled(query) ? query : compile(query, await compileMode())
      const format = { format: 'JSON' }
      const result =
        compiled.mode === 'server' && Object.keys(compiled.params).length > 0
          ? await live().queryBindAsync(compiled.sql, { ...compiled.params }, format)
          : await live().queryAsync(compiled.sql, format)
      const body = JSON.parse(repairEmptyTotals(result.text())) as { data: T[]; totals?: T }
      return { rows: body.data, totals: body.totals }
    },
    async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
      assertIdentifier(table, 'table')
      if (rows.length === 0) return
      const values = rows.map((row) => JSON.stringify(row)).join('\n')
      await live().insert({ table: `${database}.${table}`, values, format: 'JSONEachRow' })
    },
    async command(sql: string): Promise<void> {
      await live().queryAsync(sql)
    },
    serverVersion,
    compileMode,
    async close(): Promise<void> {
      if (closed) return
      closed = true
      session.close()
      await chdb.drainPending?.()
      if (temporary) await rm(dataPath, { recursive: true, force: true })
    },
  }
}
