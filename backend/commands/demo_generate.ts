import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import pg from 'pg'
import { createPgPool, rebuildAllFacts } from '@szpm/etl'
import { createWarehouse, migrate } from '@szpm/warehouse'
import env from '#start/env'
import { OWNER_DATABASE_URL } from '#config/database'
import { GENERATORS, SCALES, DEMO_ACCOUNTS, DEMO_PASSWORD, ESTATE_DEMO_ACCOUNTS, runGenerators, createProgressReporter } from '#database/generators/index'

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

/**
 * `./ace demo:generate [--scale demo|city] [--fresh] [--seed N] [--voting-ballots N]` — builds the (seeded, synthetic)
 * Shenzhen in PostgreSQL with the generators registered in database/generators/index.ts, all in one
 * transaction on a dedicated connection, bulk-loaded with COPY. Then fills the warehouse through the
 * production ETL rebuild. Does nothing when data is already there unless --fresh.
 */
export default class DemoGenerate extends BaseCommand {
  static commandName = 'demo:generate'
  static description = 'Generate the demo city (regions, estates, houses, owners, filings, demo accounts) and rebuild the warehouse'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'demo (~1.5k estates, ~90k houses) or city (~5.5k estates, ~3M houses)', default: 'demo' })
  declare scale: string

  @flags.boolean({ description: 'Delete existing data first (same transaction)' })
  declare fresh: boolean

  @flags.number({ description: 'Random seed', default: 20261128 })
  declare seed: number

  @flags.boolean({ description: 'Rebuild the ClickHouse warehouse afterwards', default: true, showNegatedVariantInHelp: true })
  declare warehouse: boolean

  // 电子投票 / 业主决策情况: e.g. 10000000 at city scale (docs/decisions.md, "Data"); more meetings until the plan holds it
  @flags.number({ description: 'Generate at least this many standing ballots (电子投票; default: the scale\'s meetings only)' })
  declare votingBallots?: number

  async run() {
    const named = SCALES[this.scale]
    if (!named) {
      this.logger.error(`Unknown scale "${this.scale}" (use ${Object.keys(SCALES).join(' or ')})`)
      this.exitCode = 1
      return
    }
    if (this.votingBallots !== undefined && (!Number.isInteger(this.votingBallots) || this.votingBallots < 1)) {
      this.logger.error(`--voting-ballots must be a positive integer (got ${this.votingBallots})`)
      this.exitCode = 1
      return
    }
    const scale = this.votingBallots ? { ...named, votingBallots: this.votingBallots } : named
    const started = performance.now()
    const timings: [string, number, string][] = []
    const log = (line: string) => this.logger.log(line)

    // A dedicated pg connection: one transaction for the whole run, and COPY needs the raw client. As the
    // schema owner: --fresh truncates (RESTART IDENTITY) and the COPY drops foreign keys meanwhile.
    const client = new pg.Client({ connectionString: OWNER_DATABASE_URL, application_name: 'szpm-demo-generate' })
    await client.connect()
    let result
    try {
      this.logger.info(`Generating scale "${this.scale}" (seed ${this.seed}${this.fresh ? ', fresh' : ''})`)
      result = await runGenerators(GENERATORS, { client, scale, seed: this.seed, fresh: this.fresh, progress: createProgressReporter(), log })
    } finally {
      await client.end()
    }
    if (result.skipped) {
      this.logger.info(`Demo data already present: ${result.reason}; use --fresh to regenerate`)
      return
    }
    for (const step of result.steps) {
      const rows = Object.entries(step.rows).map(([table, count]) => `${count} ${table}`).join(', ')
      timings.push([step.name, step.ms, rows])
    }

    if (this.warehouse) {
      const warehouseConfig = { url: env.get('CLICKHOUSE_URL'), database: env.get('CLICKHOUSE_DATABASE') }
      let stepStarted = performance.now()
      await migrate(warehouseConfig, { log })
      timings.push(['warehouse migrate', performance.now() - stepStarted, ''])
      stepStarted = performance.now()
      const pool = createPgPool(env.get('DATABASE_URL'), { max: 4, applicationName: 'szpm-demo-generate' })
      const warehouse = createWarehouse(warehouseConfig)
      try {
        const rebuilt = await rebuildAllFacts({ pg: pool, warehouse, progress: true, log })
        const tables = Object.entries(rebuilt.tables ?? {}).map(([table, count]) => `${count} ${table}`).join(', ')
        timings.push(['warehouse rebuild', performance.now() - stepStarted, tables || `${rebuilt.estates} estates`])
      } finally {
        await pool.end()
        await warehouse.close()
      }
    }

    const total = performance.now() - started
    this.logger.success(`Generated scale "${this.scale}" in ${seconds(total)}`)
    const width = Math.max(...timings.map(([name]) => name.length))
    for (const [name, ms, rows] of timings) this.logger.log(`  ${name.padEnd(width)}  ${seconds(ms).padStart(7)}  ${rows}`)
    this.logger.log(`  ${'total'.padEnd(width)}  ${seconds(total).padStart(7)}  (peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`)
    this.logger.log(`Demo accounts (password ${DEMO_PASSWORD}): ${[...DEMO_ACCOUNTS, ...ESTATE_DEMO_ACCOUNTS].map((a) => `${a.phone} ${a.region}`).join(', ')}`)
  }
}
