/**
 * 平安建设 (module 12): the year's assessments per region (cube `safety`: safety_assessment_facts, one fact
 * per community × item) at every level — city → district → street → community, and a community as its
 * own row — through the API, the warehouse alone and the benchmark-only PostgreSQL GROUP BY over the
 * year's `safety_assessments` (bench/lib/pg_stats.mjs), asserted equal, with the target: API p95
 * ≤ 50 ms at every level.
 */
import { drillDown, totals } from '@szpm/warehouse'
import { safety } from '@szpm/core'
import { pgStatsSql, sameValue, shapeValue } from '../lib/pg_stats.mjs'
import { assertSameStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'safety'
const METRICS = Object.keys(safety.statistics.metrics)
const KINDS = Object.fromEntries(Object.entries(safety.statistics.metrics).map(([key, metric]) => [key, metric.aggregation]))
/** the rows under each level: the facts stop at the community, which is its own one row */
const CHILD = { city: 'district', district: 'street', street: 'community', community: 'community' }
const filtersOf = (region, year) => ({ year, ...(region.level === 'city' ? {} : { [`${region.level}_id`]: region.id }) })

async function warehouseStep(warehouse, region, year) {
  const query = { cube: CUBE, metrics: METRICS, dimensions: [CHILD[region.level]], filters: filtersOf(region, year) }
  const [rows, total] = await Promise.all([drillDown(warehouse, query), totals(warehouse, query)])
  return { rows, totals: total }
}

async function postgresStep(pool, region, year) {
  const options = { childLevel: CHILD[region.level], filterLevel: region.level === 'city' ? null : region.level, filterId: region.id, year }
  const grouped = pgStatsSql(CUBE, options)
  const total = pgStatsSql(CUBE, { ...options, childLevel: null })
  const [rows, totalRows] = await Promise.all([pool.query(grouped.sql, grouped.params), pool.query(total.sql, total.params)])
  const shape = (row) => Object.fromEntries(METRICS.map((name) => [name, shapeValue(KINDS[name], row[name])]))
  return { rows: rows.rows.map((row) => ({ id: Number(row.id), name: row.name, ...shape(row) })), totals: shape(totalRows.rows[0]) }
}

export async function runSafety(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query('SELECT (SELECT count(*)::int FROM safety_assessments) AS assessments, (SELECT count(*)::int FROM safety_items) AS items, (SELECT max(year) FROM safety_items) AS year')
  if (counts.assessments === 0) throw new Error('no safety assessments in szpm_bench (data generated before the safety generator? rerun with --regenerate)')
  const year = Number(counts.year)
  const results = []
  for (const region of [regions.city, regions.district, regions.street, regions.community]) {
    const label = `${region.name} → ${CHILD[region.level]}`
    progress(`safety: ${label}`)
    const api = await timeIt(() => admin.get(`/api/v1/stats/safety?region_id=${region.id}&year=${year}`), options)
    const wh = await timeIt(() => warehouseStep(warehouse, region, year), options)
    const pg = await timeIt(() => postgresStep(pool, region, year), options)
    assertSameStep(`平安建设 ${label}`, wh.result, pg.result, METRICS)
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for 平安建设 ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    results.push({ label, api, wh, pg, rows: wh.result.rows.length, records: wh.result.totals.items })
  }
  const worst = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const markdown = [
    `safety_assessments: ${int(counts.assessments)} (one safety_assessment_facts row each; ${year}: the year shown), safety_items: ${int(counts.items)}. ` +
      `Median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. API = \`GET /api/v1/stats/safety?year=${year}\` as 13800000000 (city_admin); ` +
      'warehouse = `drillDown` + `totals` of the safety cube (safety_assessment_facts FINAL, filtered by year); ' +
      'PostgreSQL = the benchmark-only GROUP BY over the year\'s `safety_assessments` by community, asserted equal to the warehouse (rows, names, every metric, totals) and the API totals to both.',
    '',
    table(['level', 'rows', 'assessments', 'API', 'warehouse', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [r.label, r.rows, int(r.records), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median)])),
  ].join('\n')
  const targets = [
    verdict('平安建设 drill-down p95 ≤ 50 ms at every level through the API', `worst API p95 ${ms(worst.api.p95)} ms (${worst.label})`, results.every((r) => r.api.p95 <= 50),
      'A few thousand assessments per year at city scale (≈ 1,000 communities × 8–12 items): small for either engine; the API adds the session, scope and child-region lookups.'),
  ]
  return { title: '平安建设: assessment statistics and PostgreSQL', markdown, targets, results }
}
