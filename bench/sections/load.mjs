/**
 * 4. HTTP load: `loadUsers` (200) concurrent virtual users for `loadSeconds` (60 s) against the bench API
 *    on 127.0.0.1, after a short warm-up at the same concurrency (not counted). Each virtual user is a
 *    closed loop (the next request when the previous answer has been read, no think time) signed in as
 *    one of the demo accounts (several roles and regions; one session per account, signed in once).
 *    The mix, by request:
 *      80 % statistics — every statistics module's `GET /api/v1/stats/<slug>` (STATISTICS_MODULES of the
 *           declarations) the account may read, at a random region of its scope and level, with the
 *           route's other declared query keys (街道社区评价: year + half of a random period, or none =
 *           the latest started);
 *      15 % list and detail — each statistics module's records list (filters from its declaration,
 *           keyword, paging), the to-dos and their counts; an estate's detail and filings, an evaluation;
 *       5 % writes — 备案情况 through the API by the accounts holding filings.manage, conflict-free: each
 *           writing user owns one contract filing in force (toggled filed → expired → filed with the
 *           version of its own last answer) and creates old-dated 业主大会备案 records it withdraws
 *           with version 1. A 409 therefore means a bug, and counts as non-2xx.
 *    After the window every writing user puts its filings back (contract filed, created ones withdrawn),
 *    the bench waits until the ETL drain has caught up with the outbox, and runs the ETL's reconcile
 *    (etl/src/reconcile.ts) on szpm_bench: it must report 0 differences.
 * Latency is measured on the client per request (write of the request → last byte of the answer).
 */
import http from 'node:http'
import { STATISTICS_MODULES, routeByName, routeFeatures } from '@szpm/core'
import { recordsOf, routePath, statisticsRoutes, withQuery } from '@szpm/core/api'
import { getWatermark, OUTBOX_WATERMARK, pgQueryFn, reconcile } from '@szpm/etl'
import { ApiClient } from '../lib/http.mjs'
import { liftOtpLimits } from '../lib/sms.mjs'
import { percentile } from '../lib/stats.mjs'
import { int, ms, table, verdict, progress } from '../lib/report.mjs'
import { shenzhenToday } from './drilldown.mjs'

/** request shares of the mix */
const MIX = { stats: 0.8, read: 0.15, write: 0.05 }
/** the demo accounts the virtual users sign in as (backend/database/generators/accounts.ts), with their share of the users */
const ACCOUNTS = [
  { phone: '13800000000', weight: 3 }, // city_admin, 深圳市
  { phone: '13800000001', weight: 3 }, // district_admin, 福田区
  { phone: '13800000002', weight: 2 }, // street_head, 园岭街道 (writes)
  { phone: '13800000003', weight: 4 }, // street_handler, 园岭街道 (writes)
  { phone: '13800000004', weight: 2 }, // party_secretary, 园岭街道
  { phone: '13800000005', weight: 4 }, // street_handler, 桂园街道 (writes)
  { phone: '13800000006', weight: 2 }, // community_handler, 园岭街道's first community
]
const WRITE_FEATURE = 'filings.manage'
const CLASSES = ['stats', 'list', 'detail', 'write']
const REQUEST_TIMEOUT_MS = 60_000
const WARMUP_SECONDS = 5
const DRAIN_TIMEOUT_MS = 180_000
const OLD_DATE = '2001-01-01'

const pick = (list) => list[Math.floor(Math.random() * list.length)]
const sleep = (value) => new Promise((resolve) => setTimeout(resolve, value))

/** May an account with these features call this declared route? */
function allowed(features, name) {
  const route = routeByName(name)
  if (!route) throw new Error(`load: route ${name} is not declared`)
  const needs = routeFeatures(route)
  return needs.length === 0 || needs.some((feature) => features.includes(feature))
}

// ————— what each account sees: its scope, read once from szpm_bench —————

