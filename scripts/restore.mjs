/**
 * `npm run restore -- [FILE.dump] [--yes]` — puts a `npm run backup` dump back into the platform's
 * PostgreSQL database (DATABASE_URL or the local service), then rebuilds the ClickHouse warehouse from
 * it and reconciles the two. Stop `npm start` first (the restore replaces every table).
 *
 *  1. the dump: FILE, or the newest in BACKUP_DIR (default ./backups); its SHA-256 is checked against
 *     the manifest written beside it;
 *  2. the database is created when missing; one holding data is replaced only with --yes;
 *  3. pg_restore --clean --if-exists --no-owner, run by psql as ONE transaction (after dropping the
 *     partitioned tables): all or nothing — a failed restore leaves the database as it was; row
 *     counts are then compared with the manifest;
 *  4. warehouse migrations (warehouse/bin/migrate.ts), the rebuild (etl/bin/rebuild.ts: every fact
 *     table from PostgreSQL, watermark = outbox max id), then reconcile (etl/bin/reconcile.ts).
 *
 * Exit 0 when everything matched; 1 on failure; 2 when refused (no --yes, no dump found).
 * SZPM_PROFILE=test selects the test databases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensureServices, ownerUrl, ROOT } from './lib/services.mjs'
import { appEnv, pinnedPath } from './lib/app_env.mjs'
import { backupDir, databaseOf, describeUrl, outboxState, pg, pgTool, rowCounts, runStep, seconds, sha256File, tablesWithData, withDatabase } from './lib/backup.mjs'

const { values, positionals } = parseArgs({ options: { yes: { type: 'boolean', short: 'y' } }, allowPositionals: true })
const profile = process.env.SZPM_PROFILE === 'test' ? 'test' : 'dev'
const { env: services } = await ensureServices(profile)
const env = { ...appEnv(services, profile), PATH: pinnedPath() }
// the schema owner: the application's role may not read the migration bookkeeping, nor replace tables
const url = ownerUrl(env)
const database = databaseOf(url)
const startedAt = Date.now()

function refuse(message) {
  console.error(message)
  process.exit(2)
}

/** the newest `*.dump` of BACKUP_DIR */
function latestDump(dir) {
  if (!existsSync(dir)) return null
  const dumps = readdirSync(dir).filter((name) => name.endsWith('.dump')).map((name) => path.join(dir, name))
  return dumps.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] ?? null
}

const file = positionals[0] ? path.resolve(positionals[0]) : latestDump(backupDir(env))
if (!file || !existsSync(file)) refuse(file ? `no such dump: ${file}` : `no dump given and none in ${backupDir(env)} (npm run backup writes one)`)
const manifestFile = `${file.replace(/\.dump$/, '')}.manifest.json`
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : null
console.log(`restore of ${path.relative(process.cwd(), file) || file}${manifest ? ` (taken ${manifest.createdAt} from ${manifest.database})` : ' (no manifest)'} into ${describeUrl(url)}`)

let step = 0
const stepLine = (text) => console.log(`[${++step}/6] ${text}`)

// 1. integrity
stepLine('checking the dump')
if (manifest?.sha256) {
  const sha = await sha256File(file)
  if (sha !== manifest.sha256) refuse(`the dump does not match its manifest (sha256 ${sha}, manifest ${manifest.sha256}): refusing to restore a damaged file`)
  console.log('  sha256 matches the manifest')
} else console.log('  no manifest beside the dump: integrity not checked')

// 2. target database: created when missing; one with data only with --yes
stepLine(`checking the target database ${database}`)
{
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres'), application_name: 'szpm-restore' })
  await admin.connect()
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [database])
    if (rows.length === 0) {
      await admin.query(`create database "${database.replaceAll('"', '""')}"`)
      console.log(`  created database ${database}`)
    }
    const others = await admin.query(
      `select coalesce(nullif(application_name, ''), client_addr::text, 'unknown') as who, count(*)::int as n from pg_stat_activity
       where datname = $1 and pid <> pg_backend_pid() group by 1 order by 1`,
      [database],
    )
    if (others.rows.length > 0) console.log(`  warning: other sessions are connected (${others.rows.map((row) => `${row.who} ×${row.n}`).join(', ')}); stop \`npm start\` first — the restore waits at most 60 s for their locks`)
  } finally {
    await admin.end()
  }
  const client = new pg.Client({ connectionString: url, application_name: 'szpm-restore' })
  await client.connect()
  try {
    const filled = await tablesWithData(client)
    if (filled.length > 0 && !values.yes) {
      const shown = filled.slice(0, 8).join(', ') + (filled.length > 8 ? ', …' : '')
      refuse(`refusing to restore: ${database} is not empty (${filled.length} table(s) hold data: ${shown}).\nEvery table would be replaced by the backup's. Re-run with --yes to do it: npm run restore -- ${positionals[0] ?? path.relative(process.cwd(), file)} --yes`)
    }
    console.log(filled.length > 0 ? `  ${filled.length} table(s) hold data: replacing them (--yes)` : '  empty: nothing to replace')
  } finally {
    await client.end()
  }
}

