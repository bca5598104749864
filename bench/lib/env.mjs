/**
 * The bench's own world on the local servers: PostgreSQL database `szpm_bench`, ClickHouse database
 * `szpm_bench`, Redis db 3 and API port 3390 — never the dev (`szpm`) or test (`szpm_test`) data.
 * Services come from scripts/lib/services.mjs exactly as for `npm start` (started when not running).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { Redis } from 'ioredis'
import { ensureServices, ownerUrl, ROOT } from '../../scripts/lib/services.mjs'
import { appEnv, pinnedPath } from '../../scripts/lib/app_env.mjs'

// overridable so that two engineers' benches on one machine do not share (and regenerate) one world
export const BENCH_DATABASE = process.env.SZPM_BENCH_DATABASE ?? 'szpm_bench'
export const BENCH_PORT = Number(process.env.SZPM_BENCH_PORT ?? 3390)
export const BENCH_REDIS_DB = Number(process.env.SZPM_BENCH_REDIS_DB ?? 3)
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DATABASE)) throw new Error(`SZPM_BENCH_DATABASE must be a plain identifier, got ${BENCH_DATABASE}`)
export const BACKEND = path.join(ROOT, 'backend')
export { ROOT }

const withPath = (url, pathname) => {
  const parsed = new URL(url)
  parsed.pathname = `/${pathname}`
  return parsed.toString()
}

function assertLoopback(url, what) {
  const host = new URL(url).hostname
  if (host !== '127.0.0.1') throw new Error(`${what} must be on 127.0.0.1 for the bench (got ${host})`)
}

/** CREATE DATABASE szpm_bench when missing, through psql like services.mjs does. */
function ensurePgDatabase(serverUrl, name) {
  const admin = withPath(serverUrl, 'postgres')
  const psql = (sql) => execFileSync('psql', [admin, '-tAc', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  if (psql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`) !== '1') psql(`CREATE DATABASE "${name}"`)
}

/** Starts (or finds) the services and returns the bench environment for child processes. */
export async function benchEnvironment() {
  const services = await ensureServices('dev')
  const service = {
    DATABASE_URL: withPath(services.env.DATABASE_URL, BENCH_DATABASE),
    // the schema owner (migrations, the generator, bench_marker); the API and the ETL connect as DATABASE_URL's role
    DATABASE_MIGRATION_URL: withPath(ownerUrl(services.env), BENCH_DATABASE),
    REDIS_URL: withPath(services.env.REDIS_URL, String(BENCH_REDIS_DB)),
    CLICKHOUSE_URL: services.env.CLICKHOUSE_URL,
    CLICKHOUSE_DATABASE: BENCH_DATABASE,
  }
  for (const [name, url] of Object.entries(service)) if (name.endsWith('_URL')) assertLoopback(url, name)
  ensurePgDatabase(ownerUrl(services.env), BENCH_DATABASE)
  const env = {
    ...appEnv(service, 'dev'),
    ...service,
    NODE_ENV: 'production',
    PORT: String(BENCH_PORT),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${BENCH_PORT}`,
    SESSION_DRIVER: 'redis',
    LOG_LEVEL: 'warn',
    PATH: pinnedPath(),
    FORCE_COLOR: '0',
  }
  return { env, stopServices: services.stop }
}

/** Runs a one-shot Node command with the bench env; throws on failure. */
export function runStep(label, env, args, cwd = ROOT) {
  console.log(`[bench] ${label}`)
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal})`)
}

const TS_EXEC = '--import=@poppinss/ts-exec'

export function migrate(env) {
  runStep('migrating PostgreSQL (szpm_bench)', env, [TS_EXEC, 'ace.js', 'migration:run', '--force'], BACKEND)
  runStep('migrating ClickHouse (szpm_bench)', env, ['warehouse/bin/migrate.ts'])
}

/**
 * Generates the city with the real generator unless szpm_bench already holds this scale. The marker
 * is a row in `bench_marker` (scale + estate count) checked against the live estate count.
 */
export async function ensureData(env, pool, scale, { regenerate = false } = {}) {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_marker (id int PRIMARY KEY, scale text NOT NULL, estates int NOT NULL, generated_at timestamptz NOT NULL)')
  const { rows: [marker] } = await pool.query('SELECT scale, estates FROM bench_marker WHERE id = 1')
  const { rows: [{ count }] } = await pool.query('SELECT count(*)::int AS count FROM estates')
  // data generated before a module's generator existed (e.g. 街道社区评价) is regenerated, not reused
  const { rows: [{ evaluations }] } = await pool.query('SELECT count(*)::int AS evaluations FROM evaluations')
  // … and before 通知发布's (the notice_receipts table missing or empty)
  const { rows: [{ receipts }] } = await pool.query(`SELECT CASE WHEN to_regclass('notice_receipts') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM (SELECT 1 FROM notice_receipts LIMIT 1) x) END AS receipts`)
  // … and before 车位信息's (parking_spaces missing or empty)
  const { rows: [{ spaces }] } = await pool.query(`SELECT CASE WHEN to_regclass('parking_spaces') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM (SELECT 1 FROM parking_spaces LIMIT 1) x) END AS spaces`)
  // … and before 党建园地's (opinion_responses missing or empty)
  const { rows: [{ responses }] } = await pool.query(`SELECT CASE WHEN to_regclass('opinion_responses') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM (SELECT 1 FROM opinion_responses LIMIT 1) x) END AS responses`)
  // … and before 平安建设's (safety_assessments missing or empty)
  const { rows: [{ assessments }] } = await pool.query(`SELECT CASE WHEN to_regclass('safety_assessments') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM (SELECT 1 FROM safety_assessments LIMIT 1) x) END AS assessments`)
  // … and before 电子投票's (voting_meetings missing or empty)
  const { rows: [{ meetings }] } = await pool.query(`SELECT CASE WHEN to_regclass('voting_meetings') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM (SELECT 1 FROM voting_meetings LIMIT 1) x) END AS meetings`)
  // 电子投票: SZPM_BENCH_VOTING_BALLOTS=10000000 generates that many standing ballots (docs/decisions.md); the marker keeps the target
  const votingBallots = process.env.SZPM_BENCH_VOTING_BALLOTS
  if (votingBallots !== undefined && !/^[1-9]\d*$/.test(votingBallots)) throw new Error(`SZPM_BENCH_VOTING_BALLOTS must be a positive integer, got ${votingBallots}`)
  const marked = votingBallots ? `${scale}+ballots${votingBallots}` : scale
  if (!regenerate && marker && marker.scale === marked && marker.estates === count && count > 0 && evaluations > 0 && receipts > 0 && spaces > 0 && responses > 0 && assessments > 0 && meetings > 0) {
    console.log(`[bench] szpm_bench already holds the ${scale} scale (${count} estates); reusing it (--regenerate forces)`)
    return
  }
  const ballotArgs = votingBallots ? ['--voting-ballots', votingBallots] : []
  runStep(`generating the ${scale}-scale data: ./ace demo:generate --scale ${scale} --fresh ${ballotArgs.join(' ')}`.trim(), env,
    [TS_EXEC, 'ace.js', 'demo:generate', '--scale', scale, '--fresh', ...ballotArgs], BACKEND)
  const { rows: [after] } = await pool.query('SELECT count(*)::int AS count FROM estates')
  await pool.query(`INSERT INTO bench_marker (id, scale, estates, generated_at) VALUES (1, $1, $2, now())
    ON CONFLICT (id) DO UPDATE SET scale = excluded.scale, estates = excluded.estates, generated_at = excluded.generated_at`, [marked, after.count])
}

export function createPool(env, max = 8) {
  // as the owner: it creates bench_marker, and reads what the PostgreSQL baseline reads
  // jit = off: PostgreSQL's default JIT compiles big GROUP BYs for ~1.5 s, which would flatter the warehouse
  return new pg.Pool({ connectionString: ownerUrl(env), max, application_name: 'szpm-bench', options: '-c jit=off' })
}

const ROW_COUNT_TABLES = ['regions', 'estates', 'houses', 'owners', 'filings', 'filing_events', 'evaluations', 'users', 'notices', 'notice_receipts', 'parking_spaces', 'outbox_events']

/** Machine, service versions and row counts for the report header. */
export async function describeMachine(env, pool, warehouse) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const cpu = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
  let redisVersion = 'unknown'
  try {
    await redis.connect()
    redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown'
  } finally {
    redis.disconnect()
  }
  const rows = {}
  for (const table of ROW_COUNT_TABLES) {
    const { rows: [row] } = await pool.query(`SELECT count(*)::bigint AS count FROM ${table}`)
    rows[table] = Number(row.count)
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: (await pool.query('SHOW server_version')).rows[0].server_version,
    clickhouse: await warehouse.serverVersion(),
    redis: redisVersion,
    rows,
  }
}
