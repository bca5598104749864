import { DateTime } from 'luxon'
import { ZONE } from '#services/clock'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'

/** days to open the account after the 业主大会 filing, and the rectification period (config/common_funds.ts defaults) */
const OPEN_DAYS = 30
const RECTIFY_DAYS = 30
/** months of 账户流水 and month-end balances kept per account (up to this month) */
const MONTHS = 36

const BANKS = [
  '中国工商银行深圳分行',
  '中国建设银行深圳分行',
  '中国农业银行深圳分行',
  '中国银行深圳分行',
  '交通银行深圳分行',
  '招商银行深圳分行',
  '平安银行深圳分行',
  '中国邮政储蓄银行深圳分行',
  '兴业银行深圳分行',
  '浦发银行深圳分行',
] as const
/** how often each bank is chosen (招商 and 建设 hold most common funds in the demo) */
const BANK_WEIGHTS = [14, 18, 10, 10, 8, 16, 10, 6, 4, 4]

const CREDITS = ['公共收益存入', '停车场收益', '广告位收益', '利息收入', '业主分摊款存入'] as const
const DEBITS = ['公共设施维修', '电梯维保费用', '业主大会活动经费', '外墙清洗费用', '银行手续费'] as const

/**
 * 共有资金情况 (module 18): per estate, at most one common-fund account — a 基本账户 for most estates
 * whose 业主大会 is filed (opened some days after the filing, a few late or never: those get a 责令整改
 * from the street after the opening period, and a 行政处罚 from the district when still not opened
 * after the rectification period), a 共管账户 for most of the others — with 账户流水 over the last 36
 * months (credits and debits in 分, the running balance), the month-end balance of each month, a few
 * 停用 accounts, a few inactive for over a year and a few whose stored balance does not match their
 * entries (异常). Dates are relative to the generator's clock; nothing is later than today.
 */
