import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'
import { generateDemoCity, SCALES, DEMO_ACCOUNTS, DEMO_PASSWORD } from '#database/demo/generate_demo_city'

/**
 * `./ace demo:generate [--scale demo|city] [--fresh]` — builds the demo Shenzhen in PostgreSQL.
 * Does nothing when data is already there unless --fresh. The warehouse is then filled by the
 * ETL rebuild (`npm start` runs it), the same code path that repairs a production warehouse.
 */
export default class DemoGenerate extends BaseCommand {
  static commandName = 'demo:generate'
  static description = 'Generate the demo city (regions, estates, filings, demo accounts) in PostgreSQL'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'demo (~1.6k estates) or city (~5.5k estates)', default: 'demo' })
  declare scale: string

  @flags.boolean({ description: 'Delete existing data first' })
  declare fresh: boolean

  @flags.number({ description: 'Random seed', default: 20261128 })
  declare seed: number

  async run() {
    const scale = SCALES[this.scale]
    if (!scale) {
      this.logger.error(`Unknown scale "${this.scale}" (use ${Object.keys(SCALES).join(' or ')})`)
      this.exitCode = 1
      return
    }
    const [{ count }] = await db.from('estates').count('* as count')
    if (Number(count) > 0 && !this.fresh) {
      this.logger.info(`Demo data already present (${count} estates); use --fresh to regenerate`)
      return
    }
    const started = Date.now()
    const result = await db.transaction(async (trx) => {
      if (this.fresh) {
        await trx.rawQuery('TRUNCATE filing_events, filings, outbox_events, etl_watermarks, users, estates, regions RESTART IDENTITY CASCADE')
      }
      return generateDemoCity(trx, {
        scale,
        seed: this.seed,
        onProgress: (step, done, total) => this.logger.log(`  ${step}: ${done}/${total}`),
      })
    })
    this.logger.success(
      `Generated ${result.communities} communities, ${result.estates} estates, ${result.filings} filings in ${((Date.now() - started) / 1000).toFixed(1)}s`
    )
    this.logger.log(`Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => `${a.phone} ${a.region}`).join(', ')}`)
  }
}
