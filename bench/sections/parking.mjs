/**
 * 车位信息 (module 10): the parking statistics (cube `parking`) at every level — through the API, the
 * warehouse (the per-estate rollup parking_estate_totals of the record-grain parking_space_facts), the
 * warehouse straight from the raw facts (one row per space, sums over sign, no rollup) and the
 * benchmark-only PostgreSQL GROUP BY over `parking_spaces` (bench/lib/pg_stats.mjs) — asserted equal,
 * with the issue's target: the warehouse ≥ 30× faster than PostgreSQL at the city level.
 */
import { raw } from '@szpm/warehouse'
import { parking } from '@szpm/core'
import { sameValue } from '../lib/pg_stats.mjs'
import { CHILD, assertSameStep, postgresStep, warehouseStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'parking'
const METRICS = Object.keys(parking.statistics.metrics)
const KINDS = Object.fromEntries(Object.entries(parking.statistics.metrics).map(([key, metric]) => [key, metric.aggregation]))
const SPACE_KINDS = { ownedSpaces: 'owned', civilDefenseSpaces: 'civil_defense', rentedSpaces: 'rented', temporarySpaces: 'temporary', chargingSpaces: 'charging', otherSpaces: 'other' }

/** spaces by kind straight from parking_space_facts (2M rows at city scale), placed through estate_profile_facts */
async function rawSpacesPath(warehouse, region) {
  const child = CHILD[region.level]
  const where = region.level === 'city' ? '' : ` WHERE ${region.level}_id = ${Number(region.id)}`
  const places = `SELECT estate_id, ${child === 'estate' ? 'estate_id' : `${child}_id`} AS place_id FROM estate_profile_facts FINAL${where}`
  const figures = ['sum(sign) AS spaces', ...Object.entries(SPACE_KINDS).map(([key, kind]) => `sum(if(kind = '${kind}', sign, 0)) AS ${key}`)].join(', ')
  const from = `FROM parking_space_facts ANY INNER JOIN (${places}) AS places USING estate_id`
  const [rows, [total]] = await Promise.all([
    warehouse.query(raw(`SELECT place_id AS id, ${figures} ${from} GROUP BY id HAVING spaces != 0`)),
    warehouse.query(raw(`SELECT ${figures} ${from}`)),
  ])
  const shape = (row) => Object.fromEntries(['spaces', ...Object.keys(SPACE_KINDS)].map((key) => [key, Number(row[key])]))
  return { rows: rows.map((row) => ({ id: Number(row.id), ...shape(row) })), totals: shape(total) }
}

/** Throws (aborting the bench) unless the raw facts give the cube's space figures (rows by id, and totals). */
function assertSameSpaces(label, a, b, keys) {
  const problems = []
  const byId = new Map(b.rows.map((row) => [row.id, row]))
  for (const row of a.rows) {
    const other = byId.get(row.id)
    if (!other) { problems.push(`id ${row.id} missing`); continue }
    for (const key of keys) if (!sameValue(row[key], other[key])) problems.push(`id ${row.id} ${key}: ${row[key]} vs ${other[key]}`)
  }
  for (const key of keys) if (!sameValue(a.totals[key], b.totals[key])) problems.push(`totals ${key}: ${a.totals[key]} vs ${b.totals[key]}`)
  if (problems.length) throw new Error(`${label}:\n  ${problems.slice(0, 20).join('\n  ')}`)
}

export async function runParking(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query("SELECT (SELECT count(*)::int FROM parking_spaces) AS spaces, (SELECT count(*)::int FROM disputes WHERE dispute_type LIKE 'parking\\_%') AS disputes")
  if (counts.spaces === 0) throw new Error('no parking spaces in szpm_bench (data generated before the parking generator? rerun with --regenerate)')
  const results = []
  for (const region of [regions.city, regions.district, regions.street, regions.community]) {
    const label = `${region.name} → ${CHILD[region.level]}`
    progress(`parking: ${label}`)
    const api = await timeIt(() => admin.get(`/api/v1/stats/parking?region_id=${region.id}`), options)
    const wh = await timeIt(() => warehouseStep(warehouse, CUBE, METRICS, region), options)
    const rawFacts = await timeIt(() => rawSpacesPath(warehouse, region), options)
    const pg = await timeIt(() => postgresStep(pool, CUBE, KINDS, region), options)
    assertSameStep(`车位信息 ${label}`, wh.result, pg.result, METRICS)
    assertSameSpaces(`parking_space_facts ≠ rollup for ${label}`, rawFacts.result, wh.result, ['spaces', ...Object.keys(SPACE_KINDS)])
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for 车位信息 ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    results.push({ label, region, api, wh, rawFacts, pg, rows: wh.result.rows.length, spaces: wh.result.totals.spaces })
  }
  const city = results[0]
  const cityRatio = city.pg.median / city.wh.median
  const worst = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const markdown = [
    `parking_spaces: ${int(counts.spaces)} (one parking_space_facts row each), parking disputes (纠纷化解台账's parking_* types): ${int(counts.disputes)}. ` +
      `Median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. API = \`GET /api/v1/stats/parking\` as 13800000000 (city_admin); ` +
      'warehouse = `drillDown` + `totals` of the parking cube (every estate with its rollup row of spaces by kind, households, filled-in marker, disputes by type); ' +
      'raw facts = the spaces by kind grouped straight from parking_space_facts (no rollup), asserted equal to the cube; ' +
      'PostgreSQL = the benchmark-only GROUP BY over `estates` with each estate\'s spaces (index-only scan of parking_spaces_estate_kind_index), households and `parking_*` disputes, asserted equal to the warehouse (rows, names, every metric, totals).',
    '',
    table(['level', 'rows', 'spaces', 'API', 'warehouse', 'raw parking_space_facts', 'PostgreSQL', 'PG / warehouse (median)', 'PG / raw'],
      results.map((r) => [r.label, r.rows, int(r.spaces), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`,
        `${ms(r.rawFacts.median)} / ${ms(r.rawFacts.p95)}`, `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median), ratio(r.pg.median / r.rawFacts.median)])),
  ].join('\n')
  const targets = [
    verdict('车位信息: warehouse ≥ 30× faster than PostgreSQL at the city level', `${ratio(cityRatio)} (${ms(city.wh.median)} vs ${ms(city.pg.median)} ms)`, cityRatio >= 30,
      'PostgreSQL counts every space of every estate per request; the cube joins one rollup row per estate.'),
    verdict('车位信息 drill-down p95 ≤ 50 ms at every level through the API', `worst API p95 ${ms(worst.api.p95)} ms (${worst.label})`, results.every((r) => r.api.p95 <= 50),
      'The API adds the session, scope and child-region lookups around the warehouse query.'),
    verdict('≈ 2,000,000 parking spaces behind the statistics', int(counts.spaces), counts.spaces >= 1_500_000, 'Only the city scale generates them (generators/parking.ts).'),
  ]
  return { title: '车位信息: drill-down, raw facts and PostgreSQL', markdown, targets, results }
}
