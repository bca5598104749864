import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, R, resetWorld } from '#tests/support/world'
import { syncWarehouse } from '#tests/support/warehouse'

/** the accounts of the 共有资金 fixture (ids) */
export const A = { e1: 1, e2: 2, e6: 3, e5: 4, e4: 5 } as const

/**
 * 共有资金情况 on top of the world, as of 2026-12-07 (tests travel the clock there). 业主大会 filed:
 * e1 (2024-06-01), e3 (2025-09-09), e5 (2025-01-02).
 *
 * - e1 翠园小区 (园岭一): 基本账户 at 招商, 正常, entries up to 2026-11-03, balance 12,000.50 元 → 已开
 * - e2 锦华苑 (园岭一): 共管账户 at 建设, 正常, stored 500.00 元 but its entries add up to 400.00 → 异常
 * - e3 碧海花园 (园岭二): no account, overdue since 2025-10-09, 责令整改 2025-10-20, 行政处罚 2025-12-01
 * - e6 星河雅居 (园岭二): 共管账户 at 招商, 正常, last entry 2024-05-01 → 异常 (12 months without one)
 * - e5 桂园新村 (罗湖): 基本账户 at 建设, 停用 (emptied 2025-03-01: not inactive, it is closed)
 * - e4 南园大厦 (南园): 共管账户 at 中国银行, 正常, one entry (2026-11-20), no month-end balance yet
 */
export async function seedCommonFunds() {
  const now = new Date()
  const account = (id: number, estateId: number, kind: string, bank: string, no: string, openedOn: string, status: string, balance: number) => ({
    id, estate_id: estateId, kind, bank_name: bank, account_no: no, opened_on: openedOn, status, balance, version: 1, created_by: null, created_at: now, updated_at: now,
  })
  await db.table('common_fund_accounts').multiInsert([
    account(A.e1, E.e1, 'basic', '招商银行深圳分行', '6222021234567891234', '2024-06-20', 'normal', 1_200_050),
    account(A.e2, E.e2, 'co_managed', '中国建设银行深圳分行', '6227001234567890002', '2025-01-10', 'normal', 50_000),
    account(A.e6, E.e6, 'co_managed', '招商银行深圳分行', '6222020000000000006', '2023-03-01', 'normal', 30_000),
    account(A.e5, E.e5, 'basic', '中国建设银行深圳分行', '6227009999999990005', '2025-01-20', 'closed', 0),
    account(A.e4, E.e4, 'co_managed', '中国银行深圳分行', '6217850000000000004', '2026-11-01', 'normal', 20_000),
  ])
  const entry = (accountId: number, on: string, direction: string, amount: number, balance: number, summary: string) => ({
    account_id: accountId, occurred_on: on, direction, amount, balance, summary, created_at: now,
  })
  await db.table('common_fund_transactions').multiInsert([
    entry(A.e1, '2024-06-20', 'credit', 1_000_000, 1_000_000, '开户存入'),
    entry(A.e1, '2026-10-15', 'credit', 250_050, 1_250_050, '公共收益存入'),
    entry(A.e1, '2026-11-03', 'debit', 50_000, 1_200_050, '公共设施维修'),
    entry(A.e2, '2026-09-01', 'credit', 40_000, 40_000, '停车场收益'),
    entry(A.e6, '2024-05-01', 'credit', 30_000, 30_000, '开户存入'),
    entry(A.e5, '2025-01-20', 'credit', 10_000, 10_000, '开户存入'),
    entry(A.e5, '2025-03-01', 'debit', 10_000, 0, '销户转出'),
    entry(A.e4, '2026-11-20', 'credit', 20_000, 20_000, '业主分摊款存入'),
  ])
  await db.table('common_fund_balances').multiInsert([
    { account_id: A.e1, month: '2026-10-01', balance: 1_250_050 },
    { account_id: A.e1, month: '2026-11-01', balance: 1_200_050 },
    { account_id: A.e2, month: '2026-11-01', balance: 40_000 },
    { account_id: A.e6, month: '2026-11-01', balance: 30_000 },
    { account_id: A.e5, month: '2025-02-01', balance: 10_000 },
  ])
  await db.table('common_fund_enforcements').multiInsert([
    { estate_id: E.e3, kind: 'rectification', decided_on: '2025-10-20', document_no: '责改字〔2025〕00003号', region_id: R.yuanling, created_by: null, created_at: now },
    { estate_id: E.e3, kind: 'penalty', decided_on: '2025-12-01', document_no: '深罚字〔2025〕00003号', region_id: R.futian, created_by: null, created_at: now },
  ])
}

/** the world with the 共有资金 fixture, the warehouse rebuilt from it (a group's setup) */
export async function resetCommonFundsWorld() {
  await resetWorld()
  await seedCommonFunds()
  await syncWarehouse()
}

/** the fixture's day, 2026-12-07 in Shenzhen, for each test (a group's each.setup; its cleanup resets the clock) */
export function onCommonFundsDay() {
  clock.travelTo('2026-12-07T10:00:00+08:00')
  return () => clock.reset()
}
