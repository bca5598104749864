/**
 * Fault injection (issue 13): the platform's API and ETL worker run as real child processes
 * (backend/bin/server.ts; etl/bin/worker.ts under the supervisor of `npm start`) against PRIVATE
 * PostgreSQL, Redis and ClickHouse servers of this suite (faults/private_services.mjs) — never the
 * shared local services — with the demo city. In every case filing changes go through the API
 * (PATCH /api/v1/filings/:id as a street handler) while the fault happens, and the statistics API
 * is probed. Afterwards: the backlog drained by itself, every accepted write is in the warehouse,
 * reconcile reports 0 differences and the statistics equal PostgreSQL's.
 *
 *   1. kill -9 of the ETL worker in the middle of a drain (the supervisor restarts it)
 *   2. ClickHouse down (FAULT_CLICKHOUSE_OUTAGE_MS, default 30 s) and back
 *   3. Redis killed and restarted empty (BullMQ's jobs and job schedulers are gone)
 *   4. PostgreSQL restarted (down FAULT_POSTGRES_OUTAGE_MS, default 5 s)
 *   5. the same outbox batch delivered twice (the watermark rewound)
 *   6. a fact table truncated behind the platform's back: reconcile reports it, a rebuild repairs it
 *
 * The figures of each case (writes attempted / accepted / reflected, time to catch up) are printed
 * and written to FAULTS_REPORT (default <tmp>/szpm-faults-report.md); docs/reliability.md quotes a run.
 * Run by `npm test` (the scripts suite, node --test); alone:
 *   node --test --test-reporter=spec scripts/tests/faults.test.mjs
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { createWarehouse } from '@szpm/warehouse'
import { createPgPool, ETL_LOCK, OUTBOX_WATERMARK, OUTBOX_WRITER_LOCK, pgQueryFn, reconcile, writeEstateHousesOutbox, DRAIN_OUTBOX_SCHEDULER_ID, QUEUE_NAMES } from '../../etl/src/index.ts'
import { ROOT } from '../lib/services.mjs'
import { appEnv, pinnedPath } from '../lib/app_env.mjs'
import { createSupervisor } from '../lib/supervisor.mjs'
import { launch, LOG_DIR, stopAll, waitForHttp } from '../../bench/lib/processes.mjs'
import { ApiClient } from '../../bench/lib/http.mjs'
import { startBenchSms } from '../../bench/lib/sms.mjs'
import { freePort, startPrivateClickHouse, startPrivatePostgres, startPrivateRedis } from './faults/private_services.mjs'

const DATABASE = 'szpm_faults'
const HANDLER_PHONE = '13800000003' // 街道办经办人, 园岭街道 (demo city)
const STREET = '园岭街道'
const CLICKHOUSE_OUTAGE_MS = Number(process.env.FAULT_CLICKHOUSE_OUTAGE_MS ?? 30_000)
const POSTGRES_OUTAGE_MS = Number(process.env.FAULT_POSTGRES_OUTAGE_MS ?? 5_000)
const CATCH_UP_TIMEOUT_MS = 60_000
const STATS_UNAVAILABLE = '统计服务暂时不可用，请稍后重试'
const SERVICE_UNAVAILABLE = '服务暂不可用，请稍后重试'
const BACKEND = path.join(ROOT, 'backend')
const TS_EXEC = '--import=@poppinss/ts-exec'
const REPORT = process.env.FAULTS_REPORT ?? path.join(os.tmpdir(), 'szpm-faults-report.md')

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

let root
let postgres
let redis
let clickhouse
let sms
let env
let api
let supervisor
let workerLog
let workerLogFd
let pool
let warehouse
let client
let filings
let streetId
const figures = []

/** Runs a one-shot Node command of the platform with the suite's environment; throws with its output. */
function step(label, args, cwd = ROOT) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${label} failed (exit ${code}):\n${out.slice(-3000)}`))))
  })
}

/** The single ETL worker the supervisor runs: { pid, restarts }. */
const workerStatus = () => supervisor.status().find((entry) => entry.name === 'etl worker')

async function outboxPosition() {
  const { rows } = await pool.query(
    `select coalesce((select max(id) from outbox_events), 0)::bigint::text as head,
            coalesce((select last_id from etl_watermarks where name = $1), 0)::bigint::text as watermark`,
    [OUTBOX_WATERMARK]
  )
  return { head: BigInt(rows[0].head), watermark: BigInt(rows[0].watermark) }
}

/** Polls (through PostgreSQL restarts) until the watermark reaches the outbox head; ms from `since`. */
async function waitForCatchUp(since, timeoutMs = CATCH_UP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      last = await outboxPosition()
      if (last.watermark >= last.head) return Date.now() - since
    } catch {
      // PostgreSQL still coming back
    }
    await sleep(100)
  }
  throw new Error(`the drain did not catch up within ${timeoutMs / 1000} s (watermark ${last?.watermark}, outbox head ${last?.head}); worker log ${workerLog}`)
}

/** The 合同已备案 total of the handler's street, from PostgreSQL's own rule (what the statistics must show). */
async function contractFiledInPostgres() {
  const { rows } = await pool.query(
    `select count(*)::int as n from estate_filing_states_on((now() at time zone 'Asia/Shanghai')::date) where street_id = $1 and contract_status = 'filed'`,
    [streetId]
  )
  return rows[0].n
}

/**
 * Filing changes through the API, one after another, as fast as the API answers (at most one per
 * `pauseMs`), round robin over contract filings in force: each toggles filed ↔ expired with its version.
 * Records every answer's status; `stop()` resolves to the counts.
 */
async function startWrites(pauseMs = 50) {
  // the stored state: a change of an earlier case may have committed while its answer was lost
  await Promise.all(filings.map(refreshFiling))
  const answers = []
  let stopped = false
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      const filing = filings[i % filings.length]
      const status = filing.status === 'filed' ? 'expired' : 'filed'
      let code
      let body = ''
      try {
        const response = await client.fetch(`/api/v1/filings/${filing.id}`, { method: 'PATCH', body: { status, version: filing.version, remark: '故障注入' } })
        code = response.status
        body = await response.text()
        if (response.ok) {
          const { data } = JSON.parse(body)
          filing.status = data.status
          filing.version = data.version
        } else if (code === 409 || code === 422) {
          // a change committed while its answer was lost (a restart mid-request): the stored version / status
          // differ from ours (409 stale version, 422 not allowed from the stored status); take them
          await refreshFiling(filing)
        }
      } catch (error) {
        code = `network: ${error.message}`
      }
      answers.push({ at: Date.now(), code, body: body.slice(0, 200) })
      await sleep(pauseMs)
    }
  })()
  return {
    answers,
    async stop() {
      stopped = true
      await loop
      return {
        attempted: answers.length,
        accepted: answers.filter((answer) => typeof answer.code === 'number' && answer.code < 300).length,
        answers,
      }
    },
  }
}

async function refreshFiling(filing) {
  try {
    const { rows } = await pool.query('select status, version from filings where id = $1', [filing.id])
    filing.status = rows[0].status
    filing.version = rows[0].version
  } catch {
    // PostgreSQL down: the next 409 tries again
  }
}

/** GET /api/v1/stats/filings every `everyMs` until stopped; records status, message and total. */
function probeStatistics(everyMs = 300) {
  const answers = []
  let stopped = false
  const loop = (async () => {
    while (!stopped) {
      try {
        const response = await client.fetch('/api/v1/stats/filings')
        const body = await response.json().catch(() => ({}))
        answers.push({ at: Date.now(), code: response.status, message: body.errors?.[0]?.message, retryAfter: response.headers.get('retry-after'), contractFiled: body.meta?.totals?.contractFiled })
      } catch (error) {
        answers.push({ at: Date.now(), code: `network: ${error.message}` })
      }
      await sleep(everyMs)
    }
  })()
  return {
    answers,
    async stop() {
      stopped = true
      await loop
      return answers
    },
  }
}

/** Nothing answered 500 (or failed at the socket): a dependency down is a 503, never a crash. */
function assertNoServerErrors(answers, what, { lostAnswers = false } = {}) {
  // 409 / 422 only where a restart may have lost the answer of a committed change (PostgreSQL restarted)
  const stale = (answer) => lostAnswers && (answer.code === 409 || answer.code === 422)
  const bad = answers.filter((answer) => typeof answer.code !== 'number' || (answer.code >= 400 && answer.code !== 503 && !stale(answer)))
  assert.deepEqual(bad, [], `${what}: answers other than 2xx / 503${lostAnswers ? ' (/ 409, 422 after a lost answer)' : ''}`)
  for (const answer of answers.filter((a) => a.code === 503)) {
    const message = answer.message ?? JSON.parse(answer.body || '{}').errors?.[0]?.message
    assert.ok([STATS_UNAVAILABLE, SERVICE_UNAVAILABLE].includes(message), `${what}: a 503 with a Chinese message (got ${message})`)
  }
}

/**
 * After a case: writes stopped, the backlog drained, every accepted write's outbox event applied,
 * reconcile 0 differences, the statistics API equal to PostgreSQL. Records the case's figures.
 */
async function settle(name, { fault, writes, headBefore, recoveredAt, notes = '' }) {
  const catchUpMs = await waitForCatchUp(recoveredAt)
  const { watermark } = await outboxPosition()
  const { rows } = await pool.query(
    `select count(*)::int as events, count(*) filter (where id <= $2)::int as applied
       from outbox_events where id > $1 and topic = 'filing'`,
    [String(headBefore), String(watermark)]
  )
  const events = rows[0].events
  const reflected = rows[0].applied
  // every accepted change left exactly one filing event (a 503'd one may have committed before its answer was lost)
  assert.ok(events >= writes.accepted, `${name}: ${writes.accepted} accepted writes but only ${events} filing events`)
  assert.equal(reflected, events, `${name}: every filing event of the case is in the warehouse`)
  const reconcileStart = Date.now()
  const check = await reconcile({ pg: pool, warehouse })
  console.log(`[faults] ${name}: reconcile took ${((Date.now() - reconcileStart) / 1000).toFixed(1)} s`)
  assert.equal(check.pendingEvents, 0)
  assert.deepEqual(check.differences, [], `${name}: reconcile differences`)
  const stats = await client.get('/api/v1/stats/filings')
  assert.equal(stats.meta.totals.contractFiled, await contractFiledInPostgres(), `${name}: 合同已备案 of ${STREET} as in PostgreSQL`)
  const figure = { name, fault, attempted: writes.attempted, accepted: writes.accepted, events, reflected, catchUpMs, workerRestarts: workerStatus().restarts, notes }
  figures.push(figure)
  console.log(`[faults] ${name}: ${JSON.stringify(figure)}`)
  return figure
}

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'szpm-faults-'))
  ;[postgres, redis, clickhouse, sms] = await Promise.all([startPrivatePostgres(root), startPrivateRedis(root), startPrivateClickHouse(root), startBenchSms()])
  postgres.psql(`CREATE DATABASE "${DATABASE}"`)
  const apiPort = await freePort()
  // every URL names the private servers — also the owner's URL that migrations, demo:generate and the
  // rebuild's tools use (npm test passes the shared test database's in the environment)
  const service = {
    DATABASE_URL: postgres.url(DATABASE),
    DATABASE_MIGRATION_URL: postgres.url(DATABASE),
    REDIS_URL: redis.url(0),
    CLICKHOUSE_URL: clickhouse.url,
    CLICKHOUSE_DATABASE: DATABASE,
  }
  env = {
    ...appEnv(service, 'test'),
    ...service,
    ...sms.env,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${apiPort}`,
    LOG_LEVEL: 'warn',
    PATH: pinnedPath(),
    FORCE_COLOR: '0',
  }
  delete env.CLICKHOUSE_CLUSTER
  // the platform as `npm start` prepares it (scripts/start.mjs), on the private servers
  await step('migrating PostgreSQL', [TS_EXEC, 'ace.js', 'migration:run', '--force'], BACKEND)
  await step('migrating ClickHouse', ['warehouse/bin/migrate.ts'])
  await step('demo data', [TS_EXEC, 'ace.js', 'demo:generate', '--scale', 'demo', '--no-warehouse'], BACKEND)
  await step('rebuilding the warehouse', ['etl/bin/rebuild.ts', '--no-progress'])
  await step('registering scheduled jobs', ['etl/bin/scheduler.ts'])

  pool = createPgPool(env.DATABASE_URL, { max: 4, applicationName: 'szpm-faults-test' })
  pool.on('error', () => {}) // idle connections end when the suite restarts PostgreSQL
  warehouse = createWarehouse({ url: clickhouse.url, database: DATABASE })

  api = launch('api', env, [TS_EXEC, 'bin/server.ts'], BACKEND)
  workerLog = path.join(LOG_DIR, 'etl-worker.log')
  const fd = openSync(workerLog, 'a')
  supervisor = createSupervisor({ initialDelayMs: 500, maxDelayMs: 2000, stopTimeoutMs: 10_000, log: (line) => writeFileSync(workerLog, `${line}\n`, { flag: 'a' }) })
  // the fd stays open for every restart of the worker (closed in after())
  workerLogFd = fd
  supervisor.add({ name: 'etl worker', command: process.execPath, args: ['etl/bin/worker.ts'], cwd: ROOT, env, stdio: ['ignore', fd, fd] })
  await waitForHttp(api, `${env.APP_URL}/health/live`)

  client = new ApiClient(env.APP_URL, { smsCode: sms.codeFor })
  await client.login(HANDLER_PHONE)
  ;({ rows: [{ id: streetId }] } = await pool.query(`select id from regions where level = 'street' and name = $1`, [STREET]))
  // contracts in force today (one past its last day can only be renewed), each the deciding record of its estate
  ;({ rows: filings } = await pool.query(
    `select f.id, f.status, f.version from estate_filing_states_on((now() at time zone 'Asia/Shanghai')::date) s
       join filings f on f.id = s.contract_filing_id where s.street_id = $1 and s.contract_status = 'filed' order by f.id limit 12`,
    [streetId]
  ))
  assert.ok(filings.length >= 4, `contract filings in force in ${STREET}`)
  await waitForCatchUp(Date.now())
  assert.deepEqual((await reconcile({ pg: pool, warehouse })).differences, [])
})

