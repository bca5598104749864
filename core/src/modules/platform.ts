import { defineModule } from './types.ts'

/** 审计日志 (platform, city admin): every login, export, write, grant change and unmasking. */
export const audit = defineModule({
  no: 0,
  name: '审计日志',
  slug: 'audit',
  status: 'live',
  group: 'platform',
  features: { 'audit.view': '查询' },
  routes: [
    { name: 'audit_logs.index', method: 'GET', path: 'audit-logs', access: 'audit.view', label: '审计日志', query: ['from', 'to', 'user', 'action', 'outcome', 'q', 'page', 'per_page'] },
    { name: 'audit_logs.export', method: 'GET', path: 'audit-logs/export', access: 'audit.view', label: '导出审计日志', query: ['from', 'to', 'user', 'action', 'outcome', 'q'] },
  ],
  pages: [{ name: 'admin-audit', path: '/admin/audit', title: '审计日志', feature: 'audit.view', apps: ['pc'], menu: true }],
})

/** 个人信息: seeing a full phone or ID number is a feature of its own, and is audited. */
export const personalData = defineModule({
  no: 0,
  name: '个人信息',
  slug: 'personal_data',
  status: 'live',
  group: 'platform',
  features: { 'personal_data.unmask': '查看完整号码（留痕）' },
})

/** 节假日日历 (platform, city admin): the working-day calendar behind every due date. */
export const calendar = defineModule({
  no: 0,
  name: '节假日日历',
  slug: 'calendar',
  status: 'live',
  group: 'platform',
  features: { 'calendar.manage': '查看与维护' },
  routes: [
    { name: 'calendar.years', method: 'GET', path: 'calendar/years', access: 'calendar.manage', label: '日历年份', query: [] },
    { name: 'calendar.years_update', method: 'PUT', path: 'calendar/years/:year', access: 'calendar.manage', label: '发布日历年份', params: { year: 'year' } },
    { name: 'calendar.days', method: 'GET', path: 'calendar/days', access: 'calendar.manage', label: '节假日列表', query: ['year'] },
    { name: 'calendar.days.export', method: 'GET', path: 'calendar/days/export', access: 'calendar.manage', label: '导出节假日', query: ['year'] },
    { name: 'calendar.days_upsert', method: 'PUT', path: 'calendar/days/:date', access: 'calendar.manage', label: '设置节假日', params: { date: 'date' } },
    { name: 'calendar.days_destroy', method: 'DELETE', path: 'calendar/days/:date', access: 'calendar.manage', label: '删除节假日', params: { date: 'date' } },
  ],
  pages: [{ name: 'admin-calendar', path: '/admin/calendar', title: '节假日日历', feature: 'calendar.manage', apps: ['pc'], menu: true }],
})
