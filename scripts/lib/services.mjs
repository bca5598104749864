/**
 * Local PostgreSQL, Redis and ClickHouse for development and tests.
 *
 * Each service is taken from its URL variable when set (DATABASE_URL, REDIS_URL, CLICKHOUSE_URL);
 * otherwise a private instance is started in the git-ignored `.stack/` folder on a non-default port.
 * Plain Node (runs on the system Node before dependencies are installed).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs'
import { createHash } from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const PORTS = { postgres: 55432, redis: 56379, clickhouseHttp: 58123, clickhouseTcp: 59000, clickhouseInterserver: 59009 }
export const PG_BIN = '/usr/lib/postgresql/15/bin'
const DEBIAN_PACKAGES = ['postgresql', 'redis-server', 'clickhouse-server']
const isRoot = process.getuid?.() === 0
// Debian puts clickhouse-server in /usr/sbin, which a non-login PATH may lack.
export const clickhouseBin = () => ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'].find((bin) => existsSync(bin)) ?? 'clickhouse-server'

const log = (message) => console.log(`[stack] ${message}`)

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options })
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

async function waitFor(check, what, timeoutMs = 30000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000}s`)
}

function missingBinaries() {
  const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0
  const need = { postgresql: () => existsSync(`${PG_BIN}/pg_ctl`), 'redis-server': () => has('redis-server'), 'clickhouse-server': () => has('clickhouse-server') || existsSync('/usr/sbin/clickhouse-server') }
  return Object.entries(need).filter(([, present]) => !present()).map(([pkg]) => pkg)
}

/** Installs Debian packages when running as root, else throws with the exact command to run. */
function aptInstall(missing, hint = '') {
  if (missing.length === 0) return
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log(`installing ${missing.join(', ')} from Debian packages…`)
    // apt's output goes to stderr: `./ace` evaluates scripts/env.mjs's stdout as shell assignments
    const result = spawnSync('bash', ['-c', command], { stdio: ['ignore', process.stderr, process.stderr] })
    if (result.status !== 0) throw new Error(`package install failed: ${command}`)
    return
  }
  throw new Error(`Missing packages: ${missing.join(', ')}. Install them with:\n  sudo ${command}${hint}`)
}

function ensureInstalled(needed) {
  aptInstall(missingBinaries().filter((pkg) => needed.includes(pkg)),
    '\nor point DATABASE_URL / REDIS_URL / CLICKHOUSE_URL at running servers.')
}

/**
 * Other Debian packages a command needs (e.g. Chromium and CJK fonts for browser tests), keyed by
 * the file that proves each is installed.
 */
export function ensureDebianPackages(packages) {
  aptInstall(Object.entries(packages).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg))
}

/** PostgreSQL refuses to run as root, and its user must reach the data dir. */
function stackDir() {
  const local = path.join(ROOT, '.stack')
  if (!isRoot) return local
  mkdirSync(local, { recursive: true })
  const probe = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', local])
  if (probe.status === 0) return local
  const fallback = path.join('/var/lib/szpm-stack', createHash('sha1').update(ROOT).digest('hex').slice(0, 10))
  log(`${local} is not reachable by the postgres user; using ${fallback}`)
  return fallback
}

/**
 * Server options of the local PostgreSQL. The test profile trades crash safety for speed (fsync off:
 * the backend suite's functional files ran about twice as fast); every other profile gets
 * PostgreSQL's durable defaults. See applyDurability for the shared instance.
 */
const postgresOptions = (sock, profile) => `-p ${PORTS.postgres} -k ${sock} -c listen_addresses=127.0.0.1 -c max_connections=200${
  profile === 'test' ? ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off' : ''}`

const psqlAdmin = (sql) => run('psql', ['-h', '127.0.0.1', '-p', String(PORTS.postgres), '-U', 'postgres', '-tAc', sql]).trim()

/** fsync / full_page_writes / synchronous_commit of the running instance, e.g. { fsync: 'on', … } */
function durabilitySettings() {
  const rows = psqlAdmin("SELECT name || '=' || setting FROM pg_settings WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit')")
  return Object.fromEntries(rows.split('\n').filter(Boolean).map((line) => line.split('=')))
}

/**
 * Durability of the local PostgreSQL (docs/operations.md). The dev and test profiles share ONE
 * instance (port 55432); fsync and full_page_writes are instance-wide. The instance is started
 * durable unless a test run starts it; `npm start` (`requireDurable`) restarts a crash-unsafe
 * instance durable, so whenever the platform runs its writes survive a power cut (tests running
 * at that moment lose their connections once, and run durable — slower — until the instance is
 * next started by a test run). Other commands only warn. Per database, test databases also get
 * `synchronous_commit = off` and the platform's database `on`, which holds on a durable instance.
 */