after(async () => {
  if (figures.length) {
    const lines = [
      '| case | fault | writes attempted | accepted | filing events | reflected in the warehouse | time to catch up | worker restarts (cumulative) | notes |',
      '|---|---|---:|---:|---:|---:|---:|---:|---|',
      ...figures.map((f) => `| ${f.name} | ${f.fault} | ${f.attempted} | ${f.accepted} | ${f.events} | ${f.reflected} | ${(f.catchUpMs / 1000).toFixed(1)} s | ${f.workerRestarts} | ${f.notes} |`),
    ]
    writeFileSync(REPORT, `${lines.join('\n')}\n`)
    console.log(`[faults] figures (${REPORT}):\n${lines.join('\n')}`)
  }
  await supervisor?.stop()
  if (workerLogFd !== undefined) closeSync(workerLogFd)
  await stopAll()
  await warehouse?.close()
  await pool?.end().catch(() => {})
  await sms?.close()
  await clickhouse?.stop().catch(() => {})
  await redis?.stop().catch(() => {})
  try {
    if (postgres?.running()) postgres.stop()
  } catch {}
  if (root && !process.env.FAULTS_KEEP) rmSync(root, { recursive: true, force: true })
})

test('1. kill -9 of the ETL worker in the middle of a drain: restarted, the drain resumes, nothing lost or doubled', { timeout: 180_000 }, async () => {
  const caseStart = Date.now()
  const { head: headBefore } = await outboxPosition()
  const writes = await startWrites()
  // a backlog that takes the worker several batches: every house of 600 estates re-published (current state,
  // collapsing table: a replay must not double a house) in commits of 50 estates
  // (the worker paused meanwhile, so the kill finds it inside the backlog)
  const pidBefore = workerStatus().pid
  // never paused while it holds the outbox writers' lock (reading a batch): writers would wait for it
  for (;;) {
    process.kill(pidBefore, 'SIGSTOP')
    const { rows: held } = await pool.query(
      `select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.objid = $1 and l.mode = 'ExclusiveLock' and a.application_name = 'szpm-etl-worker'`,
      [OUTBOX_WRITER_LOCK]
    )
    if (held.length === 0) break
    process.kill(pidBefore, 'SIGCONT')
    await sleep(20)
  }
  const { rows: estates } = await pool.query('select id from estates order by id limit 600')
  const backlogStart = (await outboxPosition()).head
  try {
    for (let i = 0; i < estates.length; i += 50) {
      const tx = await pool.connect()
      try {
        await tx.query('begin')
        await writeEstateHousesOutbox(pgQueryFn(tx), estates.slice(i, i + 50).map((row) => row.id))
        await tx.query('commit')
      } finally {
        tx.release()
      }
    }
  } finally {
    process.kill(pidBefore, 'SIGCONT')
  }
  const backlogEnd = (await outboxPosition()).head
  const phase = (label) => console.log(`[faults] case 1 +${((Date.now() - caseStart) / 1000).toFixed(1)} s: ${label}`)
  phase(`backlog of ${backlogEnd - backlogStart} events committed`)
  // mid-batch: the worker holds the ETL lock, has applied at least one batch, and has not finished
  let killedAt = 0
  const deadline = Date.now() + 60_000
  while (!killedAt && Date.now() < deadline) {
    const { rows } = await pool.query(
      `select a.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.objid = $1 and l.granted and a.application_name = 'szpm-etl-worker'`,
      [ETL_LOCK]
    )
    const { watermark } = await outboxPosition()
    if (rows.length > 0 && watermark > backlogStart && watermark < backlogEnd) {
      process.kill(pidBefore, 'SIGKILL')
      killedAt = Date.now()
    } else await sleep(5)
  }
  assert.ok(killedAt, 'the worker was caught holding the ETL lock in the middle of the backlog')
  const { watermark: atKill } = await outboxPosition()
  phase('worker killed')
  // the supervisor restarts it; the restarted worker's listener wakes a drain on connect
  const restartDeadline = Date.now() + 15_000
  while (!(workerStatus().pid && workerStatus().pid !== pidBefore) && Date.now() < restartDeadline) await sleep(100)
  assert.notEqual(workerStatus().pid, pidBefore, 'the supervisor restarted the worker')
  assert.ok(workerStatus().restarts >= 1)
  phase('worker restarted')
  await sleep(1000)
  const result = await writes.stop()
  assertNoServerErrors(result.answers, 'writes')
  assert.equal(result.accepted, result.attempted, 'writes need only PostgreSQL: all accepted')
  phase(`writes stopped (${result.attempted})`)
  await settle('1. kill -9 ETL worker mid-drain', {
    fault: `SIGKILL while holding the ETL lock, watermark at ${atKill - backlogStart} of ${backlogEnd - backlogStart} backlog events`,
    writes: result,
    headBefore,
    recoveredAt: killedAt,
    notes: `backlog: ${backlogEnd - backlogStart} house events re-published; catch-up measured from the kill`,
  })
})

