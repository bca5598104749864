/**
 * 1. Drill-down latency of 备案情况 (estate_filings), 项目管理 (estate_profiles) and 街道社区评价
 *    (estate_evaluations, the latest ended half-year as of today) at each level:
 *    (a) the API over HTTP as the city admin, (b) the warehouse query alone (drillDown + totals, the
 *    shape of backend/app/statistics/statistics_service.ts), (c) the benchmark-only PostgreSQL path — whose
 *    numbers must equal the warehouse's, or the bench aborts.
 */
import { createClient } from '@clickhouse/client'
import { buildSql, cubes, drillDown, raw, totals } from '@szpm/warehouse'
import { STATISTICS_MODULES } from '@szpm/core'
import { statisticsRoutes } from '@szpm/core/api'
import { HOUSE_REGISTER_SQL, pgStatsSql, sameValue, shapeValue } from '../lib/pg_stats.mjs'
import { timeIt } from '../lib/stats.mjs'
import { ms, ratio, table, verdict, progress } from '../lib/report.mjs'

/** Today in Shenzhen (YYYY-MM-DD), the as-of date the API takes from its clock (backend/app/services/clock.ts). */
export function shenzhenToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/**
 * 街道社区评价 is asked for one half-year: the latest whose window ended before today (as of
 * today), as the generator fills the ended half-years. Its evaluations must exist in szpm_bench.
 */
async function latestEndedHalf(pool) {
  const asOf = shenzhenToday()
  const { rows: [period] } = await pool.query(
    `SELECT p.year, p.half, to_char(p.closes_on, 'YYYY-MM-DD') AS closes_on, (SELECT count(*)::int FROM evaluations ev WHERE ev.year = p.year AND ev.half = p.half) AS evaluations
     FROM evaluation_periods p WHERE p.closes_on < $1::date ORDER BY p.year DESC, p.half DESC LIMIT 1`, [asOf])
  if (!period || period.evaluations === 0) {
    throw new Error(`no evaluations of an ended half-year in szpm_bench as of ${asOf} (data generated before the evaluations generator? rerun with --regenerate)`)
  }
  const { year, half } = period
  return {
    label: `${year} H${half} (${year}年${half === 1 ? '上' : '下'}半年, window closed ${period.closes_on}), asOf ${asOf}`,
    period: { year, half },
    asOf,
    filters: { year, half },
    params: { asOf },
    qs: `&year=${year}&half=${half}`,
  }
}

/** 备案情况 is read as of today: a contract past its last day counts as expired (the cube's asOf) */
async function asOfToday() {
  const asOf = shenzhenToday()
  return { label: '', filters: {}, params: { asOf }, asOf, qs: '' }
}

/** what the modules without a period ask: nothing beyond the region */
const NO_SCOPE = { label: '', filters: {}, params: undefined, qs: '' }

/**
 * Module-specific scope: resolves a module's own filters / params once per run (e.g. the half-year
 * and asOf), by slug. A statistics module without an entry is asked for its regions only.
 */
const SCOPES = { filings: asOfToday, evaluations: latestEndedHalf }

/**
 * Every statistics module of the platform (core/src/modules, STATISTICS_MODULES): its title, cube,
 * API path and metric list come from its declaration. Each cube needs its PostgreSQL baseline in
 * bench/lib/pg_stats.mjs (PG_METRICS).
 */
export const MODULES = STATISTICS_MODULES.map((module) => ({
  slug: module.slug,
  title: module.name,
  cube: module.statistics.cube,
  path: `/api/v1/${statisticsRoutes(module.slug).index.path}`,
  scope: SCOPES[module.slug],
  metrics: Object.keys(module.statistics.metrics),
}))

/** The modules the issue's drill-down targets were set for (the Targets table is computed over these only). */
const TARGET_MODULES = ['filings', 'projects']

const CHILD = { city: 'district', district: 'street', street: 'community', community: 'estate' }

