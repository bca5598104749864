import { defineModule, type MetricDeclaration, type StatisticsDeclaration } from './types.ts'
import { PARKING_DISPUTE_TYPES } from './parking.ts'
import { PLACE_COLUMNS } from './place_columns.ts'

/**
 * Dispute types of 纠纷化解台账. The `parking_*` ones are the 住宅小区车位纠纷 types of 车位信息
 * (module 10, PARKING_DISPUTE_TYPES: `parking_<type>` counts as parking's `<type>`, see
 * PARKING_TYPE_OF_DISPUTE); `parking_other` is parking's 其他 (其他车位纠纷); `other` is 其他纠纷 and no
 * parking dispute.
 */
export const DISPUTE_TYPES = {
  property_fee: '物业费纠纷',
  service_quality: '物业服务质量纠纷',
  common_fund: '共有资金纠纷',
  committee: '业主大会与业委会纠纷',
  handover: '物业交接纠纷',
  renovation: '装饰装修纠纷',
  neighbour: '相邻关系纠纷',
  parking_occupation: `车位${PARKING_DISPUTE_TYPES.occupation}`,
  parking_fee: `车位${PARKING_DISPUTE_TYPES.fee}`,
  parking_ownership: `车位${PARKING_DISPUTE_TYPES.ownership}`,
  parking_lease_sale: `车位${PARKING_DISPUTE_TYPES.lease_sale}`,
  parking_charging: PARKING_DISPUTE_TYPES.charging,
  parking_other: `其他车位纠纷`,
  other: '其他纠纷',
} as const
export type DisputeType = keyof typeof DISPUTE_TYPES

/** the dispute types that are 住宅小区车位纠纷 (车位信息, module 10), each with parking's own type */
export const PARKING_TYPE_OF_DISPUTE = {
  parking_occupation: 'occupation',
  parking_fee: 'fee',
  parking_ownership: 'ownership',
  parking_lease_sale: 'lease_sale',
  parking_charging: 'charging',
  parking_other: 'other',
} as const satisfies Partial<Record<DisputeType, keyof typeof PARKING_DISPUTE_TYPES>>

/** the states of a dispute (the backend's dispute_process.ts declares the same keys with their transitions) */
export const DISPUTE_STATES = {
  registered: '待转办',
  transferred: '待处理',
  handling: '处理中',
  closing: '待确认办结',
  closed: '已办结',
} as const
export type DisputeState = keyof typeof DISPUTE_STATES


/** the three ledgers: 未办结台账 (every state but closed), 已办结台账, 总台账 */
export const DISPUTE_LEDGERS = { open: '未办结台账', closed: '已办结台账', all: '总台账' } as const
export type DisputeLedger = keyof typeof DISPUTE_LEDGERS

/** groups of dispute types a list can filter by: 车位纠纷 = every `parking_*` type (PARKING_TYPE_OF_DISPUTE) */
export const DISPUTE_TYPE_GROUPS = { parking: '车位纠纷' } as const
export type DisputeTypeGroup = keyof typeof DISPUTE_TYPE_GROUPS

/** the metric keys of 纠纷化解统计 (warehouse/src/cubes/disputes.ts defines exactly these) */
export type DisputesMetric =
  | 'disputes' | 'registeredDisputes' | 'transferredDisputes' | 'handlingDisputes' | 'closingDisputes' | 'closedDisputes' | 'openDisputes'
  | 'closeRate' | 'averageDays'
  | 'propertyFeeDisputes' | 'serviceQualityDisputes' | 'commonFundDisputes' | 'committeeDisputes' | 'handoverDisputes' | 'renovationDisputes' | 'neighbourDisputes'
  | 'parkingDisputes' | 'otherDisputes'

/** the metric of each dispute state, in DISPUTE_STATES order */
export const DISPUTE_STATE_METRICS = {
  registered: 'registeredDisputes',
  transferred: 'transferredDisputes',
  handling: 'handlingDisputes',
  closing: 'closingDisputes',
  closed: 'closedDisputes',
} as const satisfies Record<DisputeState, DisputesMetric>

/** the metric of each dispute type that is not a parking one (those are summed as 车位纠纷, and 车位信息 shows them by type) */
export const DISPUTE_TYPE_METRICS = {
  property_fee: 'propertyFeeDisputes',
  service_quality: 'serviceQualityDisputes',
  common_fund: 'commonFundDisputes',
  committee: 'committeeDisputes',
  handover: 'handoverDisputes',
  renovation: 'renovationDisputes',
  neighbour: 'neighbourDisputes',
  other: 'otherDisputes',
} as const satisfies Partial<Record<DisputeType, DisputesMetric>>

const stateMetric = (state: DisputeState): MetricDeclaration =>
  ({ label: DISPUTE_STATES[state], unit: '宗', format: 'count', aggregation: 'count', records: { state } }) as const