test('2. ClickHouse down and back: statistics 503 with a Chinese message, writes accepted, the backlog drains by itself', { timeout: 180_000 }, async () => {
  const { head: headBefore } = await outboxPosition()
  const writes = await startWrites()
  await sleep(1000)
  await clickhouse.stop()
  const downAt = Date.now()
  const probe = probeStatistics()
  await sleep(CLICKHOUSE_OUTAGE_MS)
  const during = await probe.stop()
  const ready = await fetch(`${env.APP_URL}/health/ready`)
  const readyBody = await ready.json()
  await clickhouse.start()
  const recoveredAt = Date.now()
  await sleep(1000)
  const result = await writes.stop()

  assert.ok(during.length >= 3)
  for (const answer of during) {
    assert.equal(answer.code, 503, `statistics while ClickHouse is down: ${JSON.stringify(answer)}`)
    assert.equal(answer.message, STATS_UNAVAILABLE)
    assert.ok(answer.retryAfter)
  }
  assert.equal(ready.status, 503)
  assert.ok(readyBody.failed.includes('clickhouse'))
  assertNoServerErrors(result.answers, 'writes')
  assert.equal(result.accepted, result.attempted, 'writes need only PostgreSQL: all accepted while ClickHouse is down')
  const writesWhileDown = result.answers.filter((answer) => answer.at >= downAt && answer.at < recoveredAt).length
  assert.ok(writesWhileDown > 0, 'writes happened while ClickHouse was down')
  await settle('2. ClickHouse down', {
    fault: `stopped ${(CLICKHOUSE_OUTAGE_MS / 1000).toFixed(0)} s (SIGTERM), started again`,
    writes: result,
    headBefore,
    recoveredAt,
    notes: `${writesWhileDown} writes while down, all accepted; ${during.length} statistics requests while down, all 503 ${STATS_UNAVAILABLE}`,
  })
})

