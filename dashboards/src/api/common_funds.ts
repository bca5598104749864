import { api } from './client'

/** 共有资金情况's own calls (账户流水, 共享银行统计, 登记责令整改 / 行政处罚); its statistics and records lists go through ./statistics */
export const { transactions, transactionsExportUrl, banks, banksExportUrl, enforce } = api.commonFunds
