/**
 * 宣传培训 (module 11): 项目从业人员 / 项目负责人学习情况 (cube `training`: every estate with its row of the
 * per-estate rollup learning_estate_totals of learning_record_facts, one fact per learning record —
 * course × estate practitioner) at every level, through the API,
 * the warehouse alone and the benchmark-only PostgreSQL GROUP BY over
 * `estates` with each estate's practitioners' records (bench/lib/pg_stats.mjs) — asserted equal, with the issue's target: the
 * warehouse ≥ 30× faster than PostgreSQL at the city level. (The drill-down section runs the same
 * comparison with the other modules; this one adds the target and the record count.)
 */
import { training } from '@szpm/core'
import { sameValue } from '../lib/pg_stats.mjs'
import { CHILD, assertSameStep, postgresStep, warehouseStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'training'
const METRICS = Object.keys(training.statistics.metrics)
const KINDS = Object.fromEntries(Object.entries(training.statistics.metrics).map(([key, metric]) => [key, metric.aggregation]))

export async function runTraining(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query('SELECT (SELECT count(*)::int FROM learning_records) AS records, (SELECT count(*)::int FROM training_courses) AS courses')
  if (counts.records === 0) throw new Error('no learning records in szpm_bench (data generated before the training generator? rerun with --regenerate)')
  const results = []
  for (const region of [regions.city, regions.district, regions.street, regions.community]) {
    const label = `${region.name} → ${CHILD[region.level]}`
    progress(`training: ${label}`)
    const api = await timeIt(() => admin.get(`/api/v1/stats/training?region_id=${region.id}`), options)
    const wh = await timeIt(() => warehouseStep(warehouse, CUBE, METRICS, region), options)
    const pg = await timeIt(() => postgresStep(pool, CUBE, KINDS, region), options)
    assertSameStep(`学习情况统计 ${label}`, wh.result, pg.result, METRICS)
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for 学习情况统计 ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    results.push({ label, api, wh, pg, rows: wh.result.rows.length, records: wh.result.totals.staffEnrolled })
  }
  const city = results[0]
  const cityRatio = city.pg.median / city.wh.median
  const worst = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const markdown = [
    `learning_records: ${int(counts.records)} (one learning_record_facts row each), training_courses: ${int(counts.courses)}. ` +
      `Median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. API = \`GET /api/v1/stats/training\` as 13800000000 (city_admin); ` +
      'warehouse = `drillDown` + `totals` of the training cube (estate_profile_facts joined to the per-estate rollup learning_estate_totals that the pipeline keeps beside the record-grain learning_record_facts); ' +
      'PostgreSQL = the benchmark-only GROUP BY over `estates`, each with its practitioners\' `learning_records` (index scans), asserted equal to the warehouse (rows, names, every metric, totals).',
    '',
    table(['level', 'rows', 'learning records', 'API', 'warehouse', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [r.label, r.rows, int(r.records), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median)])),
  ].join('\n')
  const targets = [
    verdict('宣传培训: warehouse ≥ 30× faster than PostgreSQL at the city level', `${ratio(cityRatio)} (${ms(city.wh.median)} vs ${ms(city.pg.median)} ms)`, cityRatio >= 30,
      'PostgreSQL joins and counts every learning record per request; the cube joins one rollup row per estate. Below the city the fixed cost of a ClickHouse query dominates.'),
    verdict('宣传培训 drill-down p95 ≤ 50 ms at every level through the API', `worst API p95 ${ms(worst.api.p95)} ms (${worst.label})`, results.every((r) => r.api.p95 <= 50),
      'The API adds the session, scope and child-region lookups around the warehouse query.'),
    verdict('≈ 3,000,000 learning records behind the statistics', int(counts.records), counts.records >= 2_000_000, 'Only the city scale generates them (generators/training.ts).'),
  ]
  return { title: '宣传培训: learning statistics and PostgreSQL', markdown, targets, results }
}
