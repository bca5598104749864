/*
| 共有资金情况 (module 18) settings, domain-rules §5: the days an estate has to open its common-fund
| account after its 业主大会 filing (then it is 逾期未开户), and the rectification period a 责令整改
| gives (a 行政处罚 follows when the account is still not opened after it). Platform defaults 30 / 30.
*/
import env from '#start/env'

const days = (value: number | undefined, fallback: number) => (value !== undefined && Number.isInteger(value) && value >= 0 && value <= 3650 ? value : fallback)

const commonFundsConfig = {
  /** COMMON_FUNDS_OPEN_DAYS: days after the 业主大会 filing to open the account (default 30) */
  openDays: days(env.get('COMMON_FUNDS_OPEN_DAYS'), 30),
  /** COMMON_FUNDS_RECTIFY_DAYS: the rectification period of a 责令整改 (default 30) */
  rectifyDays: days(env.get('COMMON_FUNDS_RECTIFY_DAYS'), 30),
}

export default commonFundsConfig