test('3. Redis killed and restarted empty: writes keep working, the drain catches up, the safety-net schedule is back', { timeout: 120_000 }, async () => {
  const { head: headBefore } = await outboxPosition()
  const writes = await startWrites()
  const probe = probeStatistics()
  await sleep(1000)
  await redis.kill9()
  const downAt = Date.now()
  await sleep(3000)
  await redis.start()
  const recoveredAt = Date.now()
  await sleep(2000)
  const result = await writes.stop()
  const stats = await probe.stop()
  assertNoServerErrors(result.answers, 'writes')
  assertNoServerErrors(stats, 'statistics')
  const writesWhileDown = result.answers.filter((answer) => answer.at >= downAt && answer.at < recoveredAt)
  assert.ok(writesWhileDown.length > 0, 'writes happened while Redis was down')
  const figure = await settle('3. Redis restarted (BullMQ state lost)', {
    fault: 'kill -9, 3 s down, started again without data',
    writes: result,
    headBefore,
    recoveredAt,
    notes: `${writesWhileDown.filter((a) => a.code < 300).length} of ${writesWhileDown.length} writes accepted while Redis was down`,
  })
  assert.ok(figure.catchUpMs < 30_000)
  // the worker registers the safety-net drain again when its Redis connection comes back (etl/bin/worker.ts)
  const connection = new Redis(redis.url(0), { maxRetriesPerRequest: 1 })
  const queue = new Queue(QUEUE_NAMES.drainOutbox, { connection })
  try {
    let schedulers = []
    for (let i = 0; i < 50 && !schedulers.some((s) => s.key === DRAIN_OUTBOX_SCHEDULER_ID || s.id === DRAIN_OUTBOX_SCHEDULER_ID); i++) {
      schedulers = await queue.getJobSchedulers()
      await sleep(100)
    }
    assert.ok(schedulers.some((s) => s.key === DRAIN_OUTBOX_SCHEDULER_ID || s.id === DRAIN_OUTBOX_SCHEDULER_ID), `the safety-net scheduler is registered again: ${JSON.stringify(schedulers)}`)
  } finally {
    await queue.close()
    connection.disconnect()
  }
})