async function scopeOf(pool, region) {
  const scopeSql = `WITH RECURSIVE scope AS (SELECT id, level, name FROM regions WHERE id = $1
    UNION ALL SELECT r.id, r.level, r.name FROM regions r JOIN scope s ON r.parent_id = s.id)`
  const { rows: regions } = await pool.query(`${scopeSql} SELECT id, level FROM scope`, [region.id])
  const byLevel = {}
  for (const row of regions) (byLevel[row.level] ??= []).push(row.id)
  const { rows: estates } = await pool.query(
    `${scopeSql} SELECT e.id, e.name FROM estates e WHERE e.community_id IN (SELECT id FROM scope) ORDER BY random() LIMIT 500`, [region.id])
  const { rows: evaluations } = await pool.query(
    `${scopeSql} SELECT ev.id FROM evaluations ev JOIN estates e ON e.id = ev.estate_id WHERE e.community_id IN (SELECT id FROM scope) ORDER BY random() LIMIT 500`, [region.id])
  if (estates.length === 0) throw new Error(`load: no estates in the scope of region ${region.id}`)
  return {
    levels: Object.keys(byLevel),
    byLevel,
    estates: estates.map((row) => row.id),
    evaluations: evaluations.map((row) => row.id),
    // a keyword a user would type: two characters of an estate's name
    keywords: estates.slice(0, 50).map((row) => [...row.name].slice(0, 2).join('')),
  }
}

/** the half-years a statistics or list query may name: those already opened (a later one is refused) */
async function openedPeriods(pool) {
  const { rows } = await pool.query('SELECT year, half FROM evaluation_periods WHERE opens_on <= $1::date ORDER BY year, half', [shenzhenToday()])
  return rows
}

/**
 * Values of the query keys the declarations list for the routes in the mix. A key without a rule
 * here stops the bench at setup (a new query key needs a rule, not a silent omission).
 */
function queryValues(route, user, ctx, { filters = [], list = false } = {}) {
  const query = {}
  const keys = route.query ?? []
  const filterKeys = new Map(filters.map((filter) => [filter.key, filter]))
  if ((keys.includes('year') || keys.includes('half')) && Math.random() < 0.7 && ctx.periods.length > 0) {
    const period = pick(ctx.periods)
    query.year = period.year
    query.half = period.half
  }
  for (const key of keys) {
    if (key === 'year' || key === 'half') continue
    if (key === 'region_id') {
      // a random level of the user's scope, then a random region of it (the user's own region included)
      query.region_id = pick(user.scope.byLevel[pick(user.scope.levels)])
    } else if (key === 'page') {
      if (list) query.page = pick([1, 1, 1, 2, 3])
    } else if (key === 'per_page') {
      if (list) query.per_page = pick([20, 20, 50])
    } else if (key === 'q') {
      if (Math.random() < 0.2) query.q = pick(user.scope.keywords)
    } else if (key === 'estate_id') {
      if (list && Math.random() < 0.1) query.estate_id = pick(user.scope.estates)
    } else if (filterKeys.has(key)) {
      const filter = filterKeys.get(key)
      if (filter.options && Math.random() < 0.5) query[key] = pick(filter.options).value
    } else if (key === 'tab') {
      query.tab = pick(['pending', 'pending', 'done'])
    } else if (key === 'process' || key === 'state' || key === 'notice_id') {
      // narrowing filters the list pages offer; not exercised
    } else {
      throw new Error(`load: no value rule for query key "${key}" of route ${route.name}`)
    }
  }
  // a statistics query asks one region; an unfiltered one asks the user's own
  if (!list && Math.random() < 0.2) delete query.region_id
  return query
}

