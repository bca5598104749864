import { defineModule } from './types.ts'

/** 项目管理 (module 5): estates by type, houses, households, area, companies and owners' committees. */
export const projects = defineModule({
  no: 5,
  name: '项目管理',
  slug: 'projects',
  status: 'live',
  group: 'statistics',
  features: { 'projects.view': '查看', 'projects.export': '导出' },
  routes: [
    { name: 'project_stats.index', method: 'GET', path: 'stats/projects', access: 'projects.view', label: '项目管理统计', scoped: true },
    { name: 'estates.index', method: 'GET', path: 'estates', access: 'projects.view', label: '物业项目列表', scoped: true },
    { name: 'project_stats.export', method: 'GET', path: 'stats/projects/export', access: 'projects.export', label: '导出项目管理统计', scoped: true },
    { name: 'estates.export', method: 'GET', path: 'estates/export', access: 'projects.export', label: '导出物业项目列表', scoped: true },
  ],
  pages: [
    { name: 'projects', path: '/projects', title: '项目管理', feature: 'projects.view', apps: ['pc', 'h5'], menu: true },
    { name: 'project-estates', path: '/projects/estates', title: '物业项目列表', feature: 'projects.view', apps: ['pc', 'h5'], menu: true },
  ],
  tile: { label: '项目管理', icon: 'cluster-o', page: 'projects' },
  estateTab: { label: '基本信息', feature: 'projects.view' },
  statistics: {
    cube: 'estate_profiles',
    title: '项目管理统计',
    levels: ['district', 'street', 'community', 'estate'],
    recordsPage: 'project-estates',
    metrics: {
      estates: { label: '物业项目数', unit: '个', format: 'count', aggregation: 'count', records: {} },
      residentialEstates: { label: '住宅', unit: '个', format: 'count', aggregation: 'count', records: { type: '住宅' } },
      commercialEstates: { label: '商业', unit: '个', format: 'count', aggregation: 'count', records: { type: '商业' } },
      officeEstates: { label: '办公', unit: '个', format: 'count', aggregation: 'count', records: { type: '办公' } },
      mixedEstates: { label: '混合', unit: '个', format: 'count', aggregation: 'count', records: { type: '混合' } },
      houses: { label: '房屋数', unit: '套', format: 'count', aggregation: 'sum' },
      households: { label: '户数', unit: '户', format: 'count', aggregation: 'sum' },
      buildingArea: { label: '建筑面积', unit: '㎡', format: 'area', aggregation: 'sum' },
      companies: { label: '物业服务企业', unit: '家', format: 'count', aggregation: 'count', description: '不同的物业服务企业数' },
      withCommittee: { label: '已成立业委会', unit: '个', format: 'count', aggregation: 'count', records: { has_committee: 'true' } },
      withoutCommittee: { label: '未成立业委会', unit: '个', format: 'count', aggregation: 'count', records: { has_committee: 'false' } },
    },
    keyFigures: ['estates', 'households', 'buildingArea'],
    charts: [
      { title: '物业项目类型', kind: 'donut', metrics: ['residentialEstates', 'commercialEstates', 'officeEstates', 'mixedEstates'] },
      { title: '业主委员会成立情况', kind: 'donut', metrics: ['withCommittee', 'withoutCommittee'] },
      { title: '各区域物业项目', kind: 'bar', metrics: ['residentialEstates', 'commercialEstates', 'officeEstates', 'mixedEstates'] },
    ],
  },
})
