/**
 * 2a. ETL backfill throughput: `rebuildAllFacts` (etl/src/rebuild.ts) on szpm_bench, repeated, end to
 * end (snapshot, staging DDL, PostgreSQL read, ClickHouse insert, rollups, the one RENAME, watermark).
 * Per-table times come from the rebuild's own log lines (each table from its CREATE of the staging
 * copy to its last row and rollups; tables run `concurrency` at a time, so they overlap). The split
 * is measured separately on the same snapshot-free data: each source's PostgreSQL side alone (COPY of
 * its bulk select into a byte counter, or its keyset pages for a row-path source) and, for the bulk
 * sources, ClickHouse alone (the same TabSeparated bytes, held in memory, inserted into a scratch copy).
 */
import { Readable } from 'node:stream'
import { to as copyTo } from 'pg-copy-streams'
import { createPgPool, FACT_SOURCES, pgQueryFn, rebuildAllFacts } from '@szpm/etl'
import { summarize } from '../lib/stats.mjs'
import { int, ms, table, verdict, progress } from '../lib/report.mjs'

/** the rebuild's default, and the neighbours measured beside it */
const DEFAULT_CONCURRENCY = 2
const OTHER_CONCURRENCY = [1, 3]

async function rebuildOnce(ctx, pg, concurrency, bulk = true) {
  const timings = { insert: 0, ddl: 0 }
  const tables = {}
  const warehouse = {
    insert: async (t, rows) => {
      const started = performance.now()
      try { return await ctx.warehouse.insert(t, rows) } finally { timings.insert += performance.now() - started }
    },
    insertStream: (...args) => ctx.warehouse.insertStream(...args),
    command: async (sql) => {
      const started = performance.now()
      try { return await ctx.warehouse.command(sql) } finally { timings.ddl += performance.now() - started }
    },
  }
  const started = performance.now()
  const result = await rebuildAllFacts({
    pg,
    warehouse,
    concurrency,
    bulk,
    log: (line) => {
      const match = /^rebuilt (\w+): (\d+) row\(s\) in ([\d.]+) s \(\d+ rows\/s, (.+)\)$/.exec(line)
      if (match) tables[match[1]] = { rows: Number(match[2]), ms: Number(match[3]) * 1000, path: match[4] }
    },
  })
  const total = performance.now() - started
  const rows = Object.values(result.tables).reduce((a, b) => a + b, 0)
  return { total, rows, tables, timings }
}

/** PostgreSQL side alone, per source: COPY of the bulk select into a byte counter, or the keyset pages (batch 10,000). */
async function readSources(pg) {
  const times = {}
  const bytes = {}
  for (const source of FACT_SOURCES) {
    const client = await pg.connect()
    const started = performance.now()
    try {
      if (source.bulk) {
        const chunks = []
        const copy = client.query(copyTo(`COPY (${source.bulk.select('1', 1_700_000_000)}) TO STDOUT`))
        for await (const chunk of copy) chunks.push(chunk)
        times[source.table] = performance.now() - started
        bytes[source.table] = Buffer.concat(chunks)
      } else {
        const queryFn = pgQueryFn(client)
        let afterId = 0
        for (;;) {
          const page = await source.loadPage(queryFn, afterId, 10_000)
          if (page.length === 0) break
          afterId = source.cursor ? source.cursor(page.at(-1)) : page.at(-1).estate_id
          if (page.length < 10_000) break
        }
        times[source.table] = performance.now() - started
      }
    } finally {
      client.release()
    }
  }
  return { times, bytes }
}

/** ClickHouse side alone, per bulk source: its TabSeparated bytes (in memory) into a scratch copy of its table. */
async function insertSources(ctx, bytes) {
  const times = {}
  for (const source of FACT_SOURCES) {
    if (!source.bulk) continue
    const scratch = `${source.table}_bench_insert`
    await ctx.warehouse.command(`DROP TABLE IF EXISTS ${scratch}`)
    await ctx.warehouse.command(`CREATE TABLE ${scratch} AS ${source.table}`)
    try {
      const data = bytes[source.table]
      // 1 MiB chunks, as a socket would deliver them
      const chunks = []
      for (let at = 0; at < data.length; at += 1 << 20) chunks.push(data.subarray(at, at + (1 << 20)))
      const started = performance.now()
      await ctx.warehouse.insertStream(scratch, source.bulk.columns, Readable.from(chunks, { objectMode: false }), 'TabSeparated')
      times[source.table] = performance.now() - started
    } finally {
      await ctx.warehouse.command(`DROP TABLE IF EXISTS ${scratch}`)
    }
  }
  return times
}

