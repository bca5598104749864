import {
  COMMON_FUND_ACCOUNT_KINDS,
  COMMON_FUND_ACCOUNT_STATUSES,
  COMMON_FUND_DIRECTIONS,
  fenToYuan,
  type CommonFundAccountKind,
  type CommonFundAccountStatus,
  type CommonFundDirection,
  type CommonFundEstateRow,
  type CommonFundTransactionRow,
} from '@szpm/core'
import { DateTime } from 'luxon'
import { formatDay } from '#modules/filings/estate_filing_transformer'
import commonFundsConfig from '#config/common_funds'

/** a bank account number as shown everywhere: its first and last 4 digits (6222 **** **** 1234) */
export function maskAccountNo(accountNo: string | null | undefined): string | null {
  if (!accountNo) return null
  const digits = accountNo.replace(/\s+/g, '')
  if (digits.length <= 8) return `${digits.slice(0, 2)}****`
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`
}

/** the last day of the rectification period a 责令整改 gives (config/common_funds.ts) */
const rectifyBy = (orderedOn: string | null) => (orderedOn ? DateTime.fromISO(orderedOn).plus({ days: commonFundsConfig.rectifyDays }).toISODate() : null)

const money = (fen: unknown) => (fen === null || fen === undefined ? null : fenToYuan(fen as string))

export function transformCommonFundEstate(row: Record<string, any>): CommonFundEstateRow {
  const kind = row.account_kind as CommonFundAccountKind | null
  const status = row.account_status as CommonFundAccountStatus | null
  return {
    estateId: row.estate_id,
    estateName: row.estate_name,
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    shouldOpen: row.should_open === true,
    assemblyFiledOn: formatDay(row.assembly_filed_on),
    openBy: formatDay(row.open_by),
    accountId: row.account_id ?? null,
    accountKind: kind,
    accountKindName: kind ? COMMON_FUND_ACCOUNT_KINDS[kind] : null,
    bankName: row.bank_name ?? null,
    accountNo: maskAccountNo(row.account_no),
    openedOn: formatDay(row.opened_on),
    accountStatus: status,
    accountStatusName: status ? COMMON_FUND_ACCOUNT_STATUSES[status] : null,
    balance: money(row.balance),
    abnormal: row.abnormal === true,
    abnormalReason: row.abnormal_reason ?? null,
    rectificationOn: formatDay(row.rectification_on),
    rectificationNo: row.rectification_no ?? null,
    rectifyBy: rectifyBy(formatDay(row.rectification_on)),
    penaltyOn: formatDay(row.penalty_on),
    penaltyNo: row.penalty_no ?? null,
  }
}

export function transformCommonFundTransaction(row: Record<string, any>): CommonFundTransactionRow {
  const direction = row.direction as CommonFundDirection
  return {
    id: Number(row.id),
    occurredOn: formatDay(row.occurred_on)!,
    direction,
    directionName: COMMON_FUND_DIRECTIONS[direction],
    amount: fenToYuan(row.amount),
    balance: fenToYuan(row.balance),
    summary: row.summary,
  }
}
