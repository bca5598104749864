/**
 * `npm run bench` orchestration (entry: scripts/bench.mjs). Own databases (szpm_bench), own API port
 * (3390) and Redis db (3); the API server and the ETL worker run as children for the duration of
 * the run and are always stopped at the end.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { createWarehouse } from '@szpm/warehouse'
import { createPgPool } from '@szpm/etl'
import { BACKEND, BENCH_PORT, ROOT, benchEnvironment, createPool, describeMachine, ensureData, migrate, runStep } from './lib/env.mjs'
import { launch, stopAll, waitForHttp, LOG_DIR } from './lib/processes.mjs'
import { ApiClient } from './lib/http.mjs'
import { liftOtpLimits, startBenchSms } from './lib/sms.mjs'
import { int, table, progress } from './lib/report.mjs'
import { runDrilldown } from './sections/drilldown.mjs'
import { runBackfill } from './sections/backfill.mjs'
import { runFreshness } from './sections/freshness.mjs'
import { runExcel } from './sections/excel.mjs'
import { runLoad } from './sections/load.mjs'
import { runNotices } from './sections/notices.mjs'
import { runParking } from './sections/parking.mjs'
import { runDisputes } from './sections/disputes.mjs'
import { runTraining } from './sections/training.mjs'
import { runDecisions } from './sections/decisions.mjs'
import { runPartyBuilding } from './sections/party_building.mjs'
import { runSafety } from './sections/safety.mjs'
import { runVoting } from './sections/voting.mjs'

async function findRegions(pool) {
  const one = async (sql, params = []) => {
    const { rows: [row] } = await pool.query(sql, params)
    if (!row) throw new Error(`region not found: ${sql} ${params}`)
    return { id: row.id, name: row.name, level: row.level }
  }
  const street = await one(`SELECT id, name, level FROM regions WHERE level = 'street' AND name = '园岭街道'`)
  return {
    city: await one(`SELECT id, name, level FROM regions WHERE level = 'city' ORDER BY id LIMIT 1`),
    district: await one(`SELECT id, name, level FROM regions WHERE level = 'district' AND name = '福田区'`),
    street,
    community: await one(`SELECT id, name, level FROM regions WHERE parent_id = $1 ORDER BY sort, id LIMIT 1`, [street.id]),
  }
}

function machineMarkdown(machine, options) {
  const rows = Object.entries(machine.rows).map(([name, count]) => `${name} ${int(count)}`).join(', ')
  return table(['', ''], [
    ['CPU', machine.cpu],
    ['cores / memory', `${machine.cores} / ${machine.memoryGb.toFixed(1)} GB`],
    ['OS', machine.os],
    ['Node', machine.node],
    ['PostgreSQL / ClickHouse / Redis', `${machine.postgres} / ${machine.clickhouse} / ${machine.redis}`],
    ['scale', `${options.scale} (./ace demo:generate --scale ${options.scale}, seed 20261128)`],
    ['rows (szpm_bench)', rows],
  ])
}

function report(options, machine, sections, startedAt) {
  const targets = sections.flatMap((section) => section.targets)
  const unmet = targets.filter((t) => !t.met)
  const minutes = ((Date.now() - startedAt) / 60000).toFixed(1)
  return [
    `# Benchmarks — \`npm run bench -- ${options.argv.join(' ')}\``.replace(' -- `', '`'),
    '',
    `Run ${new Date(startedAt).toISOString()} (${minutes} min), all on 127.0.0.1 against the bench's own databases (PostgreSQL and ClickHouse \`szpm_bench\`, Redis db 3, API port ${BENCH_PORT}, NODE_ENV=production). ` +
      'The bench client, the API, the ETL worker, PostgreSQL, ClickHouse and Redis share this machine\'s cores; other load on it is not controlled.',
    '',
    '## Machine',
    '',
    machineMarkdown(machine, options),
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
    '## Targets',
    '',
    table(['target', 'measured', 'verdict'], targets.map((t) => [t.target, t.measured, t.met ? 'met' : '**not met**'])),
    '',
    ...(unmet.length ? ['### Not met: what bounds it and what would reach it', '', ...unmet.map((t) => `- **${t.target}** — ${t.bound}`), ''] : []),
  ].join('\n')
}

export async function runBench(options) {
  const startedAt = Date.now()
  const { env, stopServices } = await benchEnvironment()
  // the API signs in with password + SMS code: its SMS gateway is the bench's own stub
  const sms = await startBenchSms()
  Object.assign(env, sms.env)
  const pool = createPool(env)
  const etlPool = createPgPool(env.DATABASE_URL, { max: 4, applicationName: 'szpm-bench-rebuild' })
  const warehouse = createWarehouse({ url: env.CLICKHOUSE_URL, database: env.CLICKHOUSE_DATABASE })
  let failed = false
  const stopOnSignal = () => { failed = true; stopAll().finally(() => process.exit(130)) }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)
  try {
    migrate(env)
    await ensureData(env, pool, options.scale, { regenerate: options.regenerate })
    const regions = await findRegions(pool)
    const machine = await describeMachine(env, pool, warehouse)
    progress(`${options.scale} scale: ${int(machine.rows.estates)} estates, ${int(machine.rows.houses)} houses; logs in ${LOG_DIR}`)

    const ctx = { ...options, env, pool, etlPool, warehouse, regions, machine, backendDir: BACKEND }
    const sections = []
    // --only drilldown,freshness,…: the other sections are skipped (the report then covers only these)
    const selected = (name) => !options.only || options.only.has(name)
    // backfill first, before the worker runs: it also leaves the warehouse exactly in step with PostgreSQL
    if (selected('backfill')) sections.push(await runBackfill(ctx))
    else runStep('rebuilding the warehouse (etl/bin/rebuild.ts; the backfill section is skipped)', env, ['etl/bin/rebuild.ts', '--no-progress'])

    runStep('registering the drain job (etl/bin/scheduler.ts)', env, ['etl/bin/scheduler.ts'])
    launch('etl-worker', env, ['etl/bin/worker.ts'], ROOT)
    const api = launch('api', env, ['--import=@poppinss/ts-exec', 'bin/server.ts'], BACKEND)
    progress(`waiting for the API on ${env.APP_URL}`)
    await waitForHttp(api, `${env.APP_URL}/api/v1/csrf`)
    await liftOtpLimits(env.REDIS_URL)
    ctx.admin = new ApiClient(env.APP_URL, { smsCode: sms.codeFor })
    await ctx.admin.login('13800000000')
    ctx.handler = new ApiClient(env.APP_URL, { smsCode: sms.codeFor })
    await ctx.handler.login('13800000003')

    if (selected('drilldown')) sections.unshift(await runDrilldown(ctx))
    if (selected('freshness')) sections.push(await runFreshness(ctx))
    if (selected('excel')) sections.push(await runExcel(ctx))
    if (selected('notices')) sections.push(await runNotices(ctx))
    if (selected('parking')) sections.push(await runParking(ctx))
    if (selected('disputes')) sections.push(await runDisputes(ctx))
    if (selected('training')) sections.push(await runTraining(ctx))
    if (selected('party_building')) sections.push(await runPartyBuilding(ctx))
    if (selected('safety')) sections.push(await runSafety(ctx))
    if (selected('voting')) sections.push(await runVoting({ ...ctx, smsCode: sms.codeFor }))
    if (selected('decisions')) sections.push(await runDecisions(ctx))
    if (selected('load')) sections.push(await runLoad(ctx))

    const markdown = report(options, machine, sections, startedAt)
    const out = path.resolve(ROOT, options.out)
    writeFileSync(out, markdown + '\n')
    console.log(`\n${markdown}\n`)
    progress(`report written to ${path.relative(ROOT, out)}`)
  } catch (error) {
    failed = true
    console.error(`\n[bench] FAILED: ${error instanceof Error ? error.message : String(error)}`)
    console.error(`[bench] child logs: ${LOG_DIR}`)
  } finally {
    progress('stopping the API and the ETL worker')
    await stopAll()
    await Promise.allSettled([pool.end(), etlPool.end(), warehouse.close(), sms.close()])
    stopServices()
  }
  return failed ? 1 : 0
}
