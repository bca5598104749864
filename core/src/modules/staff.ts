import { defineModule } from './types.ts'
import { staffStatistics } from './staff_statistics.ts'

/**
 * 从业人员信息 (module 9): the practitioners of the estates (物业项目的从业人员) and of the property
 * companies (物业服务企业从业人员) with their posts and certificates; statistics per region down to the
 * person; 提醒更新 reminds the project managers of estates whose staff information is missing or stale
 * (domain-rules §7). docs/staff.md.
 */
export const staff = defineModule({
  no: 9,
  name: '从业人员信息',
  slug: 'staff',
  status: 'live',
  group: 'statistics',
  features: { 'staff.view': '查看', 'staff.export': '导出', 'staff.remind': '提醒更新' },
  routes: [
    { name: 'staff_stats.index', method: 'GET', path: 'stats/staff', access: 'staff.view', label: '从业人员信息统计', scoped: true, query: ['region_id'] },
    { name: 'staff_stats.export', method: 'GET', path: 'stats/staff/export', access: 'staff.export', label: '导出从业人员信息统计', scoped: true, query: ['region_id'] },
    { name: 'staff_records.index', method: 'GET', path: 'staff/records', access: 'staff.view', label: '从业人员名单', scoped: true, query: ['region_id', 'estate_id', 'group', 'post', 'certified', 'expired', 'q', 'page', 'per_page'] },
    { name: 'staff_records.export', method: 'GET', path: 'staff/records/export', access: 'staff.export', label: '导出从业人员名单', scoped: true, query: ['region_id', 'estate_id', 'group', 'post', 'certified', 'expired', 'q'] },
    { name: 'staff_estates.index', method: 'GET', path: 'staff/estate_states', access: 'staff.view', label: '从业人员信息填报情况', scoped: true, query: ['region_id', 'estate_id', 'state', 'q', 'page', 'per_page'] },
    { name: 'staff_estates.export', method: 'GET', path: 'staff/estate_states/export', access: 'staff.export', label: '导出从业人员信息填报情况', scoped: true, query: ['region_id', 'estate_id', 'state', 'q'] },
    { name: 'staff.remind', method: 'POST', path: 'staff/remind', access: 'staff.remind', label: '提醒更新从业人员信息', scoped: true },
    // the estate's 项目经理 maintains its staff (estate-side accounts: `estates.own`; not its manager → 404)
    { name: 'estate_staff.index', method: 'GET', path: 'staff/estates/:id', access: 'estates.own', label: '本项目从业人员', params: { id: 'id' }, scoped: true },
    { name: 'estate_staff.store', method: 'POST', path: 'staff/estates/:id/practitioners', access: 'estates.own', label: '新增从业人员', params: { id: 'id' }, scoped: true },
    { name: 'estate_staff.update', method: 'PATCH', path: 'staff/practitioners/:id', access: 'estates.own', label: '修改从业人员', params: { id: 'id' }, scoped: true },
    { name: 'estate_staff.destroy', method: 'DELETE', path: 'staff/practitioners/:id', access: 'estates.own', label: '删除从业人员', params: { id: 'id' }, scoped: true },
    { name: 'estate_staff.confirm', method: 'POST', path: 'staff/estates/:id/confirm', access: 'estates.own', label: '确认从业人员信息无误', params: { id: 'id' }, scoped: true },
    { name: 'estate_staff.export', method: 'GET', path: 'staff/estates/:id/export', access: 'estates.own', label: '导出本项目从业人员', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'staff', path: '/staff', title: '从业人员信息', feature: 'staff.view', apps: ['pc', 'h5'], menu: true },
    { name: 'staff-records', path: '/staff/records', title: '从业人员名单', feature: 'staff.view', apps: ['pc', 'h5'], menu: true },
    // the estates behind 物业项目数 / 未填报项目 / 信息过期项目 (statistics.moreRecords)
    { name: 'staff-estates', path: '/staff/estates', title: '从业人员信息填报情况', feature: 'staff.view', apps: ['pc', 'h5'] },
    // the project manager's maintenance page, opened from the estate page (项目经理 of the estate only: others get a 404 from the API)
    { name: 'estate-staff', path: '/estates/:id(\\d+)/staff', title: '本项目从业人员', feature: 'estates.own', apps: ['pc', 'h5'] },
  ],
  tile: { label: '从业人员', icon: 'manager-o', page: 'staff' },
  estateTab: { label: '从业人员', feature: 'staff.view' },
  statistics: staffStatistics,
})
