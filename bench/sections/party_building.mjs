/**
 * 党建园地 (module 24): 党建统计 (cube `party_building`: every estate with its 党组织, committee members,
 * 红色物业 marker and its residents' 民意征集 responses — the per-estate rollup opinion_estate_totals of
 * the record-grain opinion_response_facts, ≈ 1M responses at city scale) at every level, through the API,
 * the warehouse alone and the benchmark-only PostgreSQL GROUP BY over `estates` with each estate's
 * records (bench/lib/pg_stats.mjs) — asserted equal, with the issue's targets: API p95 ≤ 50 ms at every
 * level and the warehouse ≥ 30× faster than PostgreSQL at the city level for the opinion responses.
 * Also 民意征集统计 through the API (`GET /api/v1/party_building/opinions/stats`), which reads the same cube.
 */
import { partyBuilding } from '@szpm/core'
import { sameValue } from '../lib/pg_stats.mjs'
import { CHILD, assertSameStep, postgresStep, warehouseStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'party_building'
const METRICS = Object.keys(partyBuilding.statistics.metrics)
const KINDS = Object.fromEntries(Object.entries(partyBuilding.statistics.metrics).map(([key, metric]) => [key, metric.aggregation]))

export async function runPartyBuilding(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query(`SELECT (SELECT count(*)::int FROM opinion_responses) AS responses, (SELECT count(*)::int FROM opinion_collections) AS collections,
    (SELECT count(*)::int FROM party_organizations) AS organizations, (SELECT count(*)::int FROM committee_members) AS members`)
  if (counts.responses === 0) throw new Error('no opinion responses in szpm_bench (data generated before the party_building generator? rerun with --regenerate)')
  const results = []
  for (const region of [regions.city, regions.district, regions.street, regions.community]) {
    const label = `${region.name} → ${CHILD[region.level]}`
    progress(`party_building: ${label}`)
    const api = await timeIt(() => admin.get(`/api/v1/stats/party_building?region_id=${region.id}`), options)
    const opinions = await timeIt(() => admin.get(`/api/v1/party_building/opinions/stats?region_id=${region.id}`), options)
    const wh = await timeIt(() => warehouseStep(warehouse, CUBE, METRICS, region), options)
    const pg = await timeIt(() => postgresStep(pool, CUBE, KINDS, region), options)
    assertSameStep(`党建统计 ${label}`, wh.result, pg.result, METRICS)
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for 党建统计 ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    if (opinions.result.meta.totals.responses !== wh.result.totals.opinionResponses) throw new Error(`民意征集统计 ≠ warehouse for ${label}: ${opinions.result.meta.totals.responses} vs ${wh.result.totals.opinionResponses}`)
    results.push({ label, api, opinions, wh, pg, rows: wh.result.rows.length, responses: wh.result.totals.opinionResponses })
  }
  const city = results[0]
  const cityRatio = city.pg.median / city.wh.median
  const worst = results.reduce((a, b) => (Math.max(b.api.p95, b.opinions.p95) > Math.max(a.api.p95, a.opinions.p95) ? b : a))
  const markdown = [
    `opinion_responses: ${int(counts.responses)} (one opinion_response_facts row each) in ${int(counts.collections)} 民意征集; party_organizations: ${int(counts.organizations)}; committee_members: ${int(counts.members)}. ` +
      `Median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. API = \`GET /api/v1/stats/party_building\` and 民意征集统计 \`GET /api/v1/party_building/opinions/stats\` as 13800000000 (city_admin); ` +
      'warehouse = `drillDown` + `totals` of the party_building cube (estate_profile_facts joined to the organisations, members and 红色物业 facts and to the per-estate rollup opinion_estate_totals); ' +
      'PostgreSQL = the benchmark-only GROUP BY over `estates`, each with its records (index scans, opinion_responses by opinion_responses_estate_index), asserted equal to the warehouse (rows, names, every metric, totals).',
    '',
    table(['level', 'rows', 'responses', 'API 党建统计', 'API 民意征集统计', 'warehouse', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [r.label, r.rows, int(r.responses), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.opinions.median)} / ${ms(r.opinions.p95)}`,
        `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median)])),
  ].join('\n')
  const targets = [
    verdict('党建园地 (民意征集 responses): warehouse ≥ 30× faster than PostgreSQL at the city level', `${ratio(cityRatio)} (${ms(city.wh.median)} vs ${ms(city.pg.median)} ms)`, cityRatio >= 30,
      'PostgreSQL counts every response of every estate per request; the cube joins one rollup row per estate.'),
    verdict('党建园地 drill-down and 民意征集统计 p95 ≤ 50 ms at every level through the API', `worst API p95 ${ms(Math.max(worst.api.p95, worst.opinions.p95))} ms (${worst.label})`,
      results.every((r) => r.api.p95 <= 50 && r.opinions.p95 <= 50), 'The API adds the session, scope and child-region lookups around the warehouse query.'),
    verdict('≈ 1,000,000 民意征集 responses and ≈ 2,500 党组织 behind the statistics', `${int(counts.responses)} / ${int(counts.organizations)}`, counts.responses >= 800_000 && counts.organizations >= 2_000,
      'Only the city scale generates them (generators/party_building.ts).'),
  ]
  return { title: '党建园地: 党建统计, 民意征集 and PostgreSQL', markdown, targets, results }
}
