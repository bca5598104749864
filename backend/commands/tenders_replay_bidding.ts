import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import env from '#start/env'
import { biddingConfig } from '#modules/tenders/bidding_config'
import { replayFiling } from '../stubs/bidding_stub.ts'

/**
 * `./ace tenders:replay-bidding ZBBA-2026-000001` — plays the bidding platform for one approved filing:
 * signs and POSTs every stage (发布公告 … 中标公示) to the platform's inbound API, as the stub does over
 * time (docs/tenders.md). Stages already there answer 200 (same event id) and change nothing.
 */
export default class TendersReplayBidding extends BaseCommand {
  static commandName = 'tenders:replay-bidding'
  static description = 'Sign and POST every bidding stage of one filing to the inbound API (as the bidding platform stub does)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'the filing number, e.g. ZBBA-2026-000001' })
  declare filingNo: string

  @flags.string({ description: 'the platform base URL (default APP_URL)' })
  declare url?: string

  async run() {
    const events = await replayFiling({ platformUrl: this.url ?? env.get('APP_URL'), secret: biddingConfig().secret, filingNo: this.filingNo })
    for (const event of events) {
      const line = `${event.stage} → ${event.status} ${JSON.stringify(event.answer)}`
      if (event.status < 300) this.logger.success(line)
      else this.logger.error(line)
    }
    if (events.some((event) => event.status >= 400 && event.status !== 409)) this.exitCode = 1
  }
}
