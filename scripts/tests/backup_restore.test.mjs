/**
 * `npm run backup` / `npm run restore` as an operator runs them, against a scratch database of this
 * test slot (`<test database>_backup` in PostgreSQL and ClickHouse): backup → change the data →
 * restore → every table's data and every cube's statistics equal the values before the backup, and
 * reconcile reports 0 differences. Run by `npm test` (node --test).
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWarehouse, dropDatabase } from '@szpm/warehouse'
import { createPgPool, rebuildAllFacts, reconcile } from '../../etl/src/index.ts'
import { Fixtures } from '../../etl/tests/helpers.ts'
import { ensureServices, ownerUrl } from '../lib/services.mjs'
import { databaseOf, pg, withDatabase } from '../lib/backup.mjs'
import { cubeStatistics } from '../lib/statistics.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const AS_OF = '2026-12-01'
/** the tables whose content must come back exactly (the watermark's time is the rebuild's, not the backup's) */
const DATA_TABLES = {
  regions: 't',
  estates: 't',
  filings: 't',
  houses: 't',
  owners: 't',
  evaluation_templates: 't',
  evaluation_periods: 't',
  evaluations: 't',
  outbox_events: 't',
  etl_watermarks: '(t.name, t.last_id)',
}

let env
let scratchUrl
let scratchCh
let pool
let warehouse
let tmp

/** Runs a project script with the scratch databases; resolves to { code, out }. */
function run(script, args = [], extra = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, SZPM_PROFILE: 'test', DATABASE_URL: scratchUrl, CLICKHOUSE_DATABASE: scratchCh.database, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    child.on('close', (code) => resolve({ code, out }))
  })
}

async function dropScratch() {
  const admin = new pg.Client({ connectionString: withDatabase(scratchUrl, 'postgres') })
  await admin.connect()
  try {
    await admin.query(`drop database if exists "${databaseOf(scratchUrl)}" with (force)`)
  } finally {
    await admin.end()
  }
  await dropDatabase(scratchCh)
}

/** Every row of every data table, as text, in key order. */
async function tableData() {
  const data = {}
  for (const [table, row] of Object.entries(DATA_TABLES)) {
    const { rows } = await pool.query(`select coalesce(string_agg(${row}::text, E'\\n' order by ${row}::text), '') as rows from ${table} t`)
    data[table] = rows[0].rows
  }
  return data
}

/** Every metric of every cube: totals and per district. */
const statistics = () => cubeStatistics(warehouse, AS_OF)

before(async () => {
  ;({ env } = await ensureServices('test'))
  // the scratch copy is created, filled and dropped by the schema owner (the application's role may not)
  scratchUrl = withDatabase(ownerUrl(env), `${databaseOf(env.DATABASE_URL)}_backup`)
  scratchCh = { url: env.CLICKHOUSE_URL, database: `${env.CLICKHOUSE_DATABASE}_backup` }
  tmp = mkdtempSync(path.join(os.tmpdir(), 'szpm-backup-test-'))
  await dropScratch()
  // the scratch database gets the test database's schema the way an operator would copy it
  const copy = await run('scripts/backup.mjs', [], { DATABASE_URL: env.DATABASE_URL, BACKUP_DIR: path.join(tmp, 'schema') })
  assert.equal(copy.code, 0, copy.out)
  const [dump] = readdirSync(path.join(tmp, 'schema')).filter((name) => name.endsWith('.dump'))
  const created = await run('scripts/restore.mjs', [path.join(tmp, 'schema', dump)])
  assert.equal(created.code, 0, created.out)
  assert.match(created.out, /created database/)
  pool = createPgPool(scratchUrl, { max: 4, applicationName: 'szpm-backup-test' })
  // an idle connection ended by the server (the scratch database dropped WITH (FORCE), a PostgreSQL
  // restart by another run) is not a failure of this test; a query on it still fails the test
  pool.on('error', () => {})
  warehouse = createWarehouse(scratchCh)
})

