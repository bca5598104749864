import { api } from './client'

/** 安全检查 (module 15): tasks, 发布, the checklist, 催办; its statistics and 填报情况 go through ./statistics */
export const inspections = api.inspections