const typeMetric = (type: keyof typeof DISPUTE_TYPE_METRICS): MetricDeclaration =>
  ({ label: DISPUTE_TYPES[type], unit: '宗', format: 'count', aggregation: 'count', records: { type } }) as const

/**
 * 纠纷化解统计: the disputes of each child region (区 → 街道 → 社区 → 物业项目) by state and type, 办结率 and
 * 平均办理天数, from one `dispute_facts` row per dispute (current state, docs/disputes.md). Each count opens
 * the 总台账 rows behind it (same region, state or type).
 */
export const disputesStatistics: StatisticsDeclaration<DisputesMetric> = {
  cube: 'disputes',
  facts: [{ table: 'dispute_facts', topic: 'dispute' }],
  title: '纠纷化解统计',
  page: 'dispute-stats',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'dispute-records',
  records: {
    list: 'disputes.index',
    export: 'disputes.export',
    title: '纠纷台账',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'title', label: '纠纷事项', width: 200 },
      { key: 'disputeType', label: '纠纷类型', format: 'status', nameKey: 'disputeTypeName', width: 130 },
      { key: 'reportedOn', label: '受理日期', format: 'date', width: 110 },
      { key: 'state', label: '状态', format: 'status', nameKey: 'stateName', width: 100 },
      { key: 'closedAt', label: '办结时间', format: 'datetime', width: 160 },
    ],
    filters: [
      { key: 'q', label: '纠纷事项、物业项目或当事人', kind: 'keyword' },
      { key: 'ledger', label: '台账', kind: 'select', options: Object.entries(DISPUTE_LEDGERS).map(([value, label]) => ({ value, label })) },
      { key: 'type', label: '纠纷类型', kind: 'select', options: Object.entries(DISPUTE_TYPES).map(([value, label]) => ({ value, label })) },
      { key: 'type_group', label: '纠纷大类', kind: 'select', options: Object.entries(DISPUTE_TYPE_GROUPS).map(([value, label]) => ({ value, label })) },
      { key: 'state', label: '状态', kind: 'select', options: Object.entries(DISPUTE_STATES).map(([value, label]) => ({ value, label })) },
    ],
  },
  metrics: {
    disputes: { label: '纠纷总数', unit: '宗', format: 'count', aggregation: 'count', records: {} },
    registeredDisputes: stateMetric('registered'),
    transferredDisputes: stateMetric('transferred'),
    handlingDisputes: stateMetric('handling'),
    closingDisputes: stateMetric('closing'),
    closedDisputes: stateMetric('closed'),
    openDisputes: { label: '未办结', unit: '宗', format: 'count', aggregation: 'count', records: { ledger: 'open' }, description: '已办结以外的纠纷' },
    closeRate: { label: '办结率', format: 'percent', aggregation: 'rate', description: '已办结 ÷ 纠纷总数' },
    averageDays: { label: '平均办理天数', unit: '天', format: 'score', aggregation: 'average', description: '已办结纠纷从受理日期到办结日期（深圳时间）的平均天数' },
    propertyFeeDisputes: typeMetric('property_fee'),
    serviceQualityDisputes: typeMetric('service_quality'),
    commonFundDisputes: typeMetric('common_fund'),
    committeeDisputes: typeMetric('committee'),
    handoverDisputes: typeMetric('handover'),
    renovationDisputes: typeMetric('renovation'),
    neighbourDisputes: typeMetric('neighbour'),
    parkingDisputes: { label: '车位纠纷', unit: '宗', format: 'count', aggregation: 'count', records: { type_group: 'parking' }, description: '住宅小区车位纠纷（各类型见车位信息）' },
    otherDisputes: typeMetric('other'),
  },
  columnGroups: [
    { label: '办理状态', columns: [
      { metric: 'registeredDisputes', label: '待转办' }, { metric: 'transferredDisputes', label: '待处理' }, { metric: 'handlingDisputes', label: '处理中' },
      { metric: 'closingDisputes', label: '待确认办结' }, { metric: 'closedDisputes', label: '已办结' }, { metric: 'openDisputes', label: '未办结' },
    ] },
  ],
  keyFigures: ['disputes', 'openDisputes', 'closeRate', 'averageDays'],
  charts: [
    { title: '办理状态', kind: 'donut', metrics: ['registeredDisputes', 'transferredDisputes', 'handlingDisputes', 'closingDisputes', 'closedDisputes'] },
    { title: '纠纷类型', kind: 'donut', metrics: ['propertyFeeDisputes', 'serviceQualityDisputes', 'commonFundDisputes', 'committeeDisputes', 'handoverDisputes', 'renovationDisputes', 'neighbourDisputes', 'parkingDisputes', 'otherDisputes'] },
    { title: '各区域纠纷办理', kind: 'bar', stack: true, metrics: ['registeredDisputes', 'transferredDisputes', 'handlingDisputes', 'closingDisputes', 'closedDisputes'] },
  ],
}