function applyDurability(dir, database, profile, requireDurable) {
  const settings = durabilitySettings()
  if (settings.fsync !== 'on' || settings.full_page_writes !== 'on') {
    const data = dir ? path.join(dir, 'postgres') : null
    if (requireDurable && data && existsSync(path.join(data, 'postmaster.pid'))) {
      log('PostgreSQL runs with fsync/full_page_writes off (crash-unsafe); restarting it durable…')
      const asPg = (bin, args) => (isRoot ? run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${bin}`, ...args]) : run(`${PG_BIN}/${bin}`, args))
      const sock = path.join(dir, 'run')
      asPg('pg_ctl', ['-D', data, '-l', path.join(sock, 'postgres.log'), '-m', 'fast', '-o', postgresOptions(sock, profile), '-w', 'restart'])
    } else if (requireDurable) {
      throw new Error(`the PostgreSQL on port ${PORTS.postgres} runs with fsync=${settings.fsync}, full_page_writes=${settings.full_page_writes}; restart it without those flags (or set DATABASE_URL)`)
    } else if (profile !== 'test') {
      log(`warning: PostgreSQL runs with fsync=${settings.fsync}, full_page_writes=${settings.full_page_writes}; \`npm start\` restarts it durable`)
    }
  }
  psqlAdmin(`ALTER DATABASE "${database}" SET synchronous_commit = ${profile === 'test' ? 'off' : 'on'}`)
}

async function startPostgres(dir, started, profile) {
  const data = path.join(dir, 'postgres')
  const sock = path.join(dir, 'run')
  mkdirSync(sock, { recursive: true })
  if (await portOpen(PORTS.postgres)) return
  const asPg = (bin, args) => (isRoot ? run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${bin}`, ...args]) : run(`${PG_BIN}/${bin}`, args))
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    mkdirSync(data, { recursive: true })
    if (isRoot) { run('chown', ['-R', 'postgres:postgres', data, sock]); chmodSync(dir, 0o755) }
    log('initialising PostgreSQL data folder…')
    asPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  }
  if (isRoot) run('chown', ['-R', 'postgres:postgres', sock])
  // durable (PostgreSQL's defaults) unless a test run starts it (see applyDurability)
  asPg('pg_ctl', ['-D', data, '-l', path.join(sock, 'postgres.log'), '-o', postgresOptions(sock, profile), '-w', 'start'])
  started.push({ name: 'postgres', stop: () => asPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']) })
  log(`PostgreSQL on 127.0.0.1:${PORTS.postgres}`)
}

async function startRedis(dir, started) {
  if (await portOpen(PORTS.redis)) return
  const data = path.join(dir, 'redis')
  mkdirSync(data, { recursive: true })
  run('redis-server', ['--port', String(PORTS.redis), '--bind', '127.0.0.1', '--dir', data, '--daemonize', 'yes',
    '--pidfile', path.join(data, 'redis.pid'), '--logfile', path.join(dir, 'redis.log'), '--save', '60 1000', '--appendonly', 'no'])
  await waitFor(() => portOpen(PORTS.redis), 'Redis')
  started.push({ name: 'redis', stop: () => run('redis-cli', ['-p', String(PORTS.redis), 'shutdown', 'nosave']) })
  log(`Redis on 127.0.0.1:${PORTS.redis}`)
}

async function clickhousePing() {
  try {
    const response = await fetch(`http://127.0.0.1:${PORTS.clickhouseHttp}/ping`)
    return response.ok
  } catch {
    return false
  }
}

/**
 * Writes users.xml and config.xml of a local ClickHouse server whose files live under `data`, listening
 * on 127.0.0.1 at `ports` (the stack's by default; the fault suite runs a private server on its own ports).
 * Returns the config file to pass as `--config-file`.
 */
export function writeClickHouseConfig(data, ports = { http: PORTS.clickhouseHttp, tcp: PORTS.clickhouseTcp, interserver: PORTS.clickhouseInterserver }) {
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) mkdirSync(path.join(data, sub), { recursive: true })
  writeFileSync(path.join(data, 'users.xml'), `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`)
  writeFileSync(path.join(data, 'config.xml'), `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${data}/log/server.log</log><errorlog>${data}/log/error.log</errorlog><size>100M</size><count>3</count></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>30</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mark_cache_size>1073741824</mark_cache_size>
  <path>${data}/data/</path>
  <tmp_path>${data}/tmp/</tmp_path>
  <user_files_path>${data}/user_files/</user_files_path>
  <format_schema_path>${data}/format_schemas/</format_schema_path>
  <users_config>${data}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>Asia/Shanghai</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
`)
  return path.join(data, 'config.xml')
}

async function startClickHouse(dir, started) {
  if (await clickhousePing()) return
  const data = path.join(dir, 'clickhouse')
  const configFile = writeClickHouseConfig(data)
  const pidFile = path.join(data, 'clickhouse.pid')
  run(clickhouseBin(), ['--config-file', configFile, '--pid-file', pidFile, '--daemon'], { cwd: data })
  await waitFor(clickhousePing, 'ClickHouse', 60000)
  started.push({ name: 'clickhouse', stop: () => {
    const pid = Number(run('cat', [pidFile]).trim())
    if (pid) process.kill(pid, 'SIGTERM')
  } })
  log(`ClickHouse on 127.0.0.1:${PORTS.clickhouseHttp}`)
}

