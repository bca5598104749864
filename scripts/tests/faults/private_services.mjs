/**
 * Private PostgreSQL, Redis and ClickHouse servers for the fault-injection suite (faults.test.mjs):
 * each on its own free loopback port with its files under one temporary folder, so the suite can
 * stop, kill and restart them without touching the shared local services other suites use.
 * `stop()` of each ends exactly the server it started (by its pid / data dir). Debian binaries, as
 * scripts/lib/services.mjs runs them (PostgreSQL as the postgres user when we are root).
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { clickhouseBin, PG_BIN, writeClickHouseConfig } from '../../lib/services.mjs'

const isRoot = process.getuid?.() === 0
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitUntil(check, what, timeoutMs) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await check()) return
    await sleep(100)
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`)
}

/**
 * A PostgreSQL 15 cluster initialised in `root/postgres` (trust auth, crash-unsafe settings like the
 * test profile's: the fault here is a restart, not a power cut). `stop()` is `pg_ctl stop -m fast`
 * (sessions end with 57P01, as in a real restart), `start()` starts it again on the same port.
 */
export async function startPrivatePostgres(root) {
  const port = await freePort()
  const data = path.join(root, 'postgres')
  const run = path.join(root, 'postgres-run')
  mkdirSync(data, { recursive: true })
  mkdirSync(run, { recursive: true })
  if (isRoot) {
    chmodSync(root, 0o755)
    execFileSync('chown', ['-R', 'postgres:postgres', data, run])
  }
  const asPg = (bin, args) =>
    execFileSync(isRoot ? 'runuser' : `${PG_BIN}/${bin}`, isRoot ? ['-u', 'postgres', '--', `${PG_BIN}/${bin}`, ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  asPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  const options = `-p ${port} -k ${run} -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  const server = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => asPg('pg_ctl', ['-D', data, '-l', path.join(run, 'postgres.log'), '-o', options, '-w', 'start']),
    stop: () => asPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    running: () => existsSync(path.join(data, 'postmaster.pid')),
    psql: (sql, database = 'postgres') => execFileSync('psql', [server.url(database), '-tAc', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
  }
  server.start()
  return server
}

/** A redis-server without persistence: `kill9()` then `start()` is a restart that loses every key. */
export async function startPrivateRedis(root) {
  const port = await freePort()
  const dir = path.join(root, 'redis')
  mkdirSync(dir, { recursive: true })
  let child = null
  const server = {
    port,
    url: (db = 0) => `redis://127.0.0.1:${port}/${db}`,
    start: () =>
      new Promise((resolve, reject) => {
        const next = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
        const timer = setTimeout(() => reject(new Error('redis-server did not start within 10 s')), 10_000)
        next.stdout.on('data', (chunk) => {
          if (/Ready to accept connections/.test(String(chunk))) {
            clearTimeout(timer)
            child = next
            resolve()
          }
        })
        next.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)))
      }),
    kill9: () =>
      new Promise((resolve) => {
        const current = child
        child = null
        if (!current || current.exitCode !== null || current.signalCode) return resolve()
        current.once('exit', () => resolve())
        current.kill('SIGKILL')
      }),
    stop: () => server.kill9(),
  }
  await server.start()
  return server
}

/** A single ClickHouse server (config as the stack's) whose `stop()` / `start()` keep its data. */
export async function startPrivateClickHouse(root) {
  const ports = { http: await freePort(), tcp: await freePort(), interserver: await freePort() }
  const data = path.join(root, 'clickhouse')
  const configFile = writeClickHouseConfig(data, ports)
  const pidFile = path.join(data, 'clickhouse.pid')
  const url = `http://127.0.0.1:${ports.http}`
  let pid = 0
  const ping = async () => {
    try {
      return (await fetch(`${url}/ping`)).ok
    } catch {
      return false
    }
  }
  const server = {
    url,
    async start() {
      rmSync(pidFile, { force: true })
      execFileSync(clickhouseBin(), ['--config-file', configFile, '--pid-file', pidFile, '--daemon'], { cwd: data, stdio: 'ignore' })
      // --daemon returns before the pid file exists
      await waitUntil(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 'ClickHouse wrote no pid file', 30_000)
      pid = Number(readFileSync(pidFile, 'utf8').trim())
      await waitUntil(ping, `ClickHouse did not answer ${url}/ping`, 60_000)
    },
    async stop() {
      if (!pid) return
      const current = pid
      pid = 0
      try {
        process.kill(current, 'SIGTERM')
      } catch {
        return
      }
      const started = Date.now()
      while (alive(current) && Date.now() - started < 20_000) await sleep(100)
      if (alive(current)) process.kill(current, 'SIGKILL')
      while (alive(current)) await sleep(50)
    },
  }
  await server.start()
  return server
}
