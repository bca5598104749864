/**
 * 2a. ETL backfill throughput: `rebuildAllFacts` (etl/src/rebuild.ts) on szpm_bench, repeated.
 * Per-table times come from the rebuild's own log lines; the warehouse calls are timed through a
 * wrapper so the report can say where the time goes (PostgreSQL read vs ClickHouse insert vs DDL).
 */
import { FACT_SOURCES, pgQueryFn, rebuildAllFacts } from '@szpm/etl'
import { summarize } from '../lib/stats.mjs'
import { int, ms, table, verdict, progress } from '../lib/report.mjs'

function timedWarehouse(warehouse, timings) {
  const wrap = (name, fn) => async (...args) => {
    const started = performance.now()
    try {
      return await fn(...args)
    } finally {
      timings[name] += performance.now() - started
    }
  }
  return { insert: wrap('insert', (t, rows) => warehouse.insert(t, rows)), command: wrap('ddl', (sql) => warehouse.command(sql)) }
}

async function rebuildOnce(ctx) {
  const timings = { insert: 0, ddl: 0 }
  const marks = []
  const started = performance.now()
  const result = await rebuildAllFacts({
    pg: ctx.etlPool,
    warehouse: timedWarehouse(ctx.warehouse, timings),
    log: (line) => marks.push({ line, at: performance.now() }),
  })
  const total = performance.now() - started
  // per table: from the previous log line ("rebuilding …" or the previous table's "rebuilt …") to "rebuilt <table>"
  const perTable = {}
  let previous = marks.find((mark) => mark.line.startsWith('rebuilding'))?.at ?? started
  for (const mark of marks) {
    const match = /^rebuilt (\w+): (\d+) row/.exec(mark.line)
    if (!match) continue
    perTable[match[1]] = { rows: Number(match[2]), ms: mark.at - previous }
    previous = mark.at
  }
  const rows = Object.values(result.tables).reduce((a, b) => a + b, 0)
  return { total, rows, perTable, timings }
}

/** PostgreSQL side alone: each source's keyset pages (batch 10,000), as the rebuild reads them. */
async function readSources(ctx) {
  const queryFn = pgQueryFn(ctx.etlPool)
  const times = {}
  for (const source of FACT_SOURCES) {
    const started = performance.now()
    let afterId = 0
    for (;;) {
      const page = await source.loadPage(queryFn, afterId, 10_000)
      if (page.length === 0) break
      // the source's keyset cursor (evaluations page by evaluation id, the others by estate id), as cursorOf in etl/src/fact_sources.ts
      afterId = source.cursor ? source.cursor(page.at(-1)) : page.at(-1).estate_id
      if (page.length < 10_000) break
    }
    times[source.table] = performance.now() - started
  }
  return times
}

export async function runBackfill(ctx) {
  const runs = ctx.backfillRuns
  progress(`backfill: rebuildAllFacts × ${runs} (+1 warm-up)`)
  await rebuildOnce(ctx)
  const samples = []
  for (let i = 0; i < runs; i++) {
    samples.push(await rebuildOnce(ctx))
    progress(`  rebuild ${i + 1}/${runs}: ${int(samples.at(-1).rows)} rows in ${ms(samples.at(-1).total)} ms`)
  }
  const tables = Object.keys(samples[0].perTable)
  const rate = (rows, msValue) => rows / (msValue / 1000)
  const overall = summarize(samples.map((s) => rate(s.rows, s.total)))
  const totalMs = summarize(samples.map((s) => s.total))
  const insertMs = summarize(samples.map((s) => s.timings.insert))
  const ddlMs = summarize(samples.map((s) => s.timings.ddl))
  const otherMs = summarize(samples.map((s) => s.total - s.timings.insert - s.timings.ddl))
  const rows = samples[0].rows
  const reads = []
  for (let i = 0; i < 5; i++) reads.push(await readSources(ctx))
  const readMs = Object.fromEntries(tables.map((name) => [name, summarize(reads.map((r) => r[name])).median]))
  const readTotal = Object.values(readMs).reduce((a, b) => a + b, 0)
  const steady = rows / ((readTotal + insertMs.median) / 1000)

  const perTableRows = tables.map((name) => {
    const times = summarize(samples.map((s) => s.perTable[name].ms))
    const rates = samples.map((s) => rate(s.perTable[name].rows, s.perTable[name].ms))
    return [name, int(samples[0].perTable[name].rows), `${ms(times.median)} / ${ms(times.p95)}`, int(summarize(rates).median), ms(readMs[name])]
  })
  const markdown = [
    `\`rebuildAllFacts\` (default batch 10,000) over the whole szpm_bench city, ${runs} runs after 1 warm-up; the worker was not running. ` +
      'Times median / p95 in ms, rows/s median.',
    '',
    table(['fact table', 'rows', 'time', 'rows/s', 'PostgreSQL read alone'], [
      ...perTableRows,
      ['**all**', int(rows), `${ms(totalMs.median)} / ${ms(totalMs.p95)}`, `**${int(overall.median)}**`, ms(readTotal)],
    ]),
    '',
    'Where the time goes (median ms per rebuild): ' +
      `ClickHouse inserts ${ms(insertMs.median)}, ClickHouse DDL (staging DROP / CREATE / RENAME / DROP per table) ${ms(ddlMs.median)}, ` +
      `everything else ${ms(otherMs.median)}, of which the PostgreSQL page reads alone take ${ms(readTotal)} (measured separately, median of 5) ` +
      `and the rest is the snapshot, locks, watermark and row transform. Without the fixed DDL the same rows move at ${int(steady)} rows/s (reads + inserts only).`,
  ].join('\n')
  const met = overall.median >= 200_000
  const targets = [
    verdict('backfill ≥ 200,000 rows/s', `${int(overall.median)} rows/s overall (median; ${int(rows)} rows per rebuild)`, met,
      `A rebuild writes one row per estate per fact table (per estate × half-year for evaluations) — ${int(rows)} rows — so 200k rows/s means the whole rebuild in ${ms(rows / 200)} ms. ` +
        `Measured: ${ms(readTotal)} ms of PostgreSQL page reads (${tables.map((name) => `${name} ${ms(readMs[name])}`).join(', ')}), ` +
        `${ms(insertMs.median)} ms of ClickHouse inserts (JSONEachRow over HTTP) and ${ms(ddlMs.median)} ms of fixed staging-table DDL, done one after another ` +
        `(${ms(totalMs.median)} ms in all); even reads + inserts alone give ${int(steady)} rows/s. The sequential rebuild cannot reach the target at this size: ` +
        'it would need the fact tables rebuilt in parallel from one exported snapshot (pg_export_snapshot), page n+1 read while page n is inserted, ' +
        'and RowBinary instead of JSONEachRow; with more rows per rebuild (e.g. per-house facts) the fixed DDL and round trips amortise.'),
  ]
  return { title: '2a. ETL backfill throughput', markdown, targets }
}
