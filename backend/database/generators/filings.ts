import { DateTime } from 'luxon'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'

const ZONE = 'Asia/Shanghai'
const YEAR = 365

/**
 * 物业服务合同备案 (filed / expired / none) and 业主大会备案 (filed / none) per estate, each with its
 * 'create' event and, for expired contracts, the 'expire' event.
 *
 * Dates are relative to the generator's clock (`ctx.now`, Asia/Shanghai) and agree with the rule the
 * platform reads them by (app/modules/filings/filing_status.ts): a 'filed' contract runs at least to
 * today, an 'expired' one ended before today; nothing is filed after today; assembly filings never
 * expire. (As the real days pass, some 'filed' contracts reach their end and read 已过期 by date.)
 */
export const filings: DataGenerator = {
  name: 'filings',
  description: 'contract and assembly filings with their history events',
  tables: ['filings', 'filing_events'],
  async run(ctx) {
    const r = ctx.random()
    const { state, now } = ctx
    const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day')
    const daysAgo = (days: number) => today.minus({ days })
    const iso = (date: DateTime) => date.toISODate()!
    let nextId = await ctx.firstId('filings')
    const rows: CopyValue[][] = []
    for (const estate of state.estates) {
      const contract = r.next()
      if (contract < 0.72) {
        const expired = contract > 0.62
        // filed: signed up to 3 years ago, runs from today to 3 years on; expired: ended 1 day to 3 years ago
        const expiresOn = expired ? daysAgo(r.int(1, 3 * YEAR)) : today.plus({ days: r.int(0, 3 * YEAR) })
        const filedOn = expired ? expiresOn.minus({ days: r.int(YEAR, 3 * YEAR) }) : daysAgo(r.int(1, 3 * YEAR))
        rows.push([nextId++, estate.id, 'contract', expired ? 'expired' : 'filed', `HT${filedOn.year}${String(estate.id).padStart(6, '0')}`, iso(filedOn), iso(expiresOn), 1, now, now])
      }
      if (r.chance(0.5)) {
        const filedOn = daysAgo(r.int(1, 10 * YEAR))
        rows.push([nextId++, estate.id, 'assembly', 'filed', `YZ${filedOn.year}${String(estate.id).padStart(6, '0')}`, iso(filedOn), null, 1, now, now])
      }
    }
    const bar = ctx.progress.start('filings', rows.length, 'filings')
    const written = await ctx.copy('filings', ['id', 'estate_id', 'kind', 'status', 'document_no', 'filed_on', 'expires_on', 'version', 'created_at', 'updated_at'], rows)
    await ctx.syncSequence('filings')
    function* events(): Generator<CopyValue[]> {
      for (const filing of rows) yield [filing[0], 'create', null, 'filed', '演示数据导入', now]
      for (const filing of rows) if (filing[3] === 'expired') yield [filing[0], 'expire', 'filed', 'expired', '合同到期', now]
    }
    const eventCount = await ctx.copy('filing_events', ['filing_id', 'action', 'from_status', 'to_status', 'remark', 'created_at'], events())
    bar.increment(written)
    bar.stop()
    return { filings: written, filing_events: eventCount }
  },
}
