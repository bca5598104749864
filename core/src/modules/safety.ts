import { defineModule } from './types.ts'
import { safetyStatistics } from './safety_statistics.ts'

/**
 * 平安建设 (module 12): the city administrator configures each year's assessment items (考核内容:
 * title, description, 分值, order); every community gets an assessment per item (未开始 / 进行中 /
 * 已完成, score ≤ 分值, remark) that its staff or its street update (考核办理, with `version`: 409 when
 * someone changed it since). Statistics per 区 → 街道 → 社区 with completion and average score, a
 * community's assessments as its detail (穿透), export. docs/safety.md.
 */
export const safety = defineModule({
  no: 12,
  name: '平安建设',
  slug: 'safety',
  status: 'live',
  group: 'statistics',
  features: { 'safety.view': '查看', 'safety.export': '导出', 'safety.handle': '考核办理', 'safety.manage': '考核内容配置' },
  routes: [
    { name: 'safety_stats.index', method: 'GET', path: 'stats/safety', access: 'safety.view', label: '平安建设统计', scoped: true, query: ['region_id', 'year'] },
    { name: 'safety_stats.export', method: 'GET', path: 'stats/safety/export', access: 'safety.export', label: '导出平安建设统计', scoped: true, query: ['region_id', 'year'] },
    { name: 'safety_assessments.index', method: 'GET', path: 'safety/assessments', access: 'safety.view', label: '社区考核内容', scoped: true, query: ['region_id', 'year', 'status', 'q', 'page', 'per_page'] },
    { name: 'safety_assessments.export', method: 'GET', path: 'safety/assessments/export', access: 'safety.export', label: '导出社区考核内容', scoped: true, query: ['region_id', 'year', 'status', 'q'] },
    { name: 'safety_assessments.update', method: 'PATCH', path: 'safety/assessments/:id', access: 'safety.handle', label: '办理平安建设考核', params: { id: 'id' }, scoped: true },
    { name: 'safety_items.index', method: 'GET', path: 'safety/items', access: ['safety.view', 'safety.manage'], label: '平安建设考核内容', query: ['year'] },
    { name: 'safety_items.store', method: 'POST', path: 'safety/items', access: 'safety.manage', label: '新增平安建设考核内容' },
    { name: 'safety_items.update', method: 'PATCH', path: 'safety/items/:id', access: 'safety.manage', label: '修改平安建设考核内容', params: { id: 'id' } },
  ],
  pages: [
    { name: 'safety', path: '/safety', title: '平安建设', feature: 'safety.view', apps: ['pc', 'h5'], menu: true },
    { name: 'safety-assessments', path: '/safety/assessments', title: '社区考核内容', feature: 'safety.view', apps: ['pc', 'h5'], menu: true },
    { name: 'safety-items', path: '/safety/items', title: '考核内容配置', feature: 'safety.manage', apps: ['pc'], menu: true },
  ],
  tile: { label: '平安建设', icon: 'shield-o', page: 'safety' },
  statistics: safetyStatistics,
})
