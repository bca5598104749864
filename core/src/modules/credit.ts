import { creditStatistics } from './credit_statistics.ts'
import { defineModule } from './types.ts'

export * from './credit_statistics.ts'

/**
 * 信用信息 (module 7): the credit subjects — 物业企业 (unified social credit code) and five kinds of people
 * (masked ID number) — with their 良好信息 and 不良信息 records, each counting until its validity period
 * ends (then 已过期); statistics per region with 穿透 to the records, the subjects' search and detail
 * pages, and the credit score and grade of each 物业企业 (domain-rules §6). Records are entered by the
 * city and district bureaus (`credit.manage`); streets read. docs/credit.md.
 */
export const credit = defineModule({
  no: 7,
  name: '信用信息',
  slug: 'credit',
  status: 'live',
  group: 'statistics',
  features: { 'credit.view': '查看', 'credit.export': '导出', 'credit.manage': '录入与维护' },
  routes: [
    { name: 'credit_stats.index', method: 'GET', path: 'stats/credit', access: 'credit.view', label: '信用信息统计', scoped: true, query: ['region_id'] },
    { name: 'credit_stats.export', method: 'GET', path: 'stats/credit/export', access: 'credit.export', label: '导出信用信息统计', scoped: true, query: ['region_id'] },
    { name: 'credit_trend.index', method: 'GET', path: 'stats/credit/trend', access: 'credit.view', label: '信用信息按月趋势', scoped: true, query: ['region_id', 'from', 'to'] },
    { name: 'credit_trend.export', method: 'GET', path: 'stats/credit/trend/export', access: 'credit.export', label: '导出信用信息按月趋势', scoped: true, query: ['region_id', 'from', 'to'] },
    { name: 'credit_records.index', method: 'GET', path: 'credit/records', access: 'credit.view', label: '信用记录列表', scoped: true, query: ['region_id', 'estate_id', 'subject_kind', 'polarity', 'category', 'validity', 'q', 'page', 'per_page'] },
    { name: 'credit_records.export', method: 'GET', path: 'credit/records/export', access: 'credit.export', label: '导出信用记录', scoped: true, query: ['region_id', 'estate_id', 'subject_kind', 'polarity', 'category', 'validity', 'q'] },
    // a company belongs to its seat and to the regions of the estates it manages; a person to their estate's
    { name: 'credit_subjects.index', method: 'GET', path: 'credit/subjects', access: 'credit.view', label: '信用主体查询', scoped: true, query: ['region_id', 'subject_kind', 'polarity', 'from', 'to', 'q', 'sort', 'page', 'per_page'] },
    { name: 'credit_subjects.show', method: 'GET', path: 'credit/subjects/:id', access: 'credit.view', label: '信用主体详情', params: { id: 'id' }, scoped: true },
    // entered by the city and district bureaus (streets read): a subject of their region, else 404
    { name: 'credit_records.store', method: 'POST', path: 'credit/subjects/:id/records', access: 'credit.manage', label: '录入信用记录', params: { id: 'id' }, scoped: true },
    // a record of a subject in the bureau's region (else 404); `version` guards both (409 when stale)
    { name: 'credit_records.update', method: 'PUT', path: 'credit/records/:id', access: 'credit.manage', label: '修改信用记录', params: { id: 'id' }, scoped: true },
    { name: 'credit_records.destroy', method: 'DELETE', path: 'credit/records/:id', access: 'credit.manage', label: '删除信用记录', params: { id: 'id' }, scoped: true },
    // one document per request (magic bytes checked), stored under credit/; a record's `attachments` claims it
    { name: 'credit_attachments.upload', method: 'POST', path: 'credit/attachments', access: 'credit.manage', label: '上传信用记录附件' },
    { name: 'credit_attachments.download', method: 'GET', path: 'credit/records/:id/attachments/:attachmentId', access: 'credit.view', label: '下载信用记录附件', params: { id: 'id', attachmentId: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'credit', path: '/credit', title: '信用信息', feature: 'credit.view', apps: ['pc', 'h5'], menu: true },
    { name: 'credit-records', path: '/credit/records', title: '信用记录', feature: 'credit.view', apps: ['pc', 'h5'], menu: true },
    { name: 'credit-subjects', path: '/credit/subjects', title: '信用主体查询', feature: 'credit.view', apps: ['pc', 'h5'], menu: true },
    { name: 'credit-subject', path: '/credit/subjects/:id', title: '信用主体详情', feature: 'credit.view', apps: ['pc', 'h5'] },
    // PC shows the trend under 信用信息统计's region table
    { name: 'credit-trend', path: '/credit/trend', title: '信用信息按月趋势', feature: 'credit.view', apps: ['h5'] },
  ],
  tile: { label: '信用信息', icon: 'medal-o', page: 'credit' },
  estateTab: { label: '信用信息', feature: 'credit.view' },
  statistics: creditStatistics,
})
