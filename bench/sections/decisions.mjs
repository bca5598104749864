/**
 * 业主决策情况 (module 8): the decisions cube (every estate with its meetings' topics from
 * voting_topic_facts and its row of the per-estate rollup decision_estate_totals of ballot_facts, one
 * fact per standing ballot) at every level, through the API, the warehouse alone and the
 * benchmark-only PostgreSQL GROUP BY over the same standing ballots, topics and house register
 * (bench/lib/pg_stats.mjs DECISIONS_OF_ESTATE) — asserted equal — with the issue's targets: the API
 * p95 ≤ 50 ms at every level, the warehouse ≥ 30× PostgreSQL at the city level. Also the tally of the
 * largest estate: `GET /api/v1/voting/meetings/:id` of its open meeting tallies every topic live
 * (app/modules/voting/ballot_service.ts tallyTopic: the register and the standing ballots from
 * PostgreSQL, then the exact integer tally).
 */
import { decisions } from '@szpm/core'
import { sameValue } from '../lib/pg_stats.mjs'
import { CHILD, assertSameStep, postgresStep, warehouseStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'decisions'
const METRICS = Object.keys(decisions.statistics.metrics)
const KINDS = Object.fromEntries(Object.entries(decisions.statistics.metrics).map(([key, metric]) => [key, metric.aggregation]))

export async function runDecisions(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query(`SELECT (SELECT count(*)::int FROM voting_meetings) AS meetings, (SELECT count(*)::int FROM voting_topics) AS topics,
    (SELECT count(*)::int FROM voting_ballots) AS ballots, (SELECT count(*)::int FROM voting_standing_ballots) AS standing`)
  if (counts.meetings === 0) throw new Error('no voting meetings in the bench database (data generated before the voting generator? rerun with --regenerate)')
  const results = []
  for (const region of [regions.city, regions.district, regions.street, regions.community]) {
    const label = `${region.name} → ${CHILD[region.level]}`
    progress(`decisions: ${label}`)
    const api = await timeIt(() => admin.get(`/api/v1/stats/decisions?region_id=${region.id}`), options)
    const wh = await timeIt(() => warehouseStep(warehouse, CUBE, METRICS, region), options)
    const pg = await timeIt(() => postgresStep(pool, CUBE, KINDS, region), options)
    assertSameStep(`业主决策情况 ${label}`, wh.result, pg.result, METRICS)
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for 业主决策情况 ${label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    results.push({ label, api, wh, pg, rows: wh.result.rows.length, ballots: wh.result.totals.ballots })
  }

  // the tally of the largest estate: its open meeting, every topic tallied live from PostgreSQL
  const { rows: [largest] } = await pool.query(`SELECT m.id, m.estate_id, e.house_count, (SELECT count(*)::int FROM voting_topics t WHERE t.meeting_id = m.id) AS topics,
      (SELECT count(*)::int FROM voting_standing_ballots s JOIN voting_topics t ON t.id = s.topic_id WHERE t.meeting_id = m.id) AS standing
    FROM voting_meetings m JOIN estates e ON e.id = m.estate_id WHERE m.status = 'published' ORDER BY e.house_count DESC, m.id LIMIT 1`)
  let tally = null
  if (largest) {
    progress(`decisions: the tally of estate ${largest.estate_id} (${largest.house_count} houses)`)
    tally = await timeIt(() => admin.get(`/api/v1/voting/meetings/${largest.id}`), options)
    const topics = tally.result.data.topics
    if (topics.length !== largest.topics || topics.some((topic) => !topic.result)) throw new Error(`meeting ${largest.id}: expected ${largest.topics} tallied topics`)
  }

  const city = results[0]
  const cityRatio = city.pg.median / city.wh.median
  const worst = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const markdown = [
    `voting_meetings: ${int(counts.meetings)}, voting_topics: ${int(counts.topics)}, voting_ballots: ${int(counts.ballots)} of which standing (one ballot_facts row each): ${int(counts.standing)}. ` +
      `Median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. API = \`GET /api/v1/stats/decisions\` as 13800000000 (city_admin); ` +
      'warehouse = `drillDown` + `totals` of the decisions cube (estate_profile_facts joined to the topics of voting_topic_facts and to the per-estate rollup decision_estate_totals of the ballot-grain ballot_facts); ' +
      'PostgreSQL = the benchmark-only GROUP BY over `estates`, each with its meetings\' topics (stored tally or register denominators) and its standing ballots with their houses\' area and owner key, ' +
      'asserted equal to the warehouse (rows, names, every metric, totals) and the API totals to both.',
    '',
    table(['level', 'rows', 'standing ballots', 'API', 'warehouse', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [r.label, r.rows, int(r.ballots), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`, `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median)])),
    '',
    largest
      ? `The tally of the largest estate with an open meeting (estate ${largest.estate_id}, ${int(largest.house_count)} houses; meeting ${largest.id}, ${largest.topics} topics, ${int(largest.standing)} standing ballots): ` +
        `\`GET /api/v1/voting/meetings/${largest.id}\` tallies every topic live (tallyTopic: the register and the standing ballots from PostgreSQL, the exact integer tally) — ${ms(tally.median)} / ${ms(tally.p95)} ms.`
      : 'No open meeting in the data: the tally was not timed.',
  ].join('\n')
  const targets = [
    verdict('业主决策情况: warehouse ≥ 30× faster than PostgreSQL at the city level', `${ratio(cityRatio)} (${ms(city.wh.median)} vs ${ms(city.pg.median)} ms)`, cityRatio >= 30,
      'PostgreSQL reads every standing ballot with its house and owner key per request; the cube joins one rollup row and a few topic rows per estate. Below the city the fixed cost of a ClickHouse query dominates.'),
    verdict('业主决策情况 drill-down p95 ≤ 50 ms at every level through the API', `worst API p95 ${ms(worst.api.p95)} ms (${worst.label})`, results.every((r) => r.api.p95 <= 50),
      'The API adds the session, scope and child-region lookups around the warehouse query.'),
    verdict('≈ 1,500 meetings, ≈ 6,000 topics behind the statistics', `${int(counts.meetings)} meetings, ${int(counts.topics)} topics`, counts.meetings >= 1000 && counts.topics >= 4000, 'Only the city scale generates them (generators/voting.ts).'),
    verdict('≈ 10M ballots', `${int(counts.ballots)} ballots, ${int(counts.standing)} standing`, counts.ballots >= 8_000_000,
      'A ballot is one house on one topic: 6,000 topics need ≈ 1,700 voting houses each for 10M, but the city register has 80–1,000 houses per estate (generators/scales.ts); the generator takes the largest estates, so the ballots are bounded by their houses. Larger estates in the house register (or more topics) would reach it.'),
  ]
  return { title: '业主决策情况: decisions statistics, PostgreSQL and the tally', markdown, targets, results }
}
