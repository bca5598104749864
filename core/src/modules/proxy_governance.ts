import { defineModule } from './types.ts'

/** 居代业's states (domain-rules §8): 意见征集 → 不启动 → 已结束, or 指定 → 代行中 → 终止 → 已结束. */
export const PROXY_GOVERNANCE_STATES = { collecting: '意见征集', acting: '代行中', ended: '已结束' } as const
export type ProxyGovernanceState = keyof typeof PROXY_GOVERNANCE_STATES

/** How an ended 居代业 ended. */
export const PROXY_GOVERNANCE_OUTCOMES = { declined: '不启动', terminated: '已终止' } as const
export type ProxyGovernanceOutcome = keyof typeof PROXY_GOVERNANCE_OUTCOMES

/** The user-fired steps after 发起 and their Chinese names. */
export const PROXY_GOVERNANCE_ACTIONS = { decline: '不启动', appoint: '指定', terminate: '终止' } as const
export type ProxyGovernanceAction = keyof typeof PROXY_GOVERNANCE_ACTIONS

/**
 * 居代业管理 (module 23): for an estate without a working owners' committee, the residents'
 * committee acts for the owners. Every step is a declared transition of the `proxy_governance`
 * process and publishes its announcement through 信息公开 in the same transaction. docs/proxy_governance.md.
 */
export const proxyGovernance = defineModule({
  no: 23,
  name: '居代业管理',
  slug: 'proxy_governance',
  status: 'live',
  group: 'business',
  features: { 'proxy_governance.view': '查看', 'proxy_governance.handle': '发起与办理' },
  routes: [
    { name: 'proxy_governances.index', method: 'GET', path: 'proxy-governances', access: 'proxy_governance.view', label: '居代业列表', scoped: true, query: ['region_id', 'estate_id', 'state', 'q', 'page', 'per_page'] },
    { name: 'proxy_governances.export', method: 'GET', path: 'proxy-governances/export', access: 'proxy_governance.view', label: '导出居代业列表', scoped: true, query: ['region_id', 'estate_id', 'state', 'q'] },
    { name: 'proxy_governances.estates', method: 'GET', path: 'proxy-governances/estates', access: 'proxy_governance.handle', label: '可发起居代业的物业项目', query: ['q'] },
    { name: 'proxy_governances.store', method: 'POST', path: 'proxy-governances', access: 'proxy_governance.handle', label: '发起居代业', scoped: true },
    { name: 'proxy_governances.show', method: 'GET', path: 'proxy-governances/:id', access: 'proxy_governance.view', label: '居代业详情', params: { id: 'id' }, scoped: true },
    { name: 'proxy_governances.decline', method: 'POST', path: 'proxy-governances/:id/decline', access: 'proxy_governance.handle', label: '居代业不启动', params: { id: 'id' }, scoped: true },
    { name: 'proxy_governances.appoint', method: 'POST', path: 'proxy-governances/:id/appoint', access: 'proxy_governance.handle', label: '居代业指定', params: { id: 'id' }, scoped: true },
    { name: 'proxy_governances.terminate', method: 'POST', path: 'proxy-governances/:id/terminate', access: 'proxy_governance.handle', label: '居代业终止', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'proxy-governances', path: '/proxy-governances', title: '居代业管理', feature: 'proxy_governance.view', apps: ['pc', 'h5'], menu: true },
    { name: 'proxy-governance-detail', path: '/proxy-governances/:id(\\d+)', title: '居代业详情', feature: 'proxy_governance.view', apps: ['pc', 'h5'] },
  ],
  tile: { label: '居代业', icon: 'friends-o', page: 'proxy-governances' },
  processes: [{ name: 'proxy_governance', label: '居代业', todoPage: 'proxy-governance-detail' }],
})
