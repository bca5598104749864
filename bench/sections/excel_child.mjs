/**
 * Child process for section 3, started with `node --import=@poppinss/ts-exec` so the backend's
 * TypeScript imports resolve: writes N estate-list rows with the backend's `writeExcel` into a
 * counting sink and prints { ms, bytes, rows, baselineRss, maxRss } as JSON (RSS in bytes).
 */
import { Writable } from 'node:stream'
import { writeExcel } from '../../backend/app/services/excel_export.ts'
import { ESTATE_EXPORT_COLUMNS } from '../../backend/app/modules/estates/estate_export_columns.ts'
import { syntheticEstateRows } from './excel_rows.mjs'

const rows = Number(process.argv[2] ?? 100_000)
let bytes = 0
const sink = new Writable({ write(chunk, _encoding, callback) { bytes += chunk.length; callback() } })
// RSS sampled in this process, not getrusage's maxRSS: Linux keeps ru_maxrss across execve, so a child
// started by a bench process that holds a large RSS (e.g. the backfill section's buffers) would report
// its parent's high-water mark as its own
const baselineRss = process.memoryUsage.rss()
let sampledPeak = baselineRss
const sampler = setInterval(() => { sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss()) }, 10)
const started = performance.now()
await writeExcel(sink, '物业项目', ESTATE_EXPORT_COLUMNS, syntheticEstateRows(rows))
const elapsed = performance.now() - started
clearInterval(sampler)
sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())
process.stdout.write(JSON.stringify({ ms: elapsed, bytes, rows, baselineRss, maxRss: sampledPeak, sampledPeak }) + '\n')
