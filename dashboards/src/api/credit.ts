import { api } from './client'

/** 信用信息's own calls (信用主体查询, a subject's page, 录入信用记录); its statistics and records lists go through ./statistics */
export const { subjects, subject, addRecord, trend, trendExportUrl } = api.credit