/** The requests of the read classes an account may make, each `(user) → { name, path }`. */
function readCatalogue(features) {
  const stats = []
  const list = []
  const detail = []
  for (const module of STATISTICS_MODULES) {
    const index = statisticsRoutes(module.slug).index
    if (allowed(features, `${index.name}`)) {
      stats.push((user, ctx) => ({ name: index.name, path: withQuery(routePath(index.name), queryValues(index, user, ctx)) }))
    }
    const records = module.statistics.records
    if (records && allowed(features, records.list)) {
      const route = routeByName(records.list)
      list.push((user, ctx) => ({ name: route.name, path: withQuery(routePath(route.name), queryValues(route, user, ctx, { filters: recordsOf(module.slug).filters, list: true })) }))
    }
  }
  if (allowed(features, 'todos.index')) {
    const route = routeByName('todos.index')
    list.push((user, ctx) => ({ name: route.name, path: withQuery(routePath(route.name), queryValues(route, user, ctx, { list: true })) }))
  }
  if (allowed(features, 'todos.counts')) list.push(() => ({ name: 'todos.counts', path: routePath('todos.counts') }))
  if (allowed(features, 'estates.show')) detail.push((user) => ({ name: 'estates.show', path: routePath('estates.show', { id: pick(user.scope.estates) }) }))
  if (allowed(features, 'filings.index')) detail.push((user) => ({ name: 'filings.index', path: routePath('filings.index', { id: pick(user.scope.estates) }) }))
  if (allowed(features, 'evaluations.show')) {
    detail.push((user) => user.scope.evaluations.length
      ? { name: 'evaluations.show', path: routePath('evaluations.show', { id: pick(user.scope.evaluations) }) }
      : { name: 'estates.show', path: routePath('estates.show', { id: pick(user.scope.estates) }) })
  }
  if (stats.length === 0) throw new Error('load: an account in the mix reads no statistics module')
  return { stats, list, detail }
}

// ————— the HTTP driver —————

class Driver {
  constructor(baseUrl, connections, classes = CLASSES) {
    const url = new URL(baseUrl)
    if (url.hostname !== '127.0.0.1') throw new Error('load only targets 127.0.0.1')
    this.host = url.hostname
    this.port = Number(url.port)
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections })
    this.recording = false
    this.samples = Object.fromEntries(classes.map((name) => [name, []]))
    this.byRoute = new Map()
    this.statuses = Object.fromEntries(classes.map((name) => [name, {}]))
    this.errors = Object.fromEntries(classes.map((name) => [name, 0]))
    this.failures = new Map()
    this.warmupFailures = 0
  }

  /** One request; resolves `{ status, body? }` (status 0 = a network error or timeout, never throws). */
  send(kind, name, { method = 'GET', path, headers, body, keepBody = false }) {
    return new Promise((resolve) => {
      const started = performance.now()
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const request = http.request({
        host: this.host, port: this.port, method, path, agent: this.agent, timeout: REQUEST_TIMEOUT_MS,
        headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      }, (response) => {
        const chunks = []
        const ok = response.statusCode >= 200 && response.statusCode < 300
        response.on('data', (chunk) => { if (keepBody || !ok) chunks.push(chunk) })
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          this.#record(kind, name, performance.now() - started, response.statusCode, ok ? null : `${method} ${name} → ${response.statusCode} ${text.slice(0, 200)}`)
          resolve({ status: response.statusCode, body: keepBody && ok && text ? JSON.parse(text) : undefined })
        })
        response.on('error', (error) => {
          this.#record(kind, name, performance.now() - started, 0, `${method} ${name}: ${error.message}`)
          resolve({ status: 0 })
        })
      })
      request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)))
      request.on('error', (error) => {
        this.#record(kind, name, performance.now() - started, 0, `${method} ${name}: ${error.message}`)
        resolve({ status: 0 })
      })
      request.end(payload)
    })
  }

  #record(kind, name, elapsed, status, failure) {
    if (!this.recording) {
      if (failure) this.warmupFailures++
      return
    }
    this.samples[kind].push(elapsed)
    let route = this.byRoute.get(name)
    if (!route) this.byRoute.set(name, (route = { kind, samples: [], failed: 0 }))
    route.samples.push(elapsed)
    if (status === 0) this.errors[kind]++
    else this.statuses[kind][status] = (this.statuses[kind][status] ?? 0) + 1
    if (failure) {
      route.failed++
      // one line per kind of failure (the status and the start of the message), with its count
      const key = failure.replace(/\d+/g, 'N').slice(0, 120)
      const seen = this.failures.get(key)
      this.failures.set(key, { example: seen?.example ?? failure, count: (seen?.count ?? 0) + 1 })
    }
  }
}

