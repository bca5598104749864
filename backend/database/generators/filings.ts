import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'

const pad2 = (value: number) => String(value).padStart(2, '0')

/**
 * 物业服务合同备案 (filed / expired / none) and 业主大会备案 (filed / none) per estate, each with its
 * 'create' event and, for expired contracts, the 'expire' event.
 */
export const filings: DataGenerator = {
  name: 'filings',
  description: 'contract and assembly filings with their history events',
  tables: ['filings', 'filing_events'],
  async run(ctx) {
    const r = ctx.random()
    const { state, now } = ctx
    let nextId = await ctx.firstId('filings')
    const rows: CopyValue[][] = []
    const date = (year: number) => `${year}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`
    for (const estate of state.estates) {
      const contract = r.next()
      if (contract < 0.72) {
        const filedYear = r.int(2019, 2026)
        const expired = contract > 0.62
        const filedOn = date(filedYear)
        const expiresOn = `${expired ? Math.min(filedYear + 2, 2026) : 2027 + r.int(0, 3)}-${pad2(r.int(1, 12))}-28`
        rows.push([nextId++, estate.id, 'contract', expired ? 'expired' : 'filed', `HT${filedYear}${String(estate.id).padStart(6, '0')}`, filedOn, expiresOn, 1, now, now])
      }
      if (r.chance(0.5)) {
        const filedYear = r.int(2016, 2026)
        rows.push([nextId++, estate.id, 'assembly', 'filed', `YZ${filedYear}${String(estate.id).padStart(6, '0')}`, date(filedYear), null, 1, now, now])
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
