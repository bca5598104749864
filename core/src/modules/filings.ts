import { defineModule } from './types.ts'

/** 备案情况 (module 6): 物业服务合同备案 and 业主大会备案 per region, with the records behind every number. */
export const filings = defineModule({
  no: 6,
  name: '备案情况',
  slug: 'filings',
  status: 'live',
  group: 'statistics',
  features: { 'filings.view': '查看', 'filings.export': '导出', 'filings.manage': '登记与变更' },
  routes: [
    { name: 'filing_stats.index', method: 'GET', path: 'stats/filings', access: 'filings.view', label: '备案情况统计', scoped: true },
    { name: 'estate_filings.index', method: 'GET', path: 'filings/estates', access: 'filings.view', label: '备案记录列表', scoped: true },
    { name: 'filings.index', method: 'GET', path: 'estates/:id/filings', access: 'filings.view', label: '物业项目备案记录', params: { id: 'id' }, scoped: true },
    { name: 'filing_stats.export', method: 'GET', path: 'stats/filings/export', access: 'filings.export', label: '导出备案情况统计', scoped: true },
    { name: 'estate_filings.export', method: 'GET', path: 'filings/estates/export', access: 'filings.export', label: '导出备案记录', scoped: true },
    { name: 'filings.store', method: 'POST', path: 'filings', access: 'filings.manage', label: '登记备案', scoped: true },
    { name: 'filings.update', method: 'PATCH', path: 'filings/:id', access: 'filings.manage', label: '变更备案', params: { id: 'id' }, scoped: true },
    { name: 'filings.destroy', method: 'DELETE', path: 'filings/:id', access: 'filings.manage', label: '撤销备案', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'filings', path: '/filings', title: '备案情况', feature: 'filings.view', apps: ['pc', 'h5'], menu: true },
    { name: 'filing-records', path: '/filings/records', title: '备案记录', feature: 'filings.view', apps: ['pc', 'h5'], menu: true },
  ],
  tile: { label: '备案情况', icon: 'records-o', page: 'filings' },
  estateTab: { label: '备案情况', feature: 'filings.view' },
  statistics: {
    cube: 'estate_filings',
    title: '备案情况统计',
    levels: ['district', 'street', 'community', 'estate'],
    recordsPage: 'filing-records',
    metrics: {
      estates: { label: '物业项目数', unit: '个', format: 'count', aggregation: 'count', records: {} },
      contractFiled: { label: '合同已备案', unit: '个', format: 'count', aggregation: 'count', records: { contract_status: 'filed' } },
      contractExpired: { label: '合同已过期', unit: '个', format: 'count', aggregation: 'count', records: { contract_status: 'expired' } },
      contractNotFiled: { label: '合同未备案', unit: '个', format: 'count', aggregation: 'count', records: { contract_status: 'not_filed' } },
      contractRate: { label: '合同备案率', format: 'percent', aggregation: 'rate', description: '合同已备案 ÷ 物业项目数' },
      assemblyFiled: { label: '业主大会已备案', unit: '个', format: 'count', aggregation: 'count', records: { assembly_status: 'filed' } },
      assemblyNotFiled: { label: '业主大会未备案', unit: '个', format: 'count', aggregation: 'count', records: { assembly_status: 'not_filed' } },
      assemblyRate: { label: '业主大会备案率', format: 'percent', aggregation: 'rate', description: '业主大会已备案 ÷ 物业项目数' },
    },
    keyFigures: ['estates', 'contractRate', 'assemblyRate'],
    charts: [
      { title: '物业服务合同备案', kind: 'donut', metrics: ['contractFiled', 'contractExpired', 'contractNotFiled'] },
      { title: '业主大会备案', kind: 'donut', metrics: ['assemblyFiled', 'assemblyNotFiled'] },
      { title: '各区域备案情况', kind: 'bar', metrics: ['contractFiled', 'assemblyFiled'] },
    ],
  },
})