export const commonFunds: DataGenerator = {
  name: 'common_funds',
  description: '共有资金: accounts, 账户流水, month-end balances, 责令整改 / 行政处罚',
  tables: ['common_fund_balances', 'common_fund_transactions', 'common_fund_enforcements', 'common_fund_accounts'],
  async run(ctx) {
    const r = ctx.random()
    const { client, now, state } = ctx
    const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day')
    const iso = (date: DateTime) => date.toISODate()!
    const windowStart = today.startOf('month').minus({ months: MONTHS - 1 })

    const { rows: assemblies } = await client.query<{ estate_id: number; filed_on: string }>(
      `SELECT estate_id, to_char(assembly_filed_on, 'YYYY-MM-DD') AS filed_on FROM estate_filing_states WHERE assembly_status = 'filed'`
    )
    const assemblyOf = new Map(assemblies.map((row) => [row.estate_id, DateTime.fromISO(row.filed_on, { zone: ZONE })]))
    const communityOf = new Map(state.communities.map((community) => [community.id, community]))
    const bankTotal = BANK_WEIGHTS.reduce((sum, weight) => sum + weight, 0)
    const pickBank = () => {
      let n = r.int(1, bankTotal)
      for (let i = 0; i < BANKS.length; i++) if ((n -= BANK_WEIGHTS[i]) <= 0) return BANKS[i]
      return BANKS[0]
    }
    const notAfterToday = (date: DateTime) => (date > today ? today : date)

    let accountId = await ctx.firstId('common_fund_accounts')
    const accounts: CopyValue[][] = []
    const transactions: CopyValue[][] = []
    const balances: CopyValue[][] = []
    const enforcements: CopyValue[][] = []
    const bar = ctx.progress.start('common funds', state.estates.length, 'estates')

    for (const estate of state.estates) {
      const filedOn = assemblyOf.get(estate.id)
      const community = communityOf.get(estate.communityId)!
      let kind: 'basic' | 'co_managed' | null = null
      let openedOn: DateTime | null = null
      if (filedOn) {
        const deadline = filedOn.plus({ days: OPEN_DAYS })
        const recent = deadline >= today
        if (recent ? r.chance(0.5) : r.chance(0.85)) {
          kind = 'basic'
          // most within the period, some late
          openedOn = notAfterToday(filedOn.plus({ days: r.chance(0.8) ? r.int(3, OPEN_DAYS) : r.int(OPEN_DAYS + 1, 200) }))
        } else if (!recent) {
          const orderedOn = deadline.plus({ days: r.int(1, 30) })
          if (orderedOn <= today && r.chance(0.75)) {
            enforcements.push([estate.id, 'rectification', iso(orderedOn), `责改字〔${orderedOn.year}〕${String(estate.id).padStart(5, '0')}号`, community.streetId, now])
            const penaltyOn = orderedOn.plus({ days: RECTIFY_DAYS + r.int(1, 30) })
            if (penaltyOn <= today && r.chance(0.5)) {
              enforcements.push([estate.id, 'penalty', iso(penaltyOn), `深罚字〔${penaltyOn.year}〕${String(estate.id).padStart(5, '0')}号`, community.districtId, now])
            }
          }
        }
      } else if (r.chance(0.75)) {
        kind = 'co_managed'
        openedOn = today.minus({ days: r.int(60, 8 * 365) })
      }
      if (kind && openedOn) {
        const id = accountId++
        const closed = r.chance(0.05)
        const inactive = !closed && r.chance(0.03)
        // the last day with entries: a closed account stopped some months ago, an inactive one over a year ago
        const lastDay = closed ? today.minus({ days: r.int(30, 400) }) : inactive ? today.minus({ days: r.int(400, 900) }) : today
        let balance = 0
        let month = openedOn.startOf('month') < windowStart ? windowStart : openedOn.startOf('month')
        // the balance brought into the window (older entries are summed into one opening entry)
        const firstDay = openedOn < windowStart ? windowStart : openedOn
        if (firstDay <= lastDay) {
          balance = r.int(20, 400) * 100_000
          transactions.push([id, iso(firstDay), 'credit', balance, balance, openedOn < windowStart ? '期初余额结转' : '开户存入', now])
        }
        for (; month <= today.startOf('month'); month = month.plus({ months: 1 })) {
          const days = Array.from({ length: r.int(0, 3) }, () => r.int(0, month.daysInMonth! - 1)).sort((a, b) => a - b)
          for (const offset of days) {
            const day = month.plus({ days: offset })
            if (day <= firstDay || day > lastDay || day > today) continue
            const credit = balance < 1_000_000 || r.chance(0.6)
            const amount = credit ? r.int(500, 50_000) * 100 : Math.min(balance, r.int(200, 30_000) * 100)
            if (amount <= 0) continue
            balance += credit ? amount : -amount
            transactions.push([id, iso(day), credit ? 'credit' : 'debit', amount, balance, credit ? r.pick(CREDITS) : r.pick(DEBITS), now])
          }
          // a closed account was emptied on its last day
          if (closed && balance > 0 && month.hasSame(lastDay, 'month') && lastDay >= firstDay) {
            transactions.push([id, iso(lastDay), 'debit', balance, 0, '销户转出', now])
            balance = 0
          }
          balances.push([id, iso(month), balance])
        }
        // a few stored balances no longer match the entries (异常)
        const stored = r.chance(0.02) ? balance + r.int(1, 5000) * 100 : balance
        const accountNo = `${r.pick(['6222', '6227', '6217', '6225', '6214'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}${String(estate.id).padStart(6, '0')}`
        accounts.push([id, estate.id, kind, pickBank(), accountNo, iso(openedOn), closed ? 'closed' : 'normal', stored, 1, now, now])
      }
      bar.increment()
    }
    bar.stop()

    const written = {
      common_fund_accounts: await ctx.copy('common_fund_accounts', ['id', 'estate_id', 'kind', 'bank_name', 'account_no', 'opened_on', 'status', 'balance', 'version', 'created_at', 'updated_at'], accounts),
      common_fund_transactions: await ctx.copy('common_fund_transactions', ['account_id', 'occurred_on', 'direction', 'amount', 'balance', 'summary', 'created_at'], transactions),
      common_fund_balances: await ctx.copy('common_fund_balances', ['account_id', 'month', 'balance'], balances),
      common_fund_enforcements: await ctx.copy('common_fund_enforcements', ['estate_id', 'kind', 'decided_on', 'document_no', 'region_id', 'created_at'], enforcements),
    }
    await ctx.syncSequence('common_fund_accounts')
    return written
  },
}