// ————— virtual users —————

/** The 备案情况 writes of one user: its own contract filing and the assembly filings it creates. */
class Writer {
  constructor(owned, estates, tag) {
    /** { id, version, status } of a contract filing in force, or null */
    this.owned = owned
    this.estates = estates
    this.tag = tag
    /** created assembly filings not yet withdrawn: { id, version } */
    this.created = []
    /** numbers the created filings' document numbers */
    this.serial = 0
    /** the last write withdrew a created filing: the owned contract is expired next */
    this.withdrew = false
    this.counts = { create: 0, withdraw: 0, expire: 0, renew: 0 }
  }

  /** The next write of the cycle create → withdraw → expire → renew (the last two when it owns a contract). */
  next() {
    if (this.created.length > 0) return 'withdraw'
    if (this.owned?.status === 'expired') return 'renew'
    if (this.owned && this.withdrew) return 'expire'
    return 'create'
  }

  async write(driver, user, operation = this.next(), kind = 'write') {
    const headers = user.headers
    if (operation === 'create') {
      this.serial++
      const answer = await driver.send(kind, 'filings.store', {
        method: 'POST', path: routePath('filings.store'), headers, keepBody: true,
        body: { estate_id: pick(this.estates), kind: 'assembly', document_no: `LOAD-${this.tag}-${this.serial}`, filed_on: OLD_DATE },
      })
      if (answer.body) { this.created.push({ id: answer.body.data.id, version: answer.body.data.version }); this.counts.create++ }
      this.withdrew = false
    } else if (operation === 'withdraw') {
      const filing = this.created[0]
      const answer = await driver.send(kind, 'filings.destroy', {
        method: 'DELETE', path: routePath('filings.destroy', { id: filing.id }), headers, keepBody: true, body: { version: filing.version, remark: '压测撤销' },
      })
      if (answer.body) { this.created.shift(); this.counts.withdraw++; this.withdrew = true } else await this.#refresh(user, filing)
    } else {
      const status = operation === 'expire' ? 'expired' : 'filed'
      const answer = await driver.send(kind, 'filings.update', {
        method: 'PATCH', path: routePath('filings.update', { id: this.owned.id }), headers, keepBody: true,
        body: { status, version: this.owned.version, remark: '压测' },
      })
      if (answer.body) {
        this.owned.status = answer.body.data.status
        this.owned.version = answer.body.data.version
        this.counts[operation]++
        this.withdrew = false
      } else await this.#refresh(user, this.owned)
    }
  }

  /** after a failed write (already counted): read the filing's state back, so the user goes on from the truth */
  async #refresh(user, filing) {
    const { rows: [row] } = await user.pool.query('SELECT status, version FROM filings WHERE id = $1', [filing.id])
    filing.version = row.version
    if (filing === this.owned) filing.status = row.status
    else if (row.status === 'withdrawn') this.created = this.created.filter((created) => created !== filing)
  }

  /** Puts the data back: the contract filed again, every created filing withdrawn. */
  async restore(driver, user) {
    for (let attempt = 0; attempt < 3 && (this.created.length > 0 || this.owned?.status === 'expired'); attempt++) {
      while (this.created.length > 0) {
        const before = this.created.length
        await this.write(driver, user, 'withdraw', 'restore')
        if (this.created.length === before) break
      }
      if (this.owned?.status === 'expired') await this.write(driver, user, 'renew', 'restore')
    }
    if (this.created.length > 0 || this.owned?.status === 'expired') throw new Error(`load: could not restore the filings of writer ${this.tag}`)
  }
}

