import type { commonFunds } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

const NO_DATE = 'toDate(0)'

/**
 * Per estate, from the records: its 业主大会备案 (filing_facts — the view's rule: an assembly filing
 * filed or expired decides, withdrawn ones never count), its account (common_fund_account_facts, at
 * most one per estate) and its enforcement records (common_fund_enforcement_facts). One UNION ALL of
 * the three, grouped by estate: each branch fills its own columns and zeros the others. Dates of the
 * account's last activity (normal, balance matching its entries) and of the enforcement records stay
 * arrays, so the metrics compare them with `asOf` at read time.
 */
const PER_ESTATE =
  'SELECT estate_id, max(assembly) AS has_assembly, max(assembly_on) AS assembly_filed_on, ' +
  'sum(basic) AS basic_accounts, sum(co_managed) AS co_managed_accounts, sum(mismatch) AS mismatched_accounts, ' +
  'groupArrayIf(activity_on, activity_checked = 1) AS activity_dates, ' +
  'groupArrayIf(decided_on, rectification = 1) AS rectification_dates, ' +
  'groupArrayIf(decided_on, penalty = 1) AS penalty_dates ' +
  'FROM (' +
  `SELECT estate_id, toUInt8(1) AS assembly, filed_on AS assembly_on, toUInt8(0) AS basic, toUInt8(0) AS co_managed, toUInt8(0) AS mismatch, ${NO_DATE} AS activity_on, toUInt8(0) AS activity_checked, toUInt8(0) AS rectification, toUInt8(0) AS penalty, ${NO_DATE} AS decided_on ` +
  "FROM filing_facts FINAL WHERE kind = 'assembly' AND status IN ('filed', 'expired') " +
  'UNION ALL ' +
  `SELECT estate_id, toUInt8(0), ${NO_DATE}, toUInt8(account_kind = 'basic'), toUInt8(account_kind = 'co_managed'), toUInt8(balance != ledger_balance), ` +
  "ifNull(last_transaction_on, opened_on), toUInt8(account_status = 'normal' AND balance = ledger_balance), toUInt8(0), toUInt8(0), " +
  `${NO_DATE} FROM common_fund_account_facts FINAL ` +
  'UNION ALL ' +
  `SELECT estate_id, toUInt8(0), ${NO_DATE}, toUInt8(0), toUInt8(0), toUInt8(0), ${NO_DATE}, toUInt8(0), ` +
  "toUInt8(enforcement_kind = 'rectification'), toUInt8(enforcement_kind = 'penalty'), decided_on FROM common_fund_enforcement_facts FINAL" +
  ') GROUP BY estate_id'

/** 应开: the estate's 业主大会 is filed */
const SHOULD = 'has_assembly = 1'
/** 已开: 应开 with a 基本账户 */
const OPENED = `${SHOULD} AND basic_accounts > 0`
const NOT_OPENED = `${SHOULD} AND basic_accounts = 0`
/** 逾期未开户: not opened once the opening period after the filing has passed (filed before asOf − the period) */
const OVERDUE = `${NOT_OPENED} AND assembly_filed_on < overdueIfFiledBefore`

/**
 * 共有资金情况 (module 18): every estate (estate_profile_facts, its current place) with the state its
 * records give it as of `asOf` (today, Asia/Shanghai) — the rule of PostgreSQL's
 * `common_fund_estates_on(as_of, open_days)` (backend migration 0022): 应开 = 业主大会 filed; 已开 = 应开
 * with a 基本账户; 逾期 = not opened and filed before `overdueIfFiledBefore` (asOf − open_days, i.e.
 * filed_on + open_days < asOf); 责令整改 / 行政处罚 = overdue with such
 * a record dated on or before asOf; 异常 = balance ≠ its entries, or a 正常 account without an entry
 * (or its opening) in the 12 months before asOf. 开户率 is a percentage (0–100), NULL when 应开 is 0.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof commonFunds>> = {
  name: 'common_funds',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${PER_ESTATE}) AS common_fund_states USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): the day overdue, enforcement and inactivity are judged on' },
    overdueIfFiledBefore: { type: 'Date', description: 'asOf minus the opening period (config/common_funds.ts): an estate filed before it and not opened is overdue' },
  },
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    shouldOpen: { sql: `countIf(${SHOULD})`, kind: 'count' },
    opened: { sql: `countIf(${OPENED})`, kind: 'count' },
    notOpened: { sql: `countIf(${NOT_OPENED})`, kind: 'count' },
    openRate: { sql: `if(countIf(${SHOULD}) = 0, NULL, countIf(${OPENED}) * 100 / countIf(${SHOULD}))`, kind: 'average', description: '已开 ÷ 应开 × 100; NULL (shown —) when 应开 is 0' },
    basicAccounts: { sql: 'sum(basic_accounts)', kind: 'count' },
    coManagedAccounts: { sql: 'sum(co_managed_accounts)', kind: 'count' },
    abnormalAccounts: { sql: 'sum(mismatched_accounts + arrayCount(d -> d < subtractMonths(asOf, 12), activity_dates))', kind: 'count' },
    rectificationOrders: { sql: `countIf(${OVERDUE} AND arrayExists(d -> d <= asOf, rectification_dates))`, kind: 'count' },
    penalties: { sql: `countIf(${OVERDUE} AND arrayExists(d -> d <= asOf, penalty_dates))`, kind: 'count' },
  },
}
