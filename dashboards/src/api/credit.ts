import { api } from './client'

/** 信用信息's own calls (信用主体查询, a subject's page, 录入 / 修改 / 删除信用记录 and its documents); its statistics and records lists go through ./statistics */
export const { subjects, subject, addRecord, updateRecord, deleteRecord, upload, attachmentUrl, trend, trendExportUrl } = api.credit