test('4. PostgreSQL restarted: 503 (never 500) while it is down, writes work again after, the drain catches up', { timeout: 120_000 }, async () => {
  const { head: headBefore } = await outboxPosition()
  const restartsBefore = workerStatus().restarts
  const writes = await startWrites()
  const probe = probeStatistics()
  await sleep(1000)
  postgres.stop()
  const downAt = Date.now()
  await sleep(POSTGRES_OUTAGE_MS)
  postgres.start()
  const recoveredAt = Date.now()
  // writes work again after the restart, on new connections of the API's pool
  let acceptedAfter = 0
  const again = Date.now() + 20_000
  while (acceptedAfter < 5 && Date.now() < again) {
    await sleep(200)
    acceptedAfter = writes.answers.filter((answer) => answer.at > recoveredAt && answer.code < 300).length
  }
  const result = await writes.stop()
  const stats = await probe.stop()
  assertNoServerErrors(result.answers, 'writes', { lostAnswers: true })
  assertNoServerErrors(stats, 'statistics')
  assert.ok(acceptedAfter >= 5, 'writes are accepted again once PostgreSQL is back')
  const whileDown = result.answers.filter((answer) => answer.at > downAt + 500 && answer.at < recoveredAt)
  assert.ok(whileDown.length > 0 && whileDown.every((answer) => answer.code === 503), `writes while PostgreSQL is down answer 503: ${JSON.stringify(whileDown.slice(0, 3))}`)
  assert.ok(stats.some((answer) => answer.at > downAt + 500 && answer.at < recoveredAt && answer.code === 503), 'statistics answer 503 while PostgreSQL is down')
  await settle('4. PostgreSQL restarted', {
    fault: `pg_ctl stop -m fast, ${(POSTGRES_OUTAGE_MS / 1000).toFixed(0)} s down, start`,
    writes: result,
    headBefore,
    recoveredAt,
    notes: `${whileDown.length} writes while down answered 503 ${SERVICE_UNAVAILABLE}; worker restarts during the case: ${workerStatus().restarts - restartsBefore}`,
  })
  assert.equal(workerStatus().restarts, restartsBefore, 'the ETL worker survives a PostgreSQL restart without crashing')
})

