import { defineModule } from './types.ts'
import { PARKING_DISPUTE_TYPES } from './parking.ts'

/**
 * Dispute types of 纠纷化解台账. The `parking_*` ones are the 住宅小区车位纠纷 types of 车位信息
 * (module 10, PARKING_DISPUTE_TYPES without their 其他); `other` is 其他纠纷.
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
  other: '其他纠纷',
} as const
export type DisputeType = keyof typeof DISPUTE_TYPES

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

const LIST_QUERY = ['ledger', 'region_id', 'estate_id', 'state', 'type', 'q', 'reported_from', 'reported_to', 'page', 'per_page'] as const

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
  ],
  tile: { label: '纠纷化解', icon: 'balance-o', page: 'dispute-open' },
  processes: [{ name: 'dispute', label: '纠纷化解', todoPage: 'dispute-detail' }],
})
