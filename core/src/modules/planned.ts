import { defineModule, type MenuGroup } from './types.ts'

/**
 * Modules of the manual not built yet: only their features exist, so heads can grant them ahead and
 * the catalogue is complete. Each becomes a file of its own (like filings.ts) when it is built.
 */
const planned = (no: number, name: string, slug: string, group: MenuGroup, features: Record<string, string>) =>
  defineModule({ no, name, slug, status: 'planned', group, features })

export const PLANNED_MODULES = [
  planned(15, '安全检查', 'inspections', 'business', { 'inspections.view': '查看统计', 'inspections.export': '导出', 'inspections.remind': '催办', 'inspections.manage': '发布任务' }),
] as const