test('5. the same outbox batch delivered twice (watermark rewound): nothing doubled, reconcile 0', { timeout: 120_000 }, async () => {
  const { head: headBefore } = await outboxPosition()
  // a batch with a collapsing table (houses) and filings, applied once …
  const { rows: estates } = await pool.query('select id from estates order by id desc limit 10')
  const tx = await pool.connect()
  try {
    await tx.query('begin')
    await writeEstateHousesOutbox(pgQueryFn(tx), estates.map((row) => row.id))
    await tx.query('commit')
  } finally {
    tx.release()
  }
  const writes = await startWrites()
  await sleep(1500)
  await waitForCatchUp(Date.now())
  // … then delivered again: the watermark goes back to before it while writes go on
  await pool.query('update etl_watermarks set last_id = $2 where name = $1', [OUTBOX_WATERMARK, String(headBefore)])
  const rewoundAt = Date.now()
  await sleep(1500)
  const result = await writes.stop()
  assertNoServerErrors(result.answers, 'writes')
  assert.equal(result.accepted, result.attempted)
  const { head } = await outboxPosition()
  await settle('5. batch delivered twice', {
    fault: `watermark rewound by ${head - headBefore} events (houses of 10 estates + filings)`,
    writes: result,
    headBefore,
    recoveredAt: rewoundAt,
    notes: 'catch-up measured from the rewind; house_facts (collapsing) checked for duplicates by reconcile',
  })
})

