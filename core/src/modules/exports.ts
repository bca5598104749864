import { defineModule } from './types.ts'

/**
 * 导出中心 (platform): background exports of any declared statistics table — 立即导出 (the file is
 * produced by the worker, not while a request waits) and 定时导出 (daily / weekly / monthly at a
 * Shenzhen time) — with status, progress and the files until they expire. Open to every signed-in
 * user; which tables a user may export is the export feature of each table's module (checked in
 * backend/app/modules/exports), and the runs and subscriptions are the user's own (another's: 404).
 */
export const exportCenter = defineModule({
  no: 0,
  name: '导出中心',
  slug: 'exports',
  status: 'live',
  group: 'workbench',
  features: {},
  routes: [
    { name: 'exports.tables', method: 'GET', path: 'exports/tables', access: 'session', label: '可导出的统计表', query: [] },
    { name: 'exports.index', method: 'GET', path: 'exports', access: 'session', label: '导出记录', query: ['page', 'per_page'] },
    { name: 'exports.export', method: 'GET', path: 'exports/export', access: 'session', label: '导出导出记录', query: [] },
    { name: 'exports.store', method: 'POST', path: 'exports', access: 'session', label: '立即导出' },
    { name: 'exports.show', method: 'GET', path: 'exports/:id', access: 'session', label: '导出进度', params: { id: 'id' }, query: [] },
    { name: 'exports.download', method: 'GET', path: 'exports/:id/download', access: 'session', label: '下载导出文件', params: { id: 'id' }, query: [] },
    { name: 'export_subscriptions.index', method: 'GET', path: 'export-subscriptions', access: 'session', label: '定时导出', query: [] },
    { name: 'export_subscriptions.store', method: 'POST', path: 'export-subscriptions', access: 'session', label: '订阅定时导出' },
    { name: 'export_subscriptions.destroy', method: 'DELETE', path: 'export-subscriptions/:id', access: 'session', label: '取消定时导出', params: { id: 'id' } },
  ],
  pages: [{ name: 'exports', path: '/exports', title: '导出中心', apps: ['pc'], menu: true }],
})
