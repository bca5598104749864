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
import { pgStatsSql, sameValue, shapeValue } from '../lib/pg_stats.mjs'
import { assertSameStep } from '../lib/cube_compare.mjs'
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

/** 共有资金情况 is read as of today with the default opening period (30 days, config/common_funds.ts) */
async function commonFundsToday() {
  const scope = await asOfToday()
  const cutOff = new Date(`${scope.asOf}T00:00:00Z`)
  cutOff.setUTCDate(cutOff.getUTCDate() - 30)
  return { ...scope, params: { asOf: scope.asOf, overdueIfFiledBefore: cutOff.toISOString().slice(0, 10) } }
}

/** 平安建设 is read for this (Shanghai) year's assessments */
async function currentYear() {
  const year = Number(shenzhenToday().slice(0, 4))
  return { label: `${year}年`, filters: { year }, params: undefined, year, qs: `&year=${year}` }
}

/** what the modules without a period ask: nothing beyond the region */
const NO_SCOPE = { label: '', filters: {}, params: undefined, qs: '' }

/**
 * Module-specific scope: resolves a module's own filters / params once per run (e.g. the half-year
 * and asOf), by slug. A statistics module without an entry is asked for its regions only.
 */
const SCOPES = { filings: asOfToday, staff: asOfToday, evaluations: latestEndedHalf, common_funds: commonFundsToday, credit: asOfToday, safety: currentYear, disclosures: asOfToday }
// 招标投标统计: open rounds measured to today (on its own line: merges stay easy)
SCOPES.tenders = asOfToday

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
  facts: module.statistics.facts.map((fact) => fact.table),
  // the levels a module drills to (平安建设 stops at the community)
  levels: module.statistics.levels ?? ['district', 'street', 'community', 'estate'],
}))

/** A module's own source rows: the live rows of the fact tables it declares (FINAL where the engine has it). */
async function sourceRows(warehouse, module) {
  let total = 0
  for (const table of module.facts) {
    const count = (final) => warehouse.query(raw(`SELECT count() AS n FROM ${table}${final ? ' FINAL' : ''}`))
    const [row] = await count(true).catch(() => count(false))
    total += Number(row.n)
  }
  return total
}

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
  const options = { childLevel: CHILD[region.level], filterLevel: region.level === 'city' ? null : region.level, filterId: region.id, period: scope.period, asOf: scope.asOf, year: scope.year }
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
const assertSame = assertSameStep

/**
 * 项目管理's house figures straight from the raw record-grain facts (house_facts, one row per house,
 * sums over sign) instead of the per-estate rollup the cube reads: the row that shows whether the
 * rollup is needed. Grouped + totals in parallel, like the cube path; asserted equal to it.
 */
async function rawHousesPath(warehouse, region) {
  const child = CHILD[region.level]
  const where = region.level === 'city' ? '' : ` WHERE ${region.level}_id = ${Number(region.id)}`
  const figures = 'sum(sign) AS houses, sum(if(owner_id != 0, sign, 0)) AS households, sum(building_area * sign) AS buildingArea'
  const [rows, [total]] = await Promise.all([
    warehouse.query(raw(`SELECT ${child}_id AS id, ${figures} FROM house_facts${where} GROUP BY id HAVING houses != 0`)),
    warehouse.query(raw(`SELECT ${figures} FROM house_facts${where}`)),
  ])
  const shape = (row) => ({ houses: Number(row.houses), households: Number(row.households), buildingArea: Number(row.buildingArea) })
  return { rows: rows.map((row) => ({ id: Number(row.id), ...shape(row) })), totals: shape(total) }
}

