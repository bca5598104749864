import { api } from './client'

/** 信息公开 (module 16): templates, announcements, 公示公告 */
export const disclosures = api.disclosures
/** 居代业管理 (module 23) */
export const proxyGovernance = api.proxyGovernance