/** The same query object backend/app/statistics/statistics_service.ts builds. */
export function warehouseQuery(module, region, scope = NO_SCOPE) {
  return {
    cube: module.cube,
    metrics: module.metrics,
    dimensions: [CHILD[region.level]],
    filters: { ...scope.filters, ...(region.level === 'city' ? {} : { [`${region.level}_id`]: region.id }) },
    ...(scope.params ? { params: scope.params } : {}),
  }
}

async function pgPath(pool, module, region, scope = NO_SCOPE) {
  const options = { childLevel: CHILD[region.level], filterLevel: region.level === 'city' ? null : region.level, filterId: region.id, period: scope.period, asOf: scope.asOf }
  const grouped = pgStatsSql(module.cube, options)
  const total = pgStatsSql(module.cube, { ...options, childLevel: null })
  const [rows, totalRows] = await Promise.all([pool.query(grouped.sql, grouped.params), pool.query(total.sql, total.params)])
  const kinds = cubes[module.cube].metrics
  const shape = (row) => Object.fromEntries(module.metrics.map((name) => [name, shapeValue(kinds[name].kind, row[name])]))
  return { rows: rows.rows.map((row) => ({ id: Number(row.id), name: row.name, ...shape(row) })), totals: shape(totalRows.rows[0]) }
}

async function warehousePath(warehouse, module, region, scope) {
  const query = warehouseQuery(module, region, scope)
  const [rows, total] = await Promise.all([drillDown(warehouse, query), totals(warehouse, query)])
  return { rows, totals: total }
}

