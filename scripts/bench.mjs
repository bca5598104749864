/**
 * `npm run bench -- [--scale demo|city] [--runs N] [--out FILE] [--regenerate] [--only freshness,…]` — the benchmark
 * suite (bench/): drill-down latency vs a PostgreSQL baseline, ETL backfill and freshness, Excel
 * export, HTTP load. Uses its own databases (szpm_bench), API port 3390 and Redis db 3; writes a
 * markdown report (default bench-report.md) and prints it. Never part of `npm test`.
 */
import { ensureDependencies, ensurePinnedNode } from './lib/bootstrap.mjs'

ensureDependencies()
ensurePinnedNode()

const { parseArgs } = await import('node:util')
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    runs: { type: 'string', default: '50' },
    out: { type: 'string', default: 'bench-report.md' },
    regenerate: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
})
const SECTIONS = ['drilldown', 'backfill', 'freshness', 'excel', 'load', 'notices', 'parking', 'training', 'party_building', 'safety', 'voting', 'decisions']
const only = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : undefined
for (const name of only ?? []) {
  if (!SECTIONS.includes(name)) {
    console.error(`--only takes a comma-separated list of ${SECTIONS.join(', ')} (got ${name})`)
    process.exit(2)
  }
}
if (!['demo', 'city'].includes(values.scale)) {
  console.error(`--scale must be demo or city (got ${values.scale})`)
  process.exit(2)
}
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 3) {
  console.error(`--runs must be an integer ≥ 3 (got ${values.runs})`)
  process.exit(2)
}

const { runBench } = await import('../bench/main.mjs')
process.exitCode = await runBench({
  argv: process.argv.slice(2),
  scale: values.scale,
  runs,
  warmup: 5,
  out: values.out,
  regenerate: values.regenerate,
  only,
  backfillRuns: runs >= 50 ? 5 : 3,
  excelRuns: runs >= 50 ? 5 : 3,
  freshnessChanges: Math.max(10, Math.min(40, runs)),
  loadUsers: 200,
  loadSeconds: 60,
})
