/**
 * 纠纷化解台账 (module 22): 纠纷化解统计 (cube `disputes`: every estate with its dispute_facts rows grouped
 * per request, ≈ 30k at city scale) at city → district → street → community — through the API, the
 * warehouse and the benchmark-only PostgreSQL GROUP BY over the same `disputes` rows
 * (bench/lib/pg_stats.mjs `PG_METRICS.disputes`), asserted equal (rows, names, every metric, totals).
 */
import { disputes } from '@szpm/core'
import { sameValue } from '../lib/pg_stats.mjs'
import { CHILD, assertSameStep, postgresStep, warehouseStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'disputes'
const METRICS = Object.keys(disputes.statistics.metrics)
const KINDS = Object.fromEntries(Object.entries(disputes.statistics.metrics).map(([key, metric]) => [key, metric.aggregation]))

export async function runDisputes(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query('SELECT count(*)::int AS disputes FROM disputes')
  if (counts.disputes === 0) throw new Error('no disputes in szpm_bench (data generated before the disputes generator? rerun with --regenerate)')
  const results = []
  for (const region of [regions.city, regions.district, regions.street, regions.community]) {
    const label = `${region.name} → ${CHILD[region.level]}`
    progress(`disputes: ${label}`)
    const api = await timeIt(() => admin.get(`/api/v1/stats/disputes?region_id=${region.id}`), options)
    const wh = await timeIt(() => warehouseStep(warehouse, CUBE, METRICS, region), options)
    const pg = await timeIt(() => postgresStep(pool, CUBE, KINDS, region), options)
    assertSameStep(`纠纷化解统计 ${label}`, wh.result, pg.result, METRICS)
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for 纠纷化解统计 ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    results.push({ label, api, wh, pg, rows: wh.result.rows.length, disputes: wh.result.totals.disputes })
  }
  const worst = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const markdown = [
    `disputes: ${int(counts.disputes)} (one dispute_facts row each). Median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. ` +
      'API = `GET /api/v1/stats/disputes` as 13800000000 (city_admin); warehouse = `drillDown` + `totals` of the disputes cube (every estate with its dispute_facts rows grouped by state and type); ' +
      'PostgreSQL = the benchmark-only GROUP BY over `estates` with each estate\'s `disputes` by state and type, asserted equal to the warehouse (rows, names, every metric, totals) and the API totals to the warehouse.',
    '',
    table(['level', 'rows', 'disputes', 'API', 'warehouse', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [r.label, r.rows, int(r.disputes), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median)])),
  ].join('\n')
  const targets = [
    verdict('纠纷化解统计 drill-down p95 ≤ 50 ms at every level through the API', `worst API p95 ${ms(worst.api.p95)} ms (${worst.label})`, results.every((r) => r.api.p95 <= 50),
      'The API adds the session, scope and child-region lookups around the warehouse query.'),
    verdict('≈ 30,000 disputes behind the statistics at city scale', int(counts.disputes), counts.disputes >= 20_000, 'Only the city scale generates them (generators/disputes.ts, disputesPerEstate 2–9).'),
  ]
  return { title: '纠纷化解统计: drill-down and PostgreSQL', markdown, targets, results }
}