/** Throws (aborting the bench) unless both paths give the same rows and numbers. */
function assertSame(label, warehouse, postgres, metrics) {
  const problems = []
  const byId = new Map(postgres.rows.map((row) => [row.id, row]))
  if (warehouse.rows.length !== postgres.rows.length) problems.push(`row count: warehouse ${warehouse.rows.length}, PostgreSQL ${postgres.rows.length}`)
  for (const row of warehouse.rows) {
    const other = byId.get(row.id)
    if (!other) { problems.push(`id ${row.id} (${row.name}) missing in PostgreSQL`); continue }
    for (const key of ['name', ...metrics]) if (!sameValue(row[key], other[key])) problems.push(`id ${row.id} ${key}: warehouse ${row[key]}, PostgreSQL ${other[key]}`)
  }
  for (const key of metrics) if (!sameValue(warehouse.totals[key], postgres.totals[key])) problems.push(`totals ${key}: warehouse ${warehouse.totals[key]}, PostgreSQL ${postgres.totals[key]}`)
  if (problems.length > 0) {
    throw new Error(`WAREHOUSE ≠ POSTGRESQL for ${label}:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … ${problems.length - 20} more` : ''}`)
  }
}

/** Server-side time of the grouped ClickHouse query (statistics.elapsed of FORMAT JSON). */
async function clickhouseElapsed(ctx, module, region, scope) {
  const client = createClient({ url: ctx.env.CLICKHOUSE_URL, database: ctx.env.CLICKHOUSE_DATABASE })
  try {
    const compiled = buildSql(warehouseQuery(module, region, scope), await ctx.warehouse.compileMode())
    const samples = []
    for (let i = 0; i < 7; i++) {
      const result = await client.query({ query: compiled.sql, format: 'JSON', ...(compiled.mode === 'server' ? { query_params: compiled.params } : {}) })
      samples.push((await result.json()).statistics.elapsed * 1000)
    }
    return samples.sort((a, b) => a - b)[3]
  } finally {
    await client.close()
  }
}

export async function runDrilldown(ctx) {
  const { regions, admin, warehouse, pool } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const levels = [regions.city, regions.district, regions.street, regions.community]
  const results = []
  const scopes = new Map()
  for (const module of MODULES) {
    const scope = module.scope ? await module.scope(pool) : NO_SCOPE
    scopes.set(module.cube, scope)
    for (const region of levels) {
      const label = `${module.title} ${region.name} (${region.level} → ${CHILD[region.level]})${scope.label ? ` ${scope.label}` : ''}`
      progress(`drill-down ${label}`)
      const api = await timeIt(() => admin.get(`${module.path}?region_id=${region.id}${scope.qs}`), options)
      const wh = await timeIt(() => warehousePath(warehouse, module, region, scope), options)
      const pgr = await timeIt(() => pgPath(pool, module, region, scope), options)
      assertSame(label, wh.result, pgr.result, module.metrics)
      // the API adds zero rows for children without estates; its totals must match too
      for (const key of module.metrics) {
        if (api.result.meta.totals[key] !== wh.result.totals[key]) throw new Error(`API totals ≠ warehouse for ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
      }
      // and it must have answered for the asked half-year
      if (scope.period && (api.result.meta.period?.year !== scope.period.year || api.result.meta.period?.half !== scope.period.half)) {
        throw new Error(`API answered ${JSON.stringify(api.result.meta.period)} for ${label}`)
      }
      results.push({ module, region, api, wh, pg: pgr, rows: wh.result.rows.length, estates: wh.result.totals.estates, chServer: await clickhouseElapsed(ctx, module, region, scope) })
    }
  }
  const floors = {
    clickhouse: await timeIt(() => warehouse.query(raw('SELECT 1 AS one')), options),
    postgres: await timeIt(() => pool.query('SELECT 1'), options),
  }
  progress('drill-down: house-register diagnostic (PostgreSQL GROUP BY over houses)')
  const register = await timeIt(() => pool.query(HOUSE_REGISTER_SQL), { warmup: 1, runs: 5 })
  const cityProjects = results.find((r) => r.module.cube === 'estate_profiles' && r.region.level === 'city')
  const evaluationResults = results.filter((r) => r.module.cube === 'estate_evaluations')
  const evaluationScope = scopes.get('estate_evaluations')
  const cityEvaluations = evaluationResults.find((r) => r.region.level === 'city')?.wh.result.totals
  const worstEvaluationApi = evaluationResults.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))

  const markdown = [
    `Each figure: median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups, measured side by side in this run. ` +
      'API = `GET …?region_id=` over HTTP as 13800000000 (city_admin), full JSON body read. Warehouse = `drillDown` + `totals` ' +
      '(in parallel, as statistics_service.ts). PostgreSQL = the benchmark-only GROUP BY (bench/lib/pg_stats.mjs), grouped + totals in parallel. ' +
      'Every PostgreSQL result was asserted equal to the warehouse result (rows, names, every metric, totals), and the API totals to both.',
    '',
    table(
      ['module', 'level', 'rows', 'estates', 'API', 'warehouse', 'ClickHouse server', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [
        r.module.title, `${r.region.name} → ${CHILD[r.region.level]}`, r.rows, r.estates,
        `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, ms(r.chServer),
        `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median),
      ])
    ),
    '',
    `Round-trip floors (\`SELECT 1\`, median / p95 ms): ClickHouse over HTTP ${ms(floors.clickhouse.median)} / ${ms(floors.clickhouse.p95)}, ` +
      `PostgreSQL ${ms(floors.postgres.median)} / ${ms(floors.postgres.p95)}. "ClickHouse server" is the server-side elapsed time of the grouped query (median of 7).`,
    '',
    `Diagnostic (not a statistic the platform serves): houses and building area per district computed in PostgreSQL from the house register ` +
      `(\`houses\` ${ctx.machine.rows.houses.toLocaleString('en-US')} rows joined to estates, bench/lib/pg_stats.mjs HOUSE_REGISTER_SQL) take ` +
      `${ms(register.median)} / ${ms(register.p95)} ms (median / p95 of 5) = ${ratio(register.median / cityProjects.wh.median)} the warehouse's 项目管理 city query.`,
    '',
    `街道社区评价 rows: ${evaluationScope.label}. API = \`GET /api/v1/stats/evaluations?region_id=&year=${evaluationScope.period.year}&half=${evaluationScope.period.half}\` ` +
      '(as of the server\'s today); warehouse = cube `estate_evaluations` with filters `{ year, half }` and param `{ asOf }`; PostgreSQL = the half\'s ' +
      '`evaluations` joined to `estates`, with the effective score of backend/app/services/evaluation_periods.ts (reviewed / auto-scored → final_score; ' +
      'pending / submitted whose window closed before asOf → auto-scored, 100) written out in SQL (bench/lib/pg_stats.mjs EVALUATION_SOURCE). ' +
      '"estates" = evaluations of the half (one per estate). Asserted equal per row and in totals: estates, evaluated, pending, submitted, reviewed, autoScored, ' +
      'averageScore (unrounded, to 1e-9 relative) and the five score buckets; the API totals to both, and the API\'s period to the one asked. ' +
      `City totals: ${cityEvaluations.estates} evaluations, ${cityEvaluations.reviewed} reviewed, ${cityEvaluations.autoScored} auto-scored, ` +
      `${cityEvaluations.pending + cityEvaluations.submitted} still open, average ${cityEvaluations.averageScore}; ` +
      `distribution <60 ${cityEvaluations.below60}, 60–69 ${cityEvaluations.from60to69}, 70–79 ${cityEvaluations.from70to79}, 80–89 ${cityEvaluations.from80to89}, 90–100 ${cityEvaluations.from90to100}. ` +
      `Not part of the Targets below (set for 备案情况 and 项目管理); its worst API p95 is ${ms(worstEvaluationApi.api.p95)} ms (${worstEvaluationApi.region.name}).`,
  ].join('\n')

  const targeted = results.filter((r) => TARGET_MODULES.includes(r.module.slug))
  const worstApi = targeted.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const worstWh = targeted.reduce((a, b) => (b.wh.p95 > a.wh.p95 ? b : a))
  const projects = results.filter((r) => r.module.cube === 'estate_profiles')
  const worstRatio = projects.reduce((a, b) => (b.pg.median / b.wh.median < a.pg.median / a.wh.median ? b : a))
  const maxPg = Math.max(...projects.map((r) => r.pg.median))
  const bestPossible = maxPg / floors.clickhouse.median
  const targets = [
    verdict('drill-down p95 ≤ 50 ms at every level (API end to end)',
      `worst API p95 ${ms(worstApi.api.p95)} ms (${worstApi.module.title} ${worstApi.region.name}); worst warehouse p95 ${ms(worstWh.wh.p95)} ms`,
      targeted.every((r) => r.api.p95 <= 50),
      `The API adds session (Redis), scope and child-region lookups (PostgreSQL) and the watermark read around the warehouse query; ` +
        `the warehouse query alone has p95 ≤ ${ms(worstWh.wh.p95)} ms, and the ClickHouse round trip floor is ${ms(floors.clickhouse.median)} ms.`),
    verdict('项目管理 ≥ 30× faster than the PostgreSQL path',
      `lowest ratio ${ratio(worstRatio.pg.median / worstRatio.wh.median)} (${worstRatio.region.name}); ` +
        projects.map((r) => `${r.region.name} ${ratio(r.pg.median / r.wh.median)}`).join(', '),
      projects.every((r) => r.pg.median / r.wh.median >= 30),
      `The PostgreSQL path groups only the \`estates\` table (${projects[0].estates} rows at city level; house totals are denormalised on it), ` +
        `so it takes at most ${ms(maxPg)} ms; a warehouse query cannot be faster than the ClickHouse HTTP round trip of ` +
        `${ms(floors.clickhouse.median)} ms (plus FINAL merge and two queries), which caps the ratio near ${ratio(bestPossible)} on this data. ` +
        `30× needs a PostgreSQL path that costs ≥ 30 × the warehouse query: the same grouping over the house register (${ctx.machine.rows.houses.toLocaleString('en-US')} rows) ` +
        `takes ${ms(register.median)} ms, ${ratio(register.median / cityProjects.wh.median)} the warehouse city query — the ratio appears once statistics come from ` +
        'millions of rows. With house totals denormalised on `estates` (one row per estate), PostgreSQL answers 项目管理 in a few ms and the ' +
        'warehouse is not the faster path at this size; its value here is isolation of analytical load from the OLTP database, not speed.'),
  ]
  return { title: '1. Drill-down latency', markdown, targets, results }
}