const LIST_QUERY = ['ledger', 'region_id', 'estate_id', 'state', 'type', 'type_group', 'q', 'reported_from', 'reported_to', 'page', 'per_page'] as const

/**
 * 纠纷化解台账 (module 22): the city or district bureau enters a dispute (type, parties, estate, summary,
 * attachments) and transfers (转办) it to the estate's street; the street handles it (处理, required
 * fields and attachments) and applies to close it (申请办结); the bureau confirms (确认办结) or returns it
 * (退回). Every step is a declared transition of the `dispute` process (backend dispute_process.ts).
 */
export const disputes = defineModule({
  no: 22,
  name: '纠纷化解台账',
  slug: 'disputes',
  status: 'live',
  group: 'business',
  features: { 'disputes.view': '查看', 'disputes.handle': '处理与申请办结', 'disputes.export': '导出', 'disputes.manage': '录入与转办' },
  routes: [
    { name: 'dispute_stats.index', method: 'GET', path: 'stats/disputes', access: 'disputes.view', label: '纠纷化解统计', scoped: true, query: ['region_id'] },
    { name: 'dispute_stats.export', method: 'GET', path: 'stats/disputes/export', access: 'disputes.export', label: '导出纠纷化解统计', scoped: true, query: ['region_id'] },
    { name: 'disputes.index', method: 'GET', path: 'disputes', access: 'disputes.view', label: '纠纷台账', scoped: true, query: LIST_QUERY },
    { name: 'disputes.export', method: 'GET', path: 'disputes/export', access: 'disputes.export', label: '导出纠纷台账', scoped: true, query: LIST_QUERY.filter((key) => key !== 'page' && key !== 'per_page') },
    { name: 'disputes.estates', method: 'GET', path: 'disputes/estates', access: 'disputes.manage', label: '可录入纠纷的物业项目', query: ['q'] },
    { name: 'dispute_attachments.upload', method: 'POST', path: 'disputes/attachments', access: ['disputes.manage', 'disputes.handle'], label: '上传纠纷附件' },
    { name: 'disputes.store', method: 'POST', path: 'disputes', access: 'disputes.manage', label: '录入纠纷', scoped: true },
    { name: 'disputes.show', method: 'GET', path: 'disputes/:id', access: 'disputes.view', label: '纠纷详情', params: { id: 'id' }, scoped: true },
    { name: 'disputes.transfer', method: 'POST', path: 'disputes/:id/transfer', access: 'disputes.manage', label: '转办纠纷', params: { id: 'id' }, scoped: true },
    { name: 'disputes.handle', method: 'POST', path: 'disputes/:id/handle', access: 'disputes.handle', label: '处理纠纷', params: { id: 'id' }, scoped: true },
    { name: 'disputes.apply_close', method: 'POST', path: 'disputes/:id/apply-close', access: 'disputes.handle', label: '申请办结纠纷', params: { id: 'id' }, scoped: true },
    { name: 'disputes.confirm_close', method: 'POST', path: 'disputes/:id/confirm-close', access: 'disputes.manage', label: '确认办结纠纷', params: { id: 'id' }, scoped: true },
    { name: 'disputes.return', method: 'POST', path: 'disputes/:id/return', access: 'disputes.manage', label: '退回纠纷', params: { id: 'id' }, scoped: true },
    { name: 'dispute_attachments.download', method: 'GET', path: 'disputes/:id/attachments/:attachmentId', access: 'disputes.view', label: '下载纠纷附件', params: { id: 'id', attachmentId: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'dispute-open', path: '/disputes/open', title: '未办结台账', feature: 'disputes.view', apps: ['pc', 'h5'], menu: true },
    { name: 'dispute-closed', path: '/disputes/closed', title: '已办结台账', feature: 'disputes.view', apps: ['pc'], menu: true },
    { name: 'dispute-all', path: '/disputes', title: '总台账', feature: 'disputes.view', apps: ['pc'], menu: true },
    { name: 'dispute-detail', path: '/disputes/:id(\\d+)', title: '纠纷详情', feature: 'disputes.view', apps: ['pc', 'h5'] },
    // the generic statistics page and the records behind its numbers (穿透: the 总台账 rows, same filters)
    { name: 'dispute-stats', path: '/disputes/stats', title: '纠纷化解统计', feature: 'disputes.view', apps: ['pc', 'h5'], menu: true },
    { name: 'dispute-records', path: '/disputes/records', title: '纠纷台账', feature: 'disputes.view', apps: ['pc', 'h5'] },
  ],
  tile: { label: '纠纷化解', icon: 'balance-o', page: 'dispute-open' },
  processes: [{ name: 'dispute', label: '纠纷化解', todoPage: 'dispute-detail' }],
  statistics: disputesStatistics,
})
