import { api } from './client'

/** 信用信息's own calls (信用主体查询, a subject's page and its documents, 按月趋势); its statistics and records lists go through ./statistics */
export const { subjects, subject, trend, attachmentUrl } = api.credit