export async function runBackfill(ctx) {
  const runs = ctx.backfillRuns
  // lock + snapshot holder + up to 3 tables at once
  const pg = createPgPool(ctx.env.DATABASE_URL, { max: 2 + Math.max(DEFAULT_CONCURRENCY, ...OTHER_CONCURRENCY), applicationName: 'szpm-bench-rebuild' })
  try {
    progress(`backfill: rebuildAllFacts × ${runs} (+1 warm-up), ${DEFAULT_CONCURRENCY} tables at a time`)
    await rebuildOnce(ctx, pg, DEFAULT_CONCURRENCY)
    const samples = []
    for (let i = 0; i < runs; i++) {
      samples.push(await rebuildOnce(ctx, pg, DEFAULT_CONCURRENCY))
      progress(`  rebuild ${i + 1}/${runs}: ${int(samples.at(-1).rows)} rows in ${ms(samples.at(-1).total)} ms`)
    }
    const otherRuns = Math.min(runs, 3)
    const others = []
    for (const concurrency of OTHER_CONCURRENCY) {
      const totals = []
      for (let i = 0; i < otherRuns; i++) totals.push((await rebuildOnce(ctx, pg, concurrency)).total)
      others.push({ concurrency, total: summarize(totals) })
      progress(`  ${concurrency} table(s) at a time: ${ms(summarize(totals).median)} ms (median of ${otherRuns})`)
    }
    // the row path for every source (loadPage + toFactRow + JSONEachRow), once, for comparison
    const rowPath = await rebuildOnce(ctx, pg, DEFAULT_CONCURRENCY, false)
    progress(`  row path (bulk: false): ${ms(rowPath.total)} ms`)
    const reads = []
    let bytes = {}
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const read = await readSources(pg)
      reads.push(read.times)
      bytes = read.bytes
    }
    const inserts = []
    for (let i = 0; i < Math.min(runs, 5); i++) inserts.push(await insertSources(ctx, bytes))

    const names = FACT_SOURCES.map((source) => source.table)
    const rate = (rows, msValue) => rows / (msValue / 1000)
    const rows = samples[0].rows
    const overall = summarize(samples.map((s) => rate(s.rows, s.total)))
    const totalMs = summarize(samples.map((s) => s.total))
    const ddlMs = summarize(samples.map((s) => s.timings.ddl))
    const rowInsertMs = summarize(samples.map((s) => s.timings.insert))
    const readMs = Object.fromEntries(names.map((name) => [name, summarize(reads.map((r) => r[name])).median]))
    const insertMs = Object.fromEntries(names.filter((name) => inserts[0][name] !== undefined).map((name) => [name, summarize(inserts.map((r) => r[name])).median]))
    const sum = (values) => values.reduce((a, b) => a + b, 0)
    const readTotal = sum(Object.values(readMs))
    const insertTotal = sum(Object.values(insertMs))
    const bulkRows = sum(names.filter((name) => insertMs[name] !== undefined).map((name) => samples[0].tables[name].rows))
    const bulkRead = sum(names.filter((name) => insertMs[name] !== undefined).map((name) => readMs[name]))

    const perTableRows = names.map((name) => {
      const times = summarize(samples.map((s) => s.tables[name].ms))
      const tableRows = samples[0].tables[name].rows
      return [
        name,
        samples[0].tables[name].path,
        int(tableRows),
        `${ms(times.median)} / ${ms(times.p95)}`,
        int(summarize(samples.map((s) => rate(s.tables[name].rows, s.tables[name].ms))).median),
        `${ms(readMs[name])} (${int(rate(tableRows, readMs[name]))}/s)`,
        insertMs[name] === undefined ? '—' : `${ms(insertMs[name])} (${int(rate(tableRows, insertMs[name]))}/s)`,
      ]
    })
    const markdown = [
      `\`rebuildAllFacts\` over the whole szpm_bench city, ${runs} runs after 1 warm-up, ${DEFAULT_CONCURRENCY} tables at a time (each on its own ` +
        'connection importing one exported snapshot); the ETL worker was not running. A source with `bulk` streams `COPY (select) TO STDOUT` into one ' +
        'ClickHouse `INSERT … FORMAT TabSeparated` (COPY stream); the others are read in keyset pages of 10,000 and inserted as JSONEachRow (row pages). ' +
        'Times median / p95 in ms, rows/s median. A table\'s time runs from the CREATE of its staging copy to its last row and rollups; tables overlap.',
      '',
      table(['fact table', 'path', 'rows', 'time', 'rows/s', 'PostgreSQL alone', 'ClickHouse insert alone'], [
        ...perTableRows,
        ['**all, end to end**', '', int(rows), `${ms(totalMs.median)} / ${ms(totalMs.p95)}`, `**${int(overall.median)}**`, ms(readTotal), insertTotal ? ms(insertTotal) : '—'],
      ]),
      '',
      'PostgreSQL alone: the COPY of the bulk select into a byte counter (or the keyset pages), one table after another, median of ' +
        `${reads.length}. ClickHouse insert alone: the same TabSeparated bytes from memory into a scratch copy of the table, median of ${inserts.length}. ` +
        `Fixed costs per rebuild (median, summed over the statements; the CREATEs and rollups overlap other tables' streaming): ` +
        `ClickHouse DDL (staging DROP / CREATE, rollup INSERT … SELECT, the one RENAME, DROP of the replaced tables) ${ms(ddlMs.median)} ms` +
        (rowInsertMs.median > 0 ? `, JSONEachRow inserts of the row-path sources ${ms(rowInsertMs.median)} ms` : '') + '.',
      '',
      table(['tables at a time', 'rebuild ms (median)', 'rows/s'], [
        ...[{ concurrency: DEFAULT_CONCURRENCY, total: totalMs }, ...others]
          .sort((a, b) => a.concurrency - b.concurrency)
          .map(({ concurrency, total }) => [`${concurrency}${concurrency === DEFAULT_CONCURRENCY ? ' (default)' : ''}`, ms(total.median), int(rate(rows, total.median))]),
        [`${DEFAULT_CONCURRENCY}, every source on the row path (\`bulk: false\`, 1 run)`, ms(rowPath.total), int(rate(rowPath.rows, rowPath.total))],
      ]),
    ].join('\n')
    const met = overall.median >= 200_000
    const bulkNote = bulkRows > 0
      ? `The streamed tables alone: PostgreSQL produces their ${int(bulkRows)} rows at ${int(rate(bulkRows, bulkRead))} rows/s and ClickHouse parses them at ${int(rate(bulkRows, insertTotal))} rows/s; ` +
        'in the rebuild both run at once, so a streamed table is bounded by the slower of the two on 2 shared cores. '
      : 'No source has a bulk select yet: every table took the row path. '
    const targets = [
      verdict('backfill ≥ 200,000 rows/s', `${int(overall.median)} rows/s overall, end to end (median; ${int(rows)} rows per rebuild)`, met,
        `${bulkNote}End to end the rebuild takes ${ms(totalMs.median)} ms for ${int(rows)} rows, of which ${ms(ddlMs.median)} ms are fixed ClickHouse DDL ` +
          `(${ms(rows / 200)} ms would be 200k rows/s)` +
          (names.some((name) => samples[0].tables[name].path !== 'COPY stream') ? `; the row-path tables (${names.filter((name) => samples[0].tables[name].path !== 'COPY stream').join(', ')}) still move rows through JavaScript.` : '.') +
          ' At a small scale the fixed costs dominate; the figure that matters is city scale, where the record-grain tables carry millions of rows.'),
    ]
    return { title: '2a. ETL backfill throughput', markdown, targets }
  } finally {
    await pg.end()
  }
}
