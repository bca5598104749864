import { PLACE_COLUMNS } from './place_columns.ts'
import { defineModule } from './types.ts'

/** the metric keys of 共有资金情况 (the common_funds cube, warehouse/src/cubes/common_funds.ts, defines exactly these) */
export type CommonFundMetric =
  | 'estates'
  | 'basicAccounts'
  | 'coManagedAccounts'
  | 'shouldOpen'
  | 'opened'
  | 'notOpened'
  | 'openRate'
  | 'abnormalAccounts'
  | 'rectificationOrders'
  | 'penalties'

/** 账户类型 / 账户状态 as stored (PostgreSQL `common_fund_accounts`) → the words the screens show */
export const COMMON_FUND_ACCOUNT_KINDS = { basic: '基本账户', co_managed: '共管账户' } as const
export const COMMON_FUND_ACCOUNT_STATUSES = { normal: '正常', closed: '停用' } as const
/** 责令整改 (by the street) and 行政处罚 (by the district) of an estate overdue in opening its account */
export const COMMON_FUND_ENFORCEMENT_KINDS = { rectification: '责令整改', penalty: '行政处罚' } as const
/** 账户流水: 借 (money out) / 贷 (money in) */
export const COMMON_FUND_DIRECTIONS = { debit: '借', credit: '贷' } as const

export type CommonFundAccountKind = keyof typeof COMMON_FUND_ACCOUNT_KINDS
export type CommonFundAccountStatus = keyof typeof COMMON_FUND_ACCOUNT_STATUSES
export type CommonFundEnforcementKind = keyof typeof COMMON_FUND_ENFORCEMENT_KINDS
export type CommonFundDirection = keyof typeof COMMON_FUND_DIRECTIONS

/** One row of the records list behind a 共有资金情况 number: an estate with its account (if any). */
export interface CommonFundEstateRow {
  estateId: number
  estateName: string
  districtName: string
  streetName: string
  communityName: string
  /** 业主大会已备案: the estate should have opened an account */
  shouldOpen: boolean
  assemblyFiledOn: string | null
  /** the last day to open the account (备案 + the opening period); null when not 应开 */
  openBy: string | null
  accountId: number | null
  accountKind: CommonFundAccountKind | null
  accountKindName: string | null
  bankName: string | null
  /** masked: first 4 and last 4 digits */
  accountNo: string | null
  openedOn: string | null
  accountStatus: CommonFundAccountStatus | null
  accountStatusName: string | null
  /** 元, two decimals (stored as integer 分) */
  balance: string | null
  abnormal: boolean
  abnormalReason: string | null
  rectificationOn: string | null
  rectificationNo: string | null
  /** the end of the rectification period (责令整改 + the configured days); a 行政处罚 may follow after it */
  rectifyBy: string | null
  penaltyOn: string | null
  penaltyNo: string | null
}

/** One 账户流水 entry of an account. */
export interface CommonFundTransactionRow {
  id: number
  occurredOn: string
  direction: CommonFundDirection
  directionName: string
  /** 元, two decimals */
  amount: string
  /** 元, two decimals: the balance after this entry */
  balance: string
  summary: string
}

/** 共享银行统计: one bank in one month. */
export interface CommonFundBankRow {
  bankName: string
  /** YYYY-MM */
  month: string
  accounts: number
  /** 元, two decimals (the month-end balances summed, from integer 分) */
  balance: string
}

/**
 * 共有资金情况 (module 18): per region, the estates that should open a common-fund account (业主大会
 * filed, domain-rules §5), those that did, 基本账户 / 共管账户, 异常 accounts and the enforcement of
 * the overdue (责令整改 by the street, 行政处罚 by the district); every number opens the estates
 * behind it, each account its 账户流水; 共享银行统计 shows accounts and month-end balances per bank,
 * month by month. docs/common_funds.md.
 */