function assertSameHouses(label, raw, cube) {
  const byId = new Map(cube.rows.map((row) => [row.id, row]))
  for (const row of [...raw.rows.map((r) => [r, byId.get(r.id)]), [raw.totals, cube.totals]]) {
    const [a, b] = row
    for (const key of ['houses', 'households', 'buildingArea']) {
      if (!b || !sameValue(a[key], b[key])) throw new Error(`house_facts ≠ rollup for ${label}: ${key} ${a[key]} vs ${b?.[key]}`)
    }
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
    for (const region of levels.filter((level) => module.levels.includes(CHILD[level.level]))) {
      const label = `${module.title} ${region.name} (${region.level} → ${CHILD[region.level]})${scope.label ? ` ${scope.label}` : ''}`
      progress(`drill-down ${label}`)
      const api = await timeIt(() => admin.get(`${module.path}?region_id=${region.id}${scope.qs}`), options)
      const wh = await timeIt(() => warehousePath(warehouse, module, region, scope), options)
      const pgr = await timeIt(() => pgPath(pool, module, region, scope), options)
      assertSame(label, wh.result, pgr.result, module.metrics)
      // the API adds zero rows for children without estates; its totals (one WITH TOTALS query) must
      // match too — float sums to 1e-9 relative, as everywhere (sameValue)
      for (const key of module.metrics) {
        if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
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
  progress('drill-down: 项目管理 from the raw house_facts (no rollup)')
  const rawHouses = []
  for (const r of results.filter((result) => result.module.cube === 'estate_profiles')) {
    const timing = await timeIt(() => rawHousesPath(warehouse, r.region), options)
    assertSameHouses(r.region.name, timing.result, r.wh.result)
    rawHouses.push({ region: r.region, raw: timing, cube: r.wh, pg: r.pg })
  }
  const evaluationResults = results.filter((r) => r.module.cube === 'estate_evaluations')
  const evaluationScope = scopes.get('estate_evaluations')
  const cityEvaluations = evaluationResults.find((r) => r.region.level === 'city')?.wh.result.totals
  const worstEvaluationApi = evaluationResults.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))

  const markdown = [
    `Each figure: median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups, measured side by side in this run. ` +
      'API = `GET …?region_id=` over HTTP as 13800000000 (city_admin), full JSON body read; the API asks ClickHouse once ' +
      '(rows and totals WITH TOTALS, statistics_service.ts). Warehouse = `drillDown` + `totals` (two queries in parallel). PostgreSQL = the benchmark-only GROUP BY (bench/lib/pg_stats.mjs), grouped + totals in parallel. ' +
      'Every PostgreSQL result was asserted equal to the warehouse result (rows, names, every metric, totals), and the API totals to both. ' +
      'The baseline\'s PostgreSQL connections run with `jit = off` (JIT compilation adds seconds to big GROUP BYs; an OLTP server would not pay it per request). ' +
      '"estates" = the totals\' `estates` metric, "-" for a module without one.',
    '',
    table(
      ['module', 'level', 'rows', 'estates', 'API', 'warehouse', 'ClickHouse server', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [
        r.module.title, `${r.region.name} → ${CHILD[r.region.level]}`, r.rows, r.estates ?? '-',
        `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, ms(r.chServer),
        `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median),
      ])
    ),
    '',
    `Round-trip floors (\`SELECT 1\`, median / p95 ms): ClickHouse over HTTP ${ms(floors.clickhouse.median)} / ${ms(floors.clickhouse.p95)}, ` +
      `PostgreSQL ${ms(floors.postgres.median)} / ${ms(floors.postgres.p95)}. "ClickHouse server" is the server-side elapsed time of the grouped query (median of 7).`,
    '',
    `项目管理 counts houses from the house register at the grain of the record: ClickHouse \`house_facts\` (one row per house, ` +
      `${ctx.machine.rows.houses.toLocaleString('en-US')} in PostgreSQL) and PostgreSQL \`houses\` (index-only scan of houses_estate_totals_index per estate). ` +
      'The cube reads the per-estate rollup `house_estate_totals` (kept by the same pipeline, compared by reconcile); the rows below are the same ' +
      'house figures straight from the raw facts, asserted equal to the cube — the measurement the rollup rests on:',
    '',
    table(
      ['level', 'raw house_facts', 'cube (rollup)', 'PostgreSQL', 'PG / raw', 'PG / rollup'],
      rawHouses.map((r) => [
        `${r.region.name} → ${CHILD[r.region.level]}`, `${ms(r.raw.median)} / ${ms(r.raw.p95)}`, `${ms(r.cube.median)} / ${ms(r.cube.p95)}`,
        `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.raw.median), ratio(r.pg.median / r.cube.median),
      ])
    ),
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
      `Its worst API p95 is ${ms(worstEvaluationApi.api.p95)} ms (${worstEvaluationApi.region.name}).`,
  ].join('\n')

  const worstApi = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const worstWh = results.reduce((a, b) => (b.wh.p95 > a.wh.p95 ? b : a))
  const city = results.filter((r) => r.region.level === 'city')
  const cityRatio = (r) => r.pg.median / r.wh.median
  const missing = city.filter((r) => cityRatio(r) < 30)
  const sources = new Map()
  for (const r of missing) sources.set(r.module.slug, await sourceRows(warehouse, r.module))
  const targets = [
    verdict('drill-down API p95 ≤ 50 ms at every level, every statistics module',
      `worst API p95 ${ms(worstApi.api.p95)} ms (${worstApi.module.title} ${worstApi.region.name}); worst warehouse p95 ${ms(worstWh.wh.p95)} ms`,
      results.every((r) => r.api.p95 <= 50),
      `The API adds session (Redis), scope and child-region lookups (PostgreSQL) and the watermark read around the warehouse query; ` +
        `the warehouse query alone has p95 ≤ ${ms(worstWh.wh.p95)} ms, and the ClickHouse round trip floor is ${ms(floors.clickhouse.median)} ms.`),
    verdict('warehouse ≥ 30× faster than PostgreSQL at the city level, every record-grain statistic',
      city.map((r) => `${r.module.title} ${ratio(cityRatio(r))} (PG ${ms(r.pg.median)} ms, warehouse ${ms(r.wh.median)} ms)`).join('; '),
      missing.length === 0,
      missing.map((r) => `${r.module.title}: PostgreSQL answers the city in ${ms(r.pg.median)} ms from ${sources.get(r.module.slug).toLocaleString('en-US')}` +
        ` source rows (its fact tables: ${r.module.facts.join(', ')}); the warehouse path cannot go below two ClickHouse round trips in parallel (floor ${ms(floors.clickhouse.median)} ms each) plus ` +
        `its server time (${ms(r.chServer)} ms), which caps the ratio at ${ratio(r.pg.median / Math.max(floors.clickhouse.median, r.chServer))} on this data. ` +
        'The ratio grows with the rows per statistic (项目管理 over the house register shows it); these modules hold one or two records per estate.').join(' ')),
  ]
  return { title: '1. Drill-down latency', markdown, targets, results }
}
