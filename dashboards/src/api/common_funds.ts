import { api } from './client'

/** 共有资金情况's own calls (账户流水, 共享银行统计); its statistics and records lists go through ./statistics */
export const { transactions, transactionsExportUrl, banks, banksExportUrl } = api.commonFunds