async function virtualUser(driver, user, writer, until) {
  const { stats, read } = user.shares
  while (performance.now() < until) {
    const r = Math.random()
    if (writer && r >= stats + read) {
      await writer.write(driver, user)
    } else if (r < stats) {
      const { name, path } = pick(user.catalogue.stats)(user, user.ctx)
      await driver.send('stats', name, { path, headers: user.headers })
    } else {
      const [kind, make] = pick(user.reads)
      const { name, path } = make(user, user.ctx)
      await driver.send(kind, name, { path, headers: user.headers })
    }
  }
}

// ————— the section —————

async function signIn(ctx) {
  await liftOtpLimits(ctx.env.REDIS_URL)
  // the accounts main.mjs has already signed in are reused (a second code to the same phone would wait for its cooldown)
  const signedIn = new Map([[ '13800000000', ctx.admin ], [ '13800000003', ctx.handler ]])
  const accounts = []
  for (const { phone, weight } of ACCOUNTS) {
    let client = signedIn.get(phone)
    if (!client) {
      client = new ApiClient(ctx.env.APP_URL, { smsCode: ctx.admin.smsCode })
      await client.login(phone)
    }
    const me = (await client.get(routePath('session.show'))).data
    accounts.push({ phone, weight, client, me, headers: client.authHeaders(), scope: await scopeOf(ctx.pool, me.region), catalogue: readCatalogue(me.features) })
  }
  return accounts
}

/** contract filings in force today in the street(s) of the writing accounts, one per writing user */
async function ownedContracts(pool, regionId, count, taken) {
  const { rows } = await pool.query(
    `SELECT f.id, f.status, f.version, f.estate_id FROM estate_filing_states_on((now() AT TIME ZONE 'Asia/Shanghai')::date) s
       JOIN filings f ON f.id = s.contract_filing_id
      WHERE (s.district_id = $1 OR s.street_id = $1 OR s.community_id = $1) AND s.contract_status = 'filed' ORDER BY f.id LIMIT $2`,
    [regionId, count + taken.size])
  const free = rows.filter((row) => !taken.has(row.id)).slice(0, count)
  for (const row of free) taken.add(row.id)
  return free
}

/** Waits until the ETL drain has applied every outbox event; returns the ms it took. */
async function drainCaughtUp(pool) {
  const started = performance.now()
  const queryFn = pgQueryFn(pool)
  for (;;) {
    const watermark = await getWatermark(queryFn, OUTBOX_WATERMARK)
    const { rows: [{ pending }] } = await pool.query('SELECT count(*)::int AS pending FROM outbox_events WHERE id > $1', [watermark])
    if (pending === 0) return performance.now() - started
    if (performance.now() - started > DRAIN_TIMEOUT_MS) throw new Error(`load: the ETL drain did not catch up within ${DRAIN_TIMEOUT_MS / 1000} s (${pending} events pending)`)
    await sleep(100)
  }
}

function classRow(kind, driver, seconds, total) {
  const samples = driver.samples[kind]
  const statuses = driver.statuses[kind]
  const non2xx = Object.entries(statuses).filter(([status]) => status < 200 || status >= 300).reduce((a, [, n]) => a + n, 0)
  return {
    kind,
    requests: samples.length,
    share: samples.length / total,
    rate: samples.length / seconds,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? samples.reduce((a, b) => Math.max(a, b), 0) : NaN,
    non2xx,
    server: Object.entries(statuses).filter(([status]) => status >= 500).reduce((a, [, n]) => a + n, 0),
    errors: driver.errors[kind],
    statuses,
  }
}

