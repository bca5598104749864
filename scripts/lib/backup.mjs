/**
 * Shared by `npm run backup` and `npm run restore` (scripts/backup.mjs, scripts/restore.mjs): where
 * backups go, the PostgreSQL client binaries, the manifest's facts about a database, and running a
 * project script with the platform's environment.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { ROOT } from './services.mjs'

const require = createRequire(import.meta.url)
/** node-postgres, the driver the backend and the ETL use */
export const pg = require('pg')

/** Debian's PostgreSQL 15 client binaries (the version of the local server); PG_BIN overrides for another server version. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

export function pgTool(name) {
  const file = path.join(PG_BIN, name)
  if (!existsSync(file)) throw new Error(`${file} not found: install postgresql-client-15 (Debian) or set PG_BIN to the bin directory of a client matching the server`)
  return file
}

/** BACKUP_DIR (relative to the current directory), default <repo>/backups (git-ignored). */
export function backupDir(env = process.env) {
  return env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : path.join(ROOT, 'backups')
}

/** The database name of a postgres:// URL (never its password). */
export function databaseOf(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres'
}

/** The same server, another database (e.g. `postgres` to create the target of a restore). */
export function withDatabase(url, database) {
  const next = new URL(url)
  next.pathname = `/${encodeURIComponent(database)}`
  return next.toString()
}

/** Host, port and database of a URL, for logs. */
export function describeUrl(url) {
  const parsed = new URL(url)
  return `${databaseOf(url)} on ${parsed.hostname}:${parsed.port || 5432}`
}

/** The user tables of the current schema (partitions counted through their parent), by name. */
const TABLES_SQL = `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`

/** migration bookkeeping: a freshly migrated database has rows here and is still "empty" */
const BOOKKEEPING = new Set(['adonis_schema', 'adonis_schema_versions'])

/** Exact row counts of every user table (run inside the dump's snapshot for a consistent manifest). */
export async function rowCounts(client) {
  const counts = {}
  for (const { name } of (await client.query(TABLES_SQL)).rows) {
    counts[name] = Number((await client.query(`select count(*)::text as n from "${name.replaceAll('"', '""')}"`)).rows[0].n)
  }
  return counts
}

/** Tables holding data (migration bookkeeping aside); [] for an empty or freshly migrated database. */
export async function tablesWithData(client) {
  const names = []
  for (const { name } of (await client.query(TABLES_SQL)).rows) {
    if (BOOKKEEPING.has(name)) continue
    const { rows } = await client.query(`select exists (select 1 from "${name.replaceAll('"', '""')}") as any`)
    if (rows[0].any) names.push(name)
  }
  return names
}

/** max(outbox_events.id) and the ETL watermark, as decimal strings (null when the tables are missing). */
export async function outboxState(client) {
  const { rows } = await client.query(`select to_regclass('outbox_events') is not null as outbox, to_regclass('etl_watermarks') is not null as marks`)
  const maxId = rows[0].outbox ? (await client.query('select coalesce(max(id), 0)::text as id from outbox_events')).rows[0].id : null
  const watermark = rows[0].marks ? (await client.query(`select coalesce((select last_id::text from etl_watermarks where name = 'outbox'), '0') as id`)).rows[0].id : null
  return { maxId, watermark }
}

export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')))
  })
}

/** Runs a command with `env`, streaming its output with a prefix; resolves to its exit code. */
export function runStep(command, args, { env, prefix = '  ' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const forward = (stream, target) => {
      let buffer = ''
      stream.on('data', (chunk) => {
        buffer += chunk
        const lines = buffer.split('\n')
        buffer = lines.pop()
        for (const line of lines) target.write(`${prefix}${line}\n`)
      })
      stream.on('end', () => buffer && target.write(`${prefix}${buffer}\n`))
    }
    forward(child.stdout, process.stdout)
    forward(child.stderr, process.stderr)
    child.on('error', reject)
    child.on('close', (code) => resolve(code ?? 1))
  })
}

export const seconds = (startedAt) => ((Date.now() - startedAt) / 1000).toFixed(1)
