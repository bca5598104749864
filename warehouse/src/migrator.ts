/**
 * Versioned ClickHouse DDL: `migrations/NNNN_<name>.sql`, applied in order and recorded in
 * `<database>.schema_migrations`. A file may hold several statements separated by `;` at a
 * line end (the HTTP interface accepts one statement per request). Statements use unqualified
 * table names; they run against the target database.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWarehouse } from './client.ts'
import type { Warehouse } from './client.ts'
import { sql } from './binding.ts'
import { assertIdentifier } from './config.ts'
import type { WarehouseConfig } from './config.ts'

export const MIGRATIONS_DIR: string = fileURLToPath(new URL('../migrations/', import.meta.url))

export type MigrationFile = { readonly version: number; readonly name: string; readonly file: string }
export type MigrateResult = { readonly database: string; readonly applied: MigrationFile[]; readonly alreadyApplied: number[] }

const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/

export async function listMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort()
  const seen = new Set<number>()
  return files.map((file) => {
    const match = FILE_RE.exec(file)
    if (!match) throw new Error(`migration file name must look like 0001_name.sql: ${file}`)
    const version = Number(match[1])
    if (seen.has(version)) throw new Error(`duplicate migration version ${version}: ${file}`)
    seen.add(version)
    return { version, name: match[2], file: path.join(dir, file) }
  })
}

/** Splits a migration file into statements (`;` at end of line; `--` comment lines dropped). */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0)
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const bootstrap = createWarehouse({ url, database: 'default' })
  try {
    await bootstrap.command(`CREATE DATABASE IF NOT EXISTS ${assertIdentifier(database, 'database')}`)
  } finally {
    await bootstrap.close()
  }
}

async function appliedVersions(warehouse: Warehouse): Promise<Set<number>> {
  await warehouse.command(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree ORDER BY version',
  )
  const rows = await warehouse.query<{ version: number }>(sql`SELECT version FROM schema_migrations ORDER BY version`)
  return new Set(rows.map((row) => Number(row.version)))
}

function isWarehouse(target: WarehouseConfig | Warehouse): target is Warehouse {
  return typeof (target as Warehouse).command === 'function'
}

/**
 * Creates the database if missing and applies pending migrations in order. `target` is a config
 * (an HTTP client is created and closed here) or an open {@link Warehouse} whose database exists
 * (e.g. chdb's, see chdb_warehouse.ts); the caller keeps and closes the latter.
 */
export async function migrate(target: WarehouseConfig | Warehouse, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {})
  const config = isWarehouse(target) ? null : target
  if (config) await ensureDatabase(config.url, config.database)
  const warehouse = config ? createWarehouse(config) : (target as Warehouse)
  try {
    const done = await appliedVersions(warehouse)
    const applied: MigrationFile[] = []
    for (const migration of await listMigrations(options.dir)) {
      if (done.has(migration.version)) continue
      for (const statement of splitStatements(await readFile(migration.file, 'utf8'))) {
        await warehouse.command(statement)
      }
      await warehouse.insert('schema_migrations', [
        { version: migration.version, name: migration.name, applied_at: Math.floor(Date.now() / 1000) },
      ])
      log(`applied ${String(migration.version).padStart(4, '0')}_${migration.name}`)
      applied.push(migration)
    }
    return { database: warehouse.database, applied, alreadyApplied: [...done].sort((a, b) => a - b) }
  } finally {
    if (config) await warehouse.close()
  }
}

/** Drops a database (tests / scratch use). */
export async function dropDatabase(config: WarehouseConfig): Promise<void> {
  const bootstrap = createWarehouse({ url: config.url, database: 'default' })
  try {
    await bootstrap.command(`DROP DATABASE IF EXISTS ${assertIdentifier(config.database, 'database')}`)
  } finally {
    await bootstrap.close()
  }
}