export async function runLoad(ctx) {
  const users = ctx.loadUsers ?? 200
  const seconds = ctx.loadSeconds ?? 60
  progress(`load: signing in ${ACCOUNTS.length} accounts and reading their scopes`)
  const accounts = await signIn(ctx)
  const periods = await openedPeriods(ctx.pool)
  const context = { periods }

  // virtual users: the accounts in turn by weight (e.g. 200 users → 30, 30, 20, 40, 20, 40, 20)
  const slots = ACCOUNTS.flatMap((account, index) => Array(account.weight).fill(index))
  const vus = Array.from({ length: users }, (_, i) => ({ account: accounts[slots[i % slots.length]] }))
  const writersOf = new Map()
  for (const vu of vus) {
    if (!vu.account.me.features.includes(WRITE_FEATURE)) continue
    writersOf.set(vu.account, [...(writersOf.get(vu.account) ?? []), vu])
  }
  const writingUsers = [...writersOf.values()].reduce((a, list) => a + list.length, 0)
  if (writingUsers === 0) throw new Error('load: no account in the mix holds filings.manage')
  // writers carry all the writes: their write share makes the overall share MIX.write
  const writerShare = Math.min(0.5, MIX.write * users / writingUsers)
  // contracts in force, one per writing user, disjoint across users (accounts of one street share its pool)
  const byRegion = new Map()
  for (const [account, list] of writersOf) byRegion.set(account.me.region.id, [...(byRegion.get(account.me.region.id) ?? []), ...list])
  let owning = 0
  const taken = new Set()
  for (const [regionId, list] of byRegion) {
    const contracts = await ownedContracts(ctx.pool, regionId, list.length, taken)
    list.forEach((vu, i) => {
      const contract = contracts[i]
      if (contract) owning++
      vu.writer = new Writer(contract ? { id: contract.id, version: contract.version, status: contract.status } : null, vu.account.scope.estates.slice(0, 20), `${Date.now().toString(36)}-${vus.indexOf(vu)}`)
    })
  }
  for (const vu of vus) {
    const reads = vu.writer ? 1 - writerShare : 1
    vu.user = {
      headers: vu.account.headers,
      scope: vu.account.scope,
      catalogue: vu.account.catalogue,
      reads: [...vu.account.catalogue.list.map((make) => ['list', make]), ...vu.account.catalogue.detail.map((make) => ['detail', make])],
      ctx: context,
      pool: ctx.pool,
      shares: { stats: reads * MIX.stats / (MIX.stats + MIX.read), read: reads * MIX.read / (MIX.stats + MIX.read) },
    }
  }

  const driver = new Driver(ctx.env.APP_URL, users)
  const run = async (duration) => {
    const until = performance.now() + duration * 1000
    const started = performance.now()
    await Promise.all(vus.map((vu) => virtualUser(driver, vu.user, vu.writer, until)))
    return (performance.now() - started) / 1000
  }
  progress(`load: warm-up, ${users} users × ${WARMUP_SECONDS} s (not counted)`)
  await run(WARMUP_SECONDS)
  for (const vu of vus) if (vu.writer) vu.writer.counts = { create: 0, withdraw: 0, expire: 0, renew: 0 }
  progress(`load: ${users} users × ${seconds} s (${writingUsers} of them also write, ${owning} owning a contract filing)`)
  driver.recording = true
  const elapsed = await run(seconds)
  driver.recording = false

  progress('load: restoring the writers\' filings')
  const restore = new Driver(ctx.env.APP_URL, 20, ['restore'])
  restore.recording = true
  for (const vu of vus) if (vu.writer) await vu.writer.restore(restore, vu.user)
  const restored = restore.samples.restore.length
  driver.agent.destroy()
  restore.agent.destroy()

  progress('load: waiting for the ETL drain to catch up')
  const catchUp = await drainCaughtUp(ctx.pool)
  progress('load: reconcile (etl/src/reconcile.ts) on szpm_bench')
  const reconcileStarted = performance.now()
  let reconciled = await reconcile({ pg: ctx.etlPool, warehouse: ctx.warehouse })
  // a write that landed after the drain check is lag, not a difference: drain and compare once more
  for (let attempt = 0; attempt < 2 && reconciled.differences.length > 0 && reconciled.pendingEvents > 0; attempt++) {
    await drainCaughtUp(ctx.pool)
    reconciled = await reconcile({ pg: ctx.etlPool, warehouse: ctx.warehouse })
  }
  const reconcileMs = performance.now() - reconcileStarted

  const total = CLASSES.reduce((a, kind) => a + driver.samples[kind].length, 0)
  const rows = CLASSES.map((kind) => classRow(kind, driver, elapsed, total))
  const allSamples = CLASSES.flatMap((kind) => driver.samples[kind])
  const all = { p50: percentile(allSamples, 50), p95: percentile(allSamples, 95), p99: percentile(allSamples, 99), max: allSamples.reduce((a, b) => Math.max(a, b), 0) }
  const non2xx = rows.reduce((a, row) => a + row.non2xx, 0)
  const serverErrors = rows.reduce((a, row) => a + row.server, 0)
  const errors = rows.reduce((a, row) => a + row.errors, 0)
  const counts = { create: 0, withdraw: 0, expire: 0, renew: 0 }
  for (const vu of vus) for (const key of Object.keys(counts)) counts[key] += vu.writer?.counts[key] ?? 0
  const routes = [...driver.byRoute].sort(([a, x], [b, y]) => CLASSES.indexOf(x.kind) - CLASSES.indexOf(y.kind) || a.localeCompare(b))
  const accountRows = ACCOUNTS.map(({ phone }) => {
    const account = accounts.find((a) => a.phone === phone)
    const count = vus.filter((vu) => vu.account === account).length
    return [phone, account.me.roleName, `${account.me.region.name} (${account.me.region.level})`, count,
      account.me.features.includes(WRITE_FEATURE) ? 'yes' : '–', account.catalogue.stats.length, account.catalogue.list.length + account.catalogue.detail.length]
  })
  const failures = [...driver.failures.values()].sort((a, b) => b.count - a.count)

  const markdown = [
    `${users} virtual users × ${seconds} s against 127.0.0.1:${new URL(ctx.env.APP_URL).port} (NODE_ENV=production, one API process, the ETL worker draining beside it), ` +
      `after a ${WARMUP_SECONDS} s warm-up at the same concurrency (not counted). Each user is a closed loop — its next request when the previous answer has been read, ` +
      `no think time — so ${users} requests are in flight at every moment: a stress figure, not the pace of ${users} people at their desks. ` +
      'Client: `bench/sections/load.mjs`, node:http keep-alive (one connection per user), latency per request on the client (request written → last byte read).',
    '',
    'Accounts (one session each, signed in once with password + SMS code; its users share the session cookie and X-XSRF-TOKEN):',
    '',
    table(['account', 'role', 'region', 'users', 'writes', 'statistics modules', 'list / detail routes'], accountRows),
    '',
    `Mix: ${MIX.stats * 100} % statistics — every statistics module's \`GET /api/v1/stats/<slug>\` the account may read (${STATISTICS_MODULES.map((m) => m.name).join('、')}), ` +
      'at a random region of a random level of its scope (20 % without `region_id` = its own), 街道社区评价 with `year` + `half` of a random opened half-year ' +
      `(70 %) or none (= the latest started); ${MIX.read * 100} % list and detail — each module's records list with its declared filters, a keyword (20 %) and pages 1–3 ` +
      'of 20 or 50, the to-dos (待办 / 已办) and their counts; an estate\'s detail and its filings, an evaluation; ' +
      `${MIX.write * 100} % writes — by the ${writingUsers} users of the accounts holding \`${WRITE_FEATURE}\` (write share ${(writerShare * 100).toFixed(1)} % each): ` +
      `each owns one contract filing in force (${owning} owned) and cycles create → withdraw → expire → renew: \`POST /api/v1/filings\` (业主大会备案 filed ${OLD_DATE}) → ` +
      '`DELETE /api/v1/filings/:id {version: 1}` → `PATCH {status: expired, version}` → `PATCH {status: filed, version}`, each version from its own last answer, ' +
      'so no two users ever write the same record (a 409 would be a bug and counts as non-2xx). ' +
      `Writes in the window: ${int(counts.create)} created, ${int(counts.withdraw)} withdrawn, ${int(counts.expire)} expired, ${int(counts.renew)} renewed; ` +
      `afterwards ${restored} restoring writes put every contract back to filed and withdrew the rest, so the statistics are unchanged (each run leaves its withdrawn 业主大会备案 records).`,
    '',
    table(['class', 'share', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors'], [
      ...rows.map((r) => [r.kind, `${(r.share * 100).toFixed(1)} %`, int(r.requests), int(r.rate), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), int(r.non2xx), int(r.errors)]),
      ['**all**', '100 %', int(total), int(total / elapsed), ms(all.p50), ms(all.p95), ms(all.p99), ms(all.max), int(non2xx), int(errors)],
    ]),
    '',
    'Per route:',
    '',
    table(['route', 'class', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx + errors'],
      routes.map(([name, r]) => [name, r.kind, int(r.samples.length), ms(percentile(r.samples, 50)), ms(percentile(r.samples, 95)), ms(percentile(r.samples, 99)), int(r.failed)])),
    '',
    `Status codes: ${rows.map((r) => `${r.kind} ${JSON.stringify(r.statuses)}`).join(', ')}.` +
      (failures.length ? ` Failures: ${failures.slice(0, 8).map((f) => `${f.count}× ${f.example}`).join('; ')}.` : '') +
      ` Warm-up: ${driver.warmupFailures} non-2xx or errors; restoring writes: ${restore.failures.size ? [...restore.failures.values()].map((f) => `${f.count}× ${f.example}`).join('; ') : '0 non-2xx or errors'}.`,
    '',
    `Afterwards: the ETL drain had applied every outbox event ${ms(catchUp)} ms after the last restoring write; reconcile (etl/src/reconcile.ts, every fact table and rollup ` +
      `against PostgreSQL at the grain of the record) compared ${int(reconciled.checked)} estates and ${int(reconciled.warehouseRows)} warehouse rows in ${ms(reconcileMs)} ms: ` +
      `**${reconciled.differences.length} differences**, ${reconciled.pendingEvents} events pending.` +
      (reconciled.differences.length ? ` First: ${JSON.stringify(reconciled.differences.slice(0, 5))}` : ''),
  ].join('\n')

  const p95s = rows.map((r) => `${r.kind} ${ms(r.p95)}`).join(' / ')
  const met = non2xx === 0 && errors === 0 && driver.warmupFailures === 0 && restore.failures.size === 0 && reconciled.differences.length === 0
  const targets = [
    verdict(`${users} users × ${seconds} s: 0 errors, reconcile 0`,
      `${int(total)} requests (${int(total / elapsed)} req/s), ${non2xx} non-2xx (${serverErrors} 5xx), ${errors} errors; p95 ms ${p95s}; reconcile ${reconciled.differences.length} differences`,
      met,
      non2xx || errors || driver.warmupFailures || restore.failures.size
        ? `Failing requests under load are bugs, not a performance bound: ${failures.slice(0, 3).map((f) => `${f.count}× ${f.example}`).join('; ') || 'none in the window'} ` +
          `(warm-up ${driver.warmupFailures}, restoring writes ${restore.failures.size} kinds; see the API log).`
        : `The warehouse disagrees with PostgreSQL after the drain caught up: ${JSON.stringify(reconciled.differences.slice(0, 3))}.`),
  ]
  return { title: '4. HTTP load', markdown, targets }
}
