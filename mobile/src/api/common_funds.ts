import { api } from './client'

/** 共有资金情况's own calls: an account's 账户流水 and 共享银行统计 */
export const { transactions, banks } = api.commonFunds