test('6. a fact table truncated behind the platform\'s back: reconcile reports it, a rebuild repairs it', { timeout: 180_000 }, async () => {
  const { head: headBefore } = await outboxPosition()
  const writes = await startWrites()
  await sleep(500)
  await warehouse.command('TRUNCATE TABLE filing_facts')
  const truncatedAt = Date.now()
  await sleep(1000)
  const damaged = await reconcile({ pg: pool, warehouse })
  const missing = damaged.differences.filter((d) => d.table === 'filing_facts' && d.kind === 'missing_in_warehouse')
  assert.ok(missing.length > 100, `reconcile reports the truncated table (${missing.length} missing filings)`)
  // the documented repair, with writes still going: npm run rebuild (takes the ETL lock; the drain waits)
  await step('rebuilding the warehouse', ['etl/bin/rebuild.ts', '--no-progress'])
  const repairedAt = Date.now()
  await sleep(1000)
  const result = await writes.stop()
  assertNoServerErrors(result.answers, 'writes')
  assert.equal(result.accepted, result.attempted)
  const figure = await settle('6. fact table truncated', {
    fault: 'TRUNCATE TABLE filing_facts in ClickHouse',
    writes: result,
    headBefore,
    recoveredAt: truncatedAt,
    notes: `reconcile found ${missing.length} filings missing; etl/bin/rebuild.ts repaired it in ${((repairedAt - truncatedAt) / 1000).toFixed(1)} s (catch-up measured from the truncation)`,
  })
  assert.ok(figure.reflected === figure.events)
})
