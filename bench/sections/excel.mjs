/**
 * 3. Excel export. (a) The backend's `writeExcel` writing 100,000 estate-list rows into a counting
 * sink, each run in a fresh child process (node --import=@poppinss/ts-exec) so its peak RSS
 * (RSS sampled every 10 ms in the child) belongs to that export alone. (b) `GET /api/v1/estates/export` for the whole
 * city over HTTP as the city admin, until the last byte.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize, timeIt } from '../lib/stats.mjs'
import { topFunctions } from '../lib/cpuprofile.mjs'
import { int, mb, ms, table, verdict, progress } from '../lib/report.mjs'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'excel_child.mjs')
const ROWS = 100_000

/** Async (never execFileSync): a blocked event loop would miss the API closing idle keep-alive sockets. */
async function childRun(ctx, rows, nodeFlags = []) {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--import=@poppinss/ts-exec', CHILD, String(rows)], {
    cwd: ctx.backendDir, env: ctx.env, encoding: 'utf8', maxBuffer: 1 << 20,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1))
}

export async function runExcel(ctx) {
  const runs = ctx.excelRuns
  progress(`excel: writeExcel ${int(ROWS)} rows × ${runs} (+1 warm-up), each in a fresh child`)
  await childRun(ctx, ROWS)
  const samples = []
  for (let i = 0; i < runs; i++) {
    samples.push(await childRun(ctx, ROWS))
    progress(`  run ${i + 1}/${runs}: ${ms(samples.at(-1).ms)} ms, peak RSS ${mb(samples.at(-1).maxRss)}`)
  }
  const time = summarize(samples.map((s) => s.ms))
  const peak = summarize(samples.map((s) => s.maxRss))
  const baseline = summarize(samples.map((s) => s.baselineRss))
  const small = await childRun(ctx, 10_000)
  // one extra, uncounted run under the V8 profiler: where the time goes
  const profDir = mkdtempSync(path.join(os.tmpdir(), 'szpm-bench-prof-'))
  const profiled = await childRun(ctx, ROWS, ['--cpu-prof', `--cpu-prof-dir=${profDir}`])
  const profile = topFunctions(path.join(profDir, readdirSync(profDir)[0]))
  rmSync(profDir, { recursive: true, force: true })
  const where = profile.top.map((f) => `${f.name} ${ms(f.ms)}`).join(', ')

  progress('excel: GET /api/v1/estates/export (whole city) over HTTP')
  let bytes = 0
  const api = await timeIt(async () => {
    const response = await ctx.admin.fetch('/api/v1/estates/export')
    if (!response.ok) throw new Error(`estates export → ${response.status}`)
    bytes = (await response.arrayBuffer()).byteLength
  }, { warmup: 1, runs: ctx.excelRuns })
  const estates = ctx.machine.rows.estates

  const markdown = [
    `(a) \`writeExcel(stream, '物业项目', columns, rows)\` from backend/app/services/excel_export.ts, the 12 columns of the 物业项目 export, ` +
      `${int(ROWS)} synthetic EstateListRow rows from an async generator into a byte-counting sink; ${runs} runs after 1 warm-up, each in a fresh ` +
      'process. Peak memory = the child\'s RSS sampled every 10 ms (not getrusage maxRSS, which Linux carries over from the parent across exec), which includes Node + ts-exec + ExcelJS at start ("baseline").',
    '',
    table(['export', 'rows', 'xlsx size', 'time median / p95 (ms)', 'rows/s', 'peak RSS median / max', 'baseline RSS'], [
      ['writeExcel → sink', int(ROWS), mb(samples[0].bytes), `${ms(time.median)} / ${ms(time.p95)}`, int(ROWS / (time.median / 1000)), `${mb(peak.median)} / ${mb(peak.max)}`, mb(baseline.median)],
      ['writeExcel → sink', int(10_000), mb(small.bytes), ms(small.ms), int(10_000 / (small.ms / 1000)), mb(small.maxRss), mb(small.baselineRss)],
      ['GET /api/v1/estates/export (city)', int(estates), mb(bytes), `${ms(api.median)} / ${ms(api.p95)}`, int(estates / (api.median / 1000)), '–', '–'],
    ]),
    '',
    `The 10,000-row line shows memory grows far less than the row count (streamed workbook). (b) is end to end over HTTP: ` +
      'session, scope, batched PostgreSQL reads (2,000 rows per page, OFFSET paging) and the streamed workbook.',
    '',
    `Where the time goes — one extra 100k-row run under \`node --cpu-prof\` (${ms(profiled.ms)} ms), self time in ms of the top functions: ${where}.`,
  ].join('\n')
  const targets = [
    verdict('100k-row export ≤ 5 s with peak memory < 300 MB',
      `${ms(time.p95)} ms p95 (median ${ms(time.median)}), peak RSS max ${mb(peak.max)}`,
      time.p95 <= 5000 && peak.max < 300 * 1024 * 1024,
      `The export is CPU-bound in ExcelJS on one core (${int(ROWS / (time.median / 1000))} rows/s; profile above: ${where}). ` +
        'With `useStyles: true` every cell goes through the style lookup (addStyleModel) although only the header row is styled, ' +
        'and every cell is built as an object and XML-escaped. Within the 5 s budget with margin: write data rows without per-cell ' +
        'style handling (e.g. `useStyles: false` and no bold header, or a writer emitting the sheet XML directly into the zip stream), ' +
        'or run the workbook writer in a worker thread so the API process is not the one spending the CPU. ' +
        'Memory is within budget (peak includes a ~110 MB process baseline).'),
  ]
  return { title: '3. Excel export', markdown, targets }
}
