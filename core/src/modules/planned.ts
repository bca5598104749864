import { defineModule, type MenuGroup } from './types.ts'

/**
 * Modules of the manual not built yet: only their features exist, so heads can grant them ahead and
 * the catalogue is complete. Each becomes a file of its own (like filings.ts) when it is built.
 */
const planned = (no: number, name: string, slug: string, group: MenuGroup, features: Record<string, string>) =>
  defineModule({ no, name, slug, status: 'planned', group, features })

export const PLANNED_MODULES = [
  planned(14, '小区气象公告栏', 'weather', 'business', { 'weather.view': '查看' }),
  planned(15, '安全检查', 'inspections', 'business', { 'inspections.view': '查看统计', 'inspections.export': '导出', 'inspections.remind': '催办', 'inspections.manage': '发布任务' }),
  planned(16, '信息公开', 'disclosures', 'business', { 'disclosures.view': '查询', 'disclosures.manage': '发布、作废与删除' }),
  planned(20, '物业区域管理', 'areas', 'business', { 'areas.view': '查看', 'areas.export': '导出', 'areas.manage': '设施设备维护与导入' }),
  planned(21, '招标投标管理', 'tenders', 'business', { 'tenders.view': '查看与统计', 'tenders.handle': '初审', 'tenders.approve': '终审', 'tenders.export': '导出' }),
  planned(22, '纠纷化解台账', 'disputes', 'business', { 'disputes.view': '查看', 'disputes.handle': '处理与申请办结', 'disputes.export': '导出', 'disputes.manage': '录入与转办' }),
  planned(23, '居代业管理', 'proxy_governance', 'business', { 'proxy_governance.view': '查看', 'proxy_governance.handle': '发起与办理' }),
] as const
