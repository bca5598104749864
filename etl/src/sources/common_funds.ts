/**
 * 共有资金情况 (module 18) at the grain of the record (backend migration 0022, warehouse migration
 * 0011): three fact sources —
 *
 *   - `common_fund_account_facts`: one row per account with its stored balance, what its 账户流水
 *     add up to (credits − debits, 分) and the day of its last entry (the cube judges 异常 from them);
 *   - `common_fund_balance_facts`: one row per account × month-end balance (共享银行统计);
 *   - `common_fund_enforcement_facts`: one row per 责令整改 / 行政处罚 record.
 *
 * Each is the one SQL over its table used by the backend (outbox payloads, inside the writer's
 * transaction: an account's event follows every change of the account or of its entries), the
 * rebuild (row path and bulk COPY), the reconciliation and the drain (found by slug). Nothing is
 * deleted and nothing changes estate, so (estate_id, <record id>) is a stable identity.
 */
import type { BulkSource, FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const COMMON_FUND_ACCOUNT_FACTS_TABLE = 'common_fund_account_facts'
export const COMMON_FUND_BALANCE_FACTS_TABLE = 'common_fund_balance_facts'
export const COMMON_FUND_ENFORCEMENT_FACTS_TABLE = 'common_fund_enforcement_facts'
export const COMMON_FUND_ACCOUNT_TOPIC = 'common_fund_account'
export const COMMON_FUND_BALANCE_TOPIC = 'common_fund_balance'
export const COMMON_FUND_ENFORCEMENT_TOPIC = 'common_fund_enforcement'

const ACCOUNT_KINDS = ['basic', 'co_managed'] as const
const ACCOUNT_STATUSES = ['normal', 'closed'] as const
const ENFORCEMENT_KINDS = ['rectification', 'penalty'] as const

/** One account as the warehouse mirrors it (money in 分). */
export type CommonFundAccountRecord = {
  account_id: number
  estate_id: number
  account_kind: (typeof ACCOUNT_KINDS)[number]
  bank_name: string
  account_status: (typeof ACCOUNT_STATUSES)[number]
  /** YYYY-MM-DD */
  opened_on: string
  balance: number
  /** credits − debits of its entries */
  ledger_balance: number
  /** YYYY-MM-DD of the last entry; null: none */
  last_transaction_on: string | null
}

/** One month-end balance (分) of an account. */
export type CommonFundBalanceRecord = {
  balance_id: number
  estate_id: number
  account_id: number
  /** YYYY-MM-DD, the first day of the month */
  month: string
  balance: number
}

/** One 责令整改 / 行政处罚 record. */
export type CommonFundEnforcementRecord = {
  enforcement_id: number
  estate_id: number
  enforcement_kind: (typeof ENFORCEMENT_KINDS)[number]
  /** YYYY-MM-DD */
  decided_on: string
}

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`
/** an account as its fact row names it (the warehouse's column order) */
const ACCOUNT_COLUMNS = `a.estate_id, a.id as account_id, a.bank_name, a.status as account_status, a.kind as account_kind, ${day('a.opened_on')} as opened_on, a.balance, t.ledger as ledger_balance, ${day('t.last_on')} as last_transaction_on`
const ENFORCEMENT_COLUMNS = `e.estate_id, e.id as enforcement_id, e.kind as enforcement_kind, ${day('e.decided_on')} as decided_on`
/** an account's entries summed (分) and its last entry's day */
const LEDGER_JOIN = `left join lateral (
  select coalesce(sum(case when x.direction = 'credit' then x.amount else -x.amount end), 0)::bigint as ledger, max(x.occurred_on) as last_on
    from common_fund_transactions x where x.account_id = a.id
) t on true`

function accountSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('a.id', options)
  return [
    `select ${ACCOUNT_COLUMNS}`,
    'from common_fund_accounts a',
    LEDGER_JOIN,
    ...(where ? [where] : []),
    'order by a.id',
    ...(limit ? [limit] : []),
  ].join('\n')
}

function balanceSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('b.id', options)
  return [
    `select b.id as balance_id, a.estate_id, b.account_id, ${day('b.month')} as month, b.balance`,
    'from common_fund_balances b join common_fund_accounts a on a.id = b.account_id',
    ...(where ? [where] : []),
    'order by b.id',
    ...(limit ? [limit] : []),
  ].join('\n')
}

function enforcementSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('e.id', options)
  return [
    `select ${ENFORCEMENT_COLUMNS}`,
    'from common_fund_enforcements e',
    ...(where ? [where] : []),
    'order by e.id',
    ...(limit ? [limit] : []),
  ].join('\n')
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value))

function normalizeAccount(row: Record<string, unknown>): CommonFundAccountRecord {
  return {
    account_id: Number(row.account_id),
    estate_id: Number(row.estate_id),
    account_kind: row.account_kind as CommonFundAccountRecord['account_kind'],
    bank_name: String(row.bank_name),
    account_status: row.account_status as CommonFundAccountRecord['account_status'],
    opened_on: String(row.opened_on),
    balance: Number(row.balance),
    ledger_balance: Number(row.ledger_balance ?? 0),
    last_transaction_on: text(row.last_transaction_on),
  }
}

function normalizeBalance(row: Record<string, unknown>): CommonFundBalanceRecord {
  return { balance_id: Number(row.balance_id), estate_id: Number(row.estate_id), account_id: Number(row.account_id), month: String(row.month), balance: Number(row.balance) }
}

function normalizeEnforcement(row: Record<string, unknown>): CommonFundEnforcementRecord {
  return { enforcement_id: Number(row.enforcement_id), estate_id: Number(row.estate_id), enforcement_kind: row.enforcement_kind as CommonFundEnforcementRecord['enforcement_kind'], decided_on: String(row.decided_on) }
}

const accounts = sourceReaders(COMMON_FUND_ACCOUNT_TOPIC, accountSql, normalizeAccount)
const balances = sourceReaders(COMMON_FUND_BALANCE_TOPIC, balanceSql, normalizeBalance)
const enforcements = sourceReaders(COMMON_FUND_ENFORCEMENT_TOPIC, enforcementSql, normalizeEnforcement)

/**
 * For the backend, INSIDE the transaction that changed the accounts (or their entries): takes the
 * shared outbox-writer lock and appends one `common_fund_account` event per account.
 */
export const writeCommonFundAccountOutbox = accounts.writeOutbox
/** the same for month-end balances (by balance id) */
export const writeCommonFundBalanceOutbox = balances.writeOutbox
/** the same for 责令整改 / 行政处罚 records (by record id) */
export const writeCommonFundEnforcementOutbox = enforcements.writeOutbox

const version = (value: string | bigint | number) => String(value)

export function commonFundAccountFactRow(row: CommonFundAccountRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: version(at) }
}
export function commonFundBalanceFactRow(row: CommonFundBalanceRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { estate_id: row.estate_id, account_id: row.account_id, balance_id: row.balance_id, month: row.month, balance: row.balance, changed_at: toUnixSeconds(changedAt), version: version(at) }
}
export function commonFundEnforcementFactRow(row: CommonFundEnforcementRecord, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: version(at) }
}

const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)

function requireDate(p: Record<string, unknown>, key: string, event: string): string {
  if (!isDate(p[key])) throw new PayloadError(`${event}: ${key} must be YYYY-MM-DD, got ${JSON.stringify(p[key])}`)
  return p[key]
}

function requireAmount(p: Record<string, unknown>, key: string, event: string): number {
  const value = Number(p[key])
  if (!Number.isSafeInteger(value)) throw new PayloadError(`${event}: ${key} must be an integer (分), got ${JSON.stringify(p[key])}`)
  return value
}

function oneOf<T extends string>(p: Record<string, unknown>, key: string, allowed: readonly T[], event: string): T {
  if (!(allowed as readonly unknown[]).includes(p[key])) throw new PayloadError(`${event}: ${key} must be one of ${allowed.join('|')}, got ${JSON.stringify(p[key])}`)
  return p[key] as T
}

export function parseCommonFundAccount(payload: unknown, event = COMMON_FUND_ACCOUNT_TOPIC): CommonFundAccountRecord {
  const p = payloadObject(payload, event)
  if (typeof p.bank_name !== 'string') throw new PayloadError(`${event}: bank_name must be a string`)
  const last = p.last_transaction_on ?? null
  if (last !== null && !isDate(last)) throw new PayloadError(`${event}: last_transaction_on must be YYYY-MM-DD or null`)
  return {
    account_id: requireId(p, 'account_id', event),
    estate_id: requireId(p, 'estate_id', event),
    account_kind: oneOf(p, 'account_kind', ACCOUNT_KINDS, event),
    bank_name: p.bank_name,
    account_status: oneOf(p, 'account_status', ACCOUNT_STATUSES, event),
    opened_on: requireDate(p, 'opened_on', event),
    balance: requireAmount(p, 'balance', event),
    ledger_balance: requireAmount(p, 'ledger_balance', event),
    last_transaction_on: last,
  }
}

export function parseCommonFundBalance(payload: unknown, event = COMMON_FUND_BALANCE_TOPIC): CommonFundBalanceRecord {
  const p = payloadObject(payload, event)
  return {
    balance_id: requireId(p, 'balance_id', event),
    estate_id: requireId(p, 'estate_id', event),
    account_id: requireId(p, 'account_id', event),
    month: requireDate(p, 'month', event),
    balance: requireAmount(p, 'balance', event),
  }
}

export function parseCommonFundEnforcement(payload: unknown, event = COMMON_FUND_ENFORCEMENT_TOPIC): CommonFundEnforcementRecord {
  const p = payloadObject(payload, event)
  return {
    enforcement_id: requireId(p, 'enforcement_id', event),
    estate_id: requireId(p, 'estate_id', event),
    enforcement_kind: oneOf(p, 'enforcement_kind', ENFORCEMENT_KINDS, event),
    decided_on: requireDate(p, 'decided_on', event),
  }
}

/** the rebuild's COPY of a table: `select` lists exactly `columns` (the fact table's, in order) */
function bulkOf(columns: readonly string[], select: string, from: string): BulkSource {
  return { columns, select: (at, changedAt) => `select ${select}, ${bulkVersionSelect(at, changedAt)}\n${from}` }
}

const accountSource: FactSource<CommonFundAccountRecord> = {
  table: COMMON_FUND_ACCOUNT_FACTS_TABLE,
  topic: COMMON_FUND_ACCOUNT_TOPIC,
  transformer: sourceRowTopic(COMMON_FUND_ACCOUNT_FACTS_TABLE, parseCommonFundAccount, commonFundAccountFactRow),
  bulk: bulkOf(
    ['estate_id', 'account_id', 'bank_name', 'account_status', 'account_kind', 'opened_on', 'balance', 'ledger_balance', 'last_transaction_on', 'changed_at', 'version'],
    ACCOUNT_COLUMNS,
    `from common_fund_accounts a\n${LEDGER_JOIN}`
  ),
  loadPage: accounts.loadPage,
  cursor: (row) => row.account_id,
  key: ['account_id'],
  countSql: 'select count(*) from common_fund_accounts',
  toFactRow: commonFundAccountFactRow,
  fields: ['account_kind', 'bank_name', 'account_status', 'opened_on', 'balance', 'ledger_balance', 'last_transaction_on'],
}

const balanceSource: FactSource<CommonFundBalanceRecord> = {
  table: COMMON_FUND_BALANCE_FACTS_TABLE,
  topic: COMMON_FUND_BALANCE_TOPIC,
  transformer: sourceRowTopic(COMMON_FUND_BALANCE_FACTS_TABLE, parseCommonFundBalance, commonFundBalanceFactRow),
  bulk: bulkOf(
    ['estate_id', 'account_id', 'balance_id', 'month', 'balance', 'changed_at', 'version'],
    `a.estate_id, b.account_id, b.id as balance_id, ${day('b.month')} as month, b.balance`,
    'from common_fund_balances b join common_fund_accounts a on a.id = b.account_id'
  ),
  loadPage: balances.loadPage,
  cursor: (row) => row.balance_id,
  key: ['balance_id'],
  countSql: 'select count(*) from common_fund_balances',
  toFactRow: commonFundBalanceFactRow,
  fields: ['account_id', 'month', 'balance'],
}

const enforcementSource: FactSource<CommonFundEnforcementRecord> = {
  table: COMMON_FUND_ENFORCEMENT_FACTS_TABLE,
  topic: COMMON_FUND_ENFORCEMENT_TOPIC,
  transformer: sourceRowTopic(COMMON_FUND_ENFORCEMENT_FACTS_TABLE, parseCommonFundEnforcement, commonFundEnforcementFactRow),
  bulk: bulkOf(
    ['estate_id', 'enforcement_id', 'enforcement_kind', 'decided_on', 'changed_at', 'version'],
    ENFORCEMENT_COLUMNS,
    'from common_fund_enforcements e'
  ),
  loadPage: enforcements.loadPage,
  cursor: (row) => row.enforcement_id,
  key: ['enforcement_id'],
  countSql: 'select count(*) from common_fund_enforcements',
  toFactRow: commonFundEnforcementFactRow,
  fields: ['enforcement_kind', 'decided_on'],
}

export const factSources: readonly FactSource<any>[] = [accountSource, balanceSource, enforcementSource]