after(async () => {
  await warehouse?.close()
  await pool?.end()
  if (scratchUrl) await dropScratch()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

test('backup → change the data → restore: every table and every statistic as before, reconcile 0', { timeout: 240_000 }, async () => {
  // data across the statistics modules: estates, filings, houses, an evaluation
  const fx = new Fixtures(pool)
  const district = await fx.region('district', '备份测试区', null)
  const street = await fx.region('street', '备份街道', district)
  const community = await fx.region('community', '备份社区', street)
  const [e1, e2, e3] = [await fx.estate(community, '备份小区一'), await fx.estate(community, '备份小区二'), await fx.estate(community, '备份小区三')]
  const contract = await fx.filing(e1, 'contract', 'filed', '2024-01-01', '2027-12-31')
  await fx.filing(e2, 'contract', 'expired', '2023-01-01')
  await fx.filing(e2, 'assembly', 'filed', '2023-06-01')
  const owner = await fx.owner('备份业主')
  await fx.house(e1, '101', 88.5, '住宅', owner)
  await fx.house(e3, '102', 120, '商业')
  const template = await fx.evaluationTemplate()
  await fx.evaluationPeriod(2026, 1, template)
  await fx.evaluation(e1, { year: 2026, half: 1 }, template, 'reviewed', { submitted: 90, final: 88 })
  await rebuildAllFacts({ pg: pool, warehouse })
  const dataBefore = await tableData()
  const statsBefore = await statistics()
  assert.equal(statsBefore.estate_filings.totals.estates, 3)
  assert.deepEqual((await reconcile({ pg: pool, warehouse })).differences, [])

  // backup: a dump and its manifest, counts as in the database
  const dir = path.join(tmp, 'backups')
  const backup = await run('scripts/backup.mjs', [], { BACKUP_DIR: dir })
  assert.equal(backup.code, 0, backup.out)
  const files = readdirSync(dir)
  const dump = files.find((name) => name.endsWith('.dump'))
  assert.ok(dump, backup.out)
  assert.ok(!files.some((name) => name.endsWith('.partial')))
  const manifest = JSON.parse(readFileSync(path.join(dir, dump.replace(/\.dump$/, '.manifest.json')), 'utf8'))
  assert.equal(manifest.database, databaseOf(scratchUrl))
  assert.equal(manifest.rowCounts.estates, 3)
  assert.equal(manifest.rowCounts.houses, 2)
  assert.match(manifest.sha256, /^[0-9a-f]{64}$/)
  assert.ok(manifest.outbox.maxId !== null)

  // the data changes after the backup (and the warehouse follows)
  await pool.query(`update estates set name = '改名小区' where id = $1`, [e3])
  await pool.query('delete from filings where id = $1', [contract])
  await fx.filing(e3, 'assembly', 'filed', '2025-03-01')
  await pool.query('delete from houses where estate_id = $1', [e3])
  await rebuildAllFacts({ pg: pool, warehouse })
  assert.notDeepEqual(await tableData(), dataBefore)
  assert.notDeepEqual(await statistics(), statsBefore)

  // a database holding data is not replaced without --yes
  const refused = await run('scripts/restore.mjs', [path.join(dir, dump)], { BACKUP_DIR: dir })
  assert.equal(refused.code, 2, refused.out)
  assert.match(refused.out, /not empty[\s\S]*--yes/)
  assert.equal((await pool.query('select name from estates where id = $1', [e3])).rows[0].name, '改名小区')

  // restore (the newest dump of BACKUP_DIR): PostgreSQL, then the warehouse rebuilt and reconciled
  const restored = await run('scripts/restore.mjs', ['--yes'], { BACKUP_DIR: dir })
  assert.equal(restored.code, 0, restored.out)
  assert.match(restored.out, /sha256 matches the manifest/)
  assert.match(restored.out, /row counts equal the manifest/)
  assert.match(restored.out, /\[6\/6\] reconcile/)
  assert.match(restored.out, /0 difference\(s\)/)
  assert.deepEqual(await tableData(), dataBefore)
  assert.deepEqual(await statistics(), statsBefore)
  const check = await reconcile({ pg: pool, warehouse })
  assert.equal(check.pendingEvents, 0)
  assert.deepEqual(check.differences, [])
})

test('a damaged dump is refused before anything is touched', { timeout: 60_000 }, async () => {
  const dir = path.join(tmp, 'backups')
  const dump = readdirSync(dir).find((name) => name.endsWith('.dump'))
  const manifestFile = path.join(dir, dump.replace(/\.dump$/, '.manifest.json'))
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, sha256: '0'.repeat(64) }))
  const result = await run('scripts/restore.mjs', [path.join(dir, dump), '--yes'])
  assert.equal(result.code, 2, result.out)
  assert.match(result.out, /does not match its manifest/)
})
