/**
 * `npm run backup` — a consistent backup of the platform's PostgreSQL database (the source of truth;
 * the ClickHouse warehouse is rebuilt from it by `npm run restore`).
 *
 * pg_dump -Fc of DATABASE_URL (or the local service `npm start` uses) into
 * BACKUP_DIR/szpm-<database>-<UTC time>.dump (default ./backups, git-ignored), written under a
 * `.partial` name and renamed when complete, plus `<same name>.manifest.json`: time, database,
 * outbox max id and watermark, row counts of every table, size and SHA-256 of the dump. The dump
 * and the manifest read ONE snapshot (pg_export_snapshot + pg_dump --snapshot), so the counts are
 * exactly what the dump holds even while the platform keeps writing.
 *
 * Options: --dir DIR (instead of BACKUP_DIR). SZPM_PROFILE=test selects the test databases.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensureServices, ownerUrl } from './lib/services.mjs'
import { appEnv } from './lib/app_env.mjs'
import { backupDir, databaseOf, describeUrl, outboxState, pg, pgTool, rowCounts, seconds, sha256File } from './lib/backup.mjs'

const { values } = parseArgs({ options: { dir: { type: 'string' } } })
const profile = process.env.SZPM_PROFILE === 'test' ? 'test' : 'dev'
const { env: services } = await ensureServices(profile)
const env = appEnv(services, profile)
// the schema owner: the application's role may not read the migration bookkeeping, nor replace tables
const url = ownerUrl(env)
const dir = values.dir ? path.resolve(values.dir) : backupDir(env)
const database = databaseOf(url)
const startedAt = Date.now()
const stamp = new Date(startedAt).toISOString().replaceAll(':', '')
const file = path.join(dir, `szpm-${database}-${stamp}.dump`)
const partial = `${file}.partial`
mkdirSync(dir, { recursive: true })
console.log(`backup of ${describeUrl(url)} → ${path.relative(process.cwd(), file) || file}`)

const client = new pg.Client({ connectionString: url, application_name: 'szpm-backup' })
await client.connect()
let code = 0
try {
  // one snapshot for the manifest and the dump; the transaction stays open until pg_dump is done
  await client.query('begin isolation level repeatable read read only')
  const { rows } = await client.query('select pg_export_snapshot() as snapshot, now() as at, version() as server')
  const { snapshot, at, server } = rows[0]
  const counts = await rowCounts(client)
  const outbox = await outboxState(client)
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  console.log(`  snapshot ${snapshot}: ${Object.keys(counts).length} table(s), ${total} row(s), outbox max id ${outbox.maxId ?? '-'}`)

  const dumpStarted = Date.now()
  const dump = spawnSync(pgTool('pg_dump'), ['--format=custom', `--snapshot=${snapshot}`, '--no-password', '--file', partial, '--dbname', url], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (dump.status !== 0) throw new Error(`pg_dump failed (exit ${dump.status ?? dump.signal})`)
  await client.query('commit')
  renameSync(partial, file)
  const bytes = statSync(file).size
  console.log(`  pg_dump: ${(bytes / 1048576).toFixed(1)} MiB in ${seconds(dumpStarted)} s`)

  const manifest = {
    format: 'szpm-backup/1',
    file: path.basename(file),
    createdAt: new Date(at).toISOString(),
    database,
    server,
    pgDump: spawnSync(pgTool('pg_dump'), ['--version'], { encoding: 'utf8' }).stdout.trim(),
    snapshot,
    outbox: { maxId: outbox.maxId, watermark: outbox.watermark },
    rowCounts: counts,
    bytes,
    sha256: await sha256File(file),
    seconds: Number(seconds(startedAt)),
  }
  writeFileSync(`${file.replace(/\.dump$/, '')}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`)
  console.log(`backup done in ${seconds(startedAt)} s: ${file}`)
  console.log(`restore with: npm run restore -- ${path.relative(process.cwd(), file) || file}`)
} catch (error) {
  code = 1
  rmSync(partial, { force: true })
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`)
  await client.query('rollback').catch(() => {})
} finally {
  await client.end().catch(() => {})
}
process.exit(code)