/**
 * The application's PostgreSQL role (backend/database/migrations/0014_application_role.ts): LOGIN, no
 * superuser, owns nothing; the local instance trusts local connections, so no password. Created once
 * per instance (a concurrent run may create it at the same moment).
 */
export const APP_ROLE = 'szpm_app'

function ensureAppRole() {
  psqlAdmin(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
      CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
    ALTER ROLE ${APP_ROLE} LOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`)
}

async function ensurePostgresDatabase(name) {
  const sql = `SELECT 1 FROM pg_database WHERE datname = '${name}'`
  // psql is always there with the server package; use it so this works before npm install.
  const exists = run('psql', ['-h', '127.0.0.1', '-p', String(PORTS.postgres), '-U', 'postgres', '-tAc', sql]).trim() === '1'
  if (!exists) run('psql', ['-h', '127.0.0.1', '-p', String(PORTS.postgres), '-U', 'postgres', '-c', `CREATE DATABASE "${name}"`])
}

/**
 * `SZPM_TEST_SLOT=N` (1..9) gives a test run its own databases (szpm_test_N, Redis db 1+N) and API
 * port (3334+N), so several developers' or agents' runs can share one machine's services.
 */
export function testSlot(profile = 'test') {
  if (profile !== 'test') return 0
  const slot = Number(process.env.SZPM_TEST_SLOT ?? 0)
  return Number.isInteger(slot) && slot >= 0 && slot <= 9 ? slot : 0
}

/**
 * Makes sure every service is reachable and returns the environment variables that point at them.
 * `profile` picks the database names: 'dev' → szpm, 'test' → szpm_test (same servers, separate data).
 * `requireDurable` (npm start): a local PostgreSQL running crash-unsafe is restarted durable.
 */
export async function ensureServices(profile = 'dev', { requireDurable = false } = {}) {
  const slot = testSlot(profile)
  const database = profile === 'test' ? `szpm_test${slot ? `_${slot}` : ''}` : 'szpm'
  const started = []
  const env = {}
  const needed = []
  if (!process.env.DATABASE_URL) needed.push('postgresql')
  if (!process.env.REDIS_URL) needed.push('redis-server')
  if (!process.env.CLICKHOUSE_URL) needed.push('clickhouse-server')
  ensureInstalled(needed)
  const dir = needed.length ? stackDir() : null
  if (dir) mkdirSync(dir, { recursive: true })

  try {
    if (process.env.DATABASE_URL) {
      env.DATABASE_URL = process.env.DATABASE_URL
      // an owner URL only when given with it (never one generated for another database)
      if (process.env.DATABASE_MIGRATION_URL) env.DATABASE_MIGRATION_URL = process.env.DATABASE_MIGRATION_URL
    }
    else {
      await startPostgres(dir, started, profile)
      await ensurePostgresDatabase(database)
      applyDurability(dir, database, profile, requireDurable)
      ensureAppRole()
      // the platform connects as its own role; migrations (and backup / restore) as the owner
      env.DATABASE_URL = `postgres://${APP_ROLE}@127.0.0.1:${PORTS.postgres}/${database}`
      env.DATABASE_MIGRATION_URL = `postgres://postgres@127.0.0.1:${PORTS.postgres}/${database}`
    }
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL
    else {
      await startRedis(dir, started)
      env.REDIS_URL = `redis://127.0.0.1:${PORTS.redis}/${profile === 'test' ? 1 + slot : 0}`
    }
    if (process.env.CLICKHOUSE_URL) env.CLICKHOUSE_URL = process.env.CLICKHOUSE_URL
    else {
      await startClickHouse(dir, started)
      env.CLICKHOUSE_URL = `http://127.0.0.1:${PORTS.clickhouseHttp}`
    }
    env.CLICKHOUSE_DATABASE = process.env.CLICKHOUSE_DATABASE ?? database
  } catch (error) {
    stopServices(started)
    throw error
  }
  return { env, started, stop: () => stopServices(started) }
}

/**
 * The URL of the schema owner for DATABASE_URL's database (migrations, backup, restore, bench setup):
 * DATABASE_MIGRATION_URL when it names the same database; on the same server but another database
 * (e.g. a scratch copy given as DATABASE_URL while the variable was inherited), the owner's
 * credentials on DATABASE_URL's database; otherwise DATABASE_URL itself. Never another database than
 * DATABASE_URL's. (backend/config/database.ts `ownerDatabaseUrl` is the same rule.)
 */
export function ownerUrl(env = process.env) {
  const app = env.DATABASE_URL
  if (!env.DATABASE_MIGRATION_URL || !app) return app
  const target = new URL(app)
  const owner = new URL(env.DATABASE_MIGRATION_URL)
  if (owner.pathname === target.pathname) return env.DATABASE_MIGRATION_URL
  if (owner.host !== target.host) return app
  owner.pathname = target.pathname
  return owner.toString()
}

export function stopServices(started) {
  for (const service of [...started].reverse()) {
    try {
      service.stop()
      log(`stopped ${service.name}`)
    } catch (error) {
      log(`could not stop ${service.name}: ${error.message}`)
    }
  }
  started.length = 0
}