export const commonFunds = defineModule<CommonFundMetric>({
  no: 18,
  name: '共有资金情况',
  slug: 'common_funds',
  status: 'live',
  group: 'statistics',
  features: { 'common_funds.view': '查看', 'common_funds.export': '导出', 'common_funds.manage': '登记责令整改与行政处罚' },
  routes: [
    { name: 'common_fund_stats.index', method: 'GET', path: 'stats/common_funds', access: 'common_funds.view', label: '共有资金情况统计', scoped: true, query: ['region_id'] },
    { name: 'common_fund_stats.export', method: 'GET', path: 'stats/common_funds/export', access: 'common_funds.export', label: '导出共有资金情况统计', scoped: true, query: ['region_id'] },
    { name: 'common_fund_estates.index', method: 'GET', path: 'common_funds/estates', access: 'common_funds.view', label: '共有资金账户列表', scoped: true, query: ['region_id', 'estate_id', 'should_open', 'open_state', 'account_kind', 'account_status', 'abnormal', 'enforcement', 'q', 'page', 'per_page'] },
    { name: 'common_fund_estates.export', method: 'GET', path: 'common_funds/estates/export', access: 'common_funds.export', label: '导出共有资金账户列表', scoped: true, query: ['region_id', 'estate_id', 'should_open', 'open_state', 'account_kind', 'account_status', 'abnormal', 'enforcement', 'q'] },
    { name: 'common_fund_transactions.index', method: 'GET', path: 'common_funds/accounts/:id/transactions', access: 'common_funds.view', label: '共有资金账户流水', params: { id: 'id' }, scoped: true, query: ['from', 'to', 'page', 'per_page'] },
    { name: 'common_fund_transactions.export', method: 'GET', path: 'common_funds/accounts/:id/transactions/export', access: 'common_funds.export', label: '导出共有资金账户流水', params: { id: 'id' }, scoped: true, query: ['from', 'to'] },
    { name: 'common_fund_banks.index', method: 'GET', path: 'stats/common_funds/banks', access: 'common_funds.view', label: '共享银行统计', scoped: true, query: ['region_id', 'from', 'to'] },
    // 逾期未开户: 责令整改 recorded by the street, 行政处罚 by the district
    { name: 'common_fund_enforcements.store', method: 'POST', path: 'common_funds/enforcements', access: 'common_funds.manage', label: '登记逾期未开户处理', scoped: true },
    { name: 'common_fund_banks.export', method: 'GET', path: 'stats/common_funds/banks/export', access: 'common_funds.export', label: '导出共享银行统计', scoped: true, query: ['region_id', 'from', 'to'] },
  ],
  pages: [
    { name: 'common-funds', path: '/common-funds', title: '共有资金情况', feature: 'common_funds.view', apps: ['pc', 'h5'], menu: true },
    { name: 'common-fund-records', path: '/common-funds/records', title: '共有资金账户', feature: 'common_funds.view', apps: ['pc', 'h5'], menu: true },
    { name: 'common-fund-banks', path: '/common-funds/banks', title: '共享银行统计', feature: 'common_funds.view', apps: ['pc', 'h5'], menu: true },
  ],
  tile: { label: '共有资金', icon: 'balance-o', page: 'common-funds' },
  estateTab: { label: '共有资金', feature: 'common_funds.view' },
  statistics: {
    cube: 'common_funds',
    facts: [
      { table: 'common_fund_account_facts', topic: 'common_fund_account' },
      { table: 'common_fund_balance_facts', topic: 'common_fund_balance' },
      { table: 'common_fund_enforcement_facts', topic: 'common_fund_enforcement' },
    ],
    title: '共有资金情况统计',
    page: 'common-funds',
    levels: ['district', 'street', 'community', 'estate'],
    recordsPage: 'common-fund-records',
    records: {
      list: 'common_fund_estates.index',
      export: 'common_fund_estates.export',
      title: '共有资金账户',
      estateIdKey: 'estateId',
      columns: [
        ...PLACE_COLUMNS,
        { key: 'shouldOpen', label: '应开共有资金账户', format: 'boolean', booleanLabels: ['应开', '—'], width: 120 },
        { key: 'assemblyFiledOn', label: '业主大会备案日期', format: 'date', width: 130 },
        { key: 'openBy', label: '应开户截止日期', format: 'date', width: 130 },
        { key: 'accountKind', label: '账户类型', format: 'status', nameKey: 'accountKindName', width: 100 },
        { key: 'bankName', label: '开户银行', width: 160 },
        { key: 'accountNo', label: '银行账号', width: 180 },
        { key: 'openedOn', label: '开户日期', format: 'date', width: 110 },
        { key: 'accountStatus', label: '账户状态', format: 'status', nameKey: 'accountStatusName', width: 90 },
        { key: 'balance', label: '账户余额(元)', width: 130 },
        { key: 'abnormal', label: '异常', format: 'boolean', booleanLabels: ['异常', '否'], width: 80 },
        { key: 'abnormalReason', label: '异常原因', width: 180 },
        { key: 'rectificationOn', label: '责令整改日期', format: 'date', width: 120 },
        { key: 'rectificationNo', label: '责令整改文书号', width: 150 },
        { key: 'rectifyBy', label: '整改期限', format: 'date', width: 120 },
        { key: 'penaltyOn', label: '行政处罚日期', format: 'date', width: 120 },
        { key: 'penaltyNo', label: '行政处罚文书号', width: 150 },
      ],
      filters: [
        { key: 'q', label: '物业项目名称', kind: 'keyword' },
        { key: 'should_open', label: '应开共有资金账户', kind: 'select', options: [{ value: '1', label: '应开' }, { value: '0', label: '不应开' }] },
        { key: 'open_state', label: '开户情况', kind: 'select', options: [{ value: 'opened', label: '已开' }, { value: 'not_opened', label: '未开' }] },
        { key: 'account_kind', label: '账户类型', kind: 'select', options: [{ value: 'basic', label: '基本账户' }, { value: 'co_managed', label: '共管账户' }] },
        { key: 'account_status', label: '账户状态', kind: 'select', options: [{ value: 'normal', label: '正常' }, { value: 'closed', label: '停用' }] },
        { key: 'abnormal', label: '异常账户', kind: 'select', options: [{ value: '1', label: '异常' }, { value: '0', label: '非异常' }] },
        { key: 'enforcement', label: '逾期未开户', kind: 'select', options: [{ value: 'rectification', label: '已责令整改' }, { value: 'penalty', label: '已行政处罚' }] },
      ],
    },
    metrics: {
      estates: { label: '物业项目总数', unit: '个', format: 'count', aggregation: 'count', records: {} },
      shouldOpen: { label: '应开共有资金账户数', unit: '个', format: 'count', aggregation: 'count', records: { should_open: '1' }, description: '业主大会已备案的物业项目' },
      opened: { label: '已开共有资金账户数', unit: '个', format: 'count', aggregation: 'count', records: { open_state: 'opened' }, description: '应开且已开立基本账户' },
      notOpened: { label: '未开共有资金账户数', unit: '个', format: 'count', aggregation: 'count', records: { open_state: 'not_opened' } },
      // 开户率 at two decimals, "—" when 应开 is 0: a percentage number (score format: two decimals, null shown as —)
      openRate: { label: '开户率', unit: '%', format: 'score', aggregation: 'average', description: '已开 ÷ 应开 × 100，两位小数；应开为 0 时显示 —' },
      basicAccounts: { label: '基本账户数', unit: '个', format: 'count', aggregation: 'count', records: { account_kind: 'basic' } },
      coManagedAccounts: { label: '共管账户数', unit: '个', format: 'count', aggregation: 'count', records: { account_kind: 'co_managed' } },
      abnormalAccounts: { label: '异常账户数', unit: '个', format: 'count', aggregation: 'count', records: { abnormal: '1' }, description: '正常账户 12 个月无流水，或余额与流水不符' },
      rectificationOrders: { label: '逾期未开户责令整改数', unit: '个', format: 'count', aggregation: 'count', records: { enforcement: 'rectification' } },
      penalties: { label: '逾期未开户行政处罚数', unit: '个', format: 'count', aggregation: 'count', records: { enforcement: 'penalty' } },
    },
    keyFigures: ['estates', 'basicAccounts', 'coManagedAccounts', 'shouldOpen', 'opened', 'notOpened'],
    charts: [
      { title: '开户情况', kind: 'donut', metrics: ['opened', 'notOpened'] },
      { title: '账户类型', kind: 'donut', metrics: ['basicAccounts', 'coManagedAccounts'] },
      { title: '各区域开户情况', kind: 'bar', metrics: ['opened', 'notOpened'], stack: true },
    ],
    // the table of the WeChat client the users know: two grouped headers
    columnGroups: [
      {
        label: '应开共有资金账户数',
        columns: [
          { metric: 'shouldOpen', label: '总数' },
          { metric: 'opened', label: '已开数' },
          { metric: 'notOpened', label: '未开数' },
          { metric: 'openRate', label: '开户率' },
        ],
      },
      { label: '共有资金账户数', columns: [{ metric: 'basicAccounts', label: '基本账户' }, { metric: 'coManagedAccounts', label: '共管账户' }] },
    ],
  },
})

/** integer 分 → 元 with two decimals and thousands separators kept out (12345 → "123.45", -5 → "-0.05") */
export function fenToYuan(fen: number | string | bigint): string {
  const value = BigInt(fen)
  const negative = value < 0n
  const abs = negative ? -value : value
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}