// 3. pg_restore, all or nothing
stepLine('pg_restore (one transaction)')
let phase = Date.now()
// pg_restore's --clean drops a partition's inherited constraints and indexes one by one, which
// PostgreSQL refuses (audit_logs is partitioned by month): the partitioned tables are dropped first,
// with their partitions, in the SAME transaction — pg_restore writes the script, psql -1 runs the
// prelude and the script as one transaction.
const DROP_PARTITIONED = `DO $$ DECLARE t regclass; BEGIN
  FOR t IN SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'p' LOOP
    EXECUTE format('DROP TABLE %s CASCADE', t);
  END LOOP; END $$`
const restoreCode = await runStep(
  'bash',
  ['-o', 'pipefail', '-c', '"$1" --clean --if-exists --no-owner -f - "$3" | "$2" -X -q -1 -v ON_ERROR_STOP=1 --no-password -d "$4" -c "$5" -f -',
    'restore', pgTool('pg_restore'), pgTool('psql'), file, url, DROP_PARTITIONED],
  { env: { ...env, PGOPTIONS: `${env.PGOPTIONS ?? ''} -c lock_timeout=60s`.trim(), PGAPPNAME: 'szpm-restore' } },
)
if (restoreCode !== 0) {
  console.error(`pg_restore failed (exit ${restoreCode}); the transaction was rolled back, ${database} is unchanged`)
  process.exit(1)
}
{
  const client = new pg.Client({ connectionString: url, application_name: 'szpm-restore' })
  await client.connect()
  try {
    const counts = await rowCounts(client)
    const outbox = await outboxState(client)
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
    console.log(`  restored ${Object.keys(counts).length} table(s), ${total} row(s) in ${seconds(phase)} s; outbox max id ${outbox.maxId ?? '-'}`)
    if (manifest?.rowCounts) {
      const differing = Object.entries(manifest.rowCounts).filter(([table, n]) => counts[table] !== n)
      if (differing.length > 0) {
        console.error(`  row counts differ from the manifest: ${differing.map(([table, n]) => `${table} ${counts[table] ?? 'missing'} ≠ ${n}`).join(', ')}`)
        process.exit(1)
      }
      console.log('  row counts equal the manifest')
    }
  } finally {
    await client.end()
  }
}

// 4. the warehouse: schema, rebuild, reconcile
const node = process.execPath
stepLine('warehouse migrations')
phase = Date.now()
if ((await runStep(node, [path.join(ROOT, 'warehouse/bin/migrate.ts')], { env })) !== 0) {
  console.error('warehouse migrations failed; PostgreSQL is restored — fix ClickHouse, then `npm run rebuild` and `npm run reconcile`')
  process.exit(1)
}
stepLine('warehouse rebuild from PostgreSQL')
phase = Date.now()
if ((await runStep(node, [path.join(ROOT, 'etl/bin/rebuild.ts')], { env })) !== 0) {
  console.error('the rebuild failed; PostgreSQL is restored — run `npm run rebuild` again once the cause is fixed')
  process.exit(1)
}
console.log(`  rebuilt in ${seconds(phase)} s`)
stepLine('reconcile PostgreSQL ↔ ClickHouse')
phase = Date.now()
const reconcileCode = await runStep(node, [path.join(ROOT, 'etl/bin/reconcile.ts')], { env })
if (reconcileCode !== 0) {
  console.error(`reconcile found differences or failed (exit ${reconcileCode}); run \`npm run rebuild\` and \`npm run reconcile\` again`)
  process.exit(1)
}
console.log(`  reconciled in ${seconds(phase)} s`)
console.log(`restore done in ${seconds(startedAt)} s: ${database} holds the backup of ${manifest?.createdAt ?? 'unknown time'}, the warehouse was rebuilt and reconciles (0 differences)`)
process.exit(0)
