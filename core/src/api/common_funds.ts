/** 共有资金情况 (module 18): an account's 账户流水 and 共享银行统计; its statistics and records go through ./statistics.ts. */
import type { CommonFundBankRow, CommonFundEnforcementKind, CommonFundTransactionRow } from '../modules/common_funds.ts'
import type { Http, Query } from './http.ts'
import type { PageMeta, RegionRef } from './types.ts'

/** the account a 账户流水 page is about (masked number, balance in 元) */
export interface CommonFundAccountMeta {
  id: number
  estateId: number
  estateName: string
  kind: string
  kindName: string
  bankName: string
  accountNo: string
  status: string
  statusName: string
  balance: string
}

export interface CommonFundTransactionQuery {
  from?: string
  to?: string
  page?: number
  per_page?: number
}

export interface CommonFundBankQuery {
  region_id?: number
  /** YYYY-MM */
  from?: string
  to?: string
}

/** 登记责令整改 / 行政处罚 (a street records the first, a district the second) */
export interface CommonFundEnforcementInput {
  estate_id: number
  kind: CommonFundEnforcementKind
  /** YYYY-MM-DD, not after today */
  decided_on: string
  document_no: string
}

/** the recorded 责令整改 / 行政处罚 */
export interface CommonFundEnforcement {
  id: number
  estateId: number
  estateName: string
  kind: CommonFundEnforcementKind
  kindName: string
  decidedOn: string
  documentNo: string
}

export function commonFundsApi(http: Http) {
  return {
    transactions: (accountId: number, query: CommonFundTransactionQuery = {}) =>
      http.call<CommonFundTransactionRow[], PageMeta & { account: CommonFundAccountMeta }>('common_fund_transactions.index', { params: { id: accountId }, query: query as Query }),
    transactionsExportUrl: (accountId: number, query: CommonFundTransactionQuery = {}) =>
      http.url('common_fund_transactions.export', { params: { id: accountId }, query: query as Query }),
    banks: (query: CommonFundBankQuery = {}) =>
      http.call<CommonFundBankRow[], { region: RegionRef; from: string; to: string; freshAt: string | null }>('common_fund_banks.index', { query: query as Query }),
    banksExportUrl: (query: CommonFundBankQuery = {}) => http.url('common_fund_banks.export', { query: query as Query }),
    /** 登记责令整改 / 行政处罚 of an estate overdue in opening its account (its 422s name the field) */
    enforce: (input: CommonFundEnforcementInput) => http.call<CommonFundEnforcement>('common_fund_enforcements.store', { body: input }),
  }
}
