import { PLACE_COLUMNS } from './place_columns.ts'
import { defineModule, type StatisticsDeclaration } from './types.ts'

/** 居代业's states (domain-rules §8): 意见征集 → 不启动 → 已结束, or 指定 → 代行中 → 终止 → 已结束. */
export const PROXY_GOVERNANCE_STATES = { collecting: '意见征集', acting: '代行中', ended: '已结束' } as const
export type ProxyGovernanceState = keyof typeof PROXY_GOVERNANCE_STATES

/** How an ended 居代业 ended. */
export const PROXY_GOVERNANCE_OUTCOMES = { declined: '不启动', terminated: '已终止' } as const
export type ProxyGovernanceOutcome = keyof typeof PROXY_GOVERNANCE_OUTCOMES

/** The user-fired steps after 发起 and their Chinese names. */
export const PROXY_GOVERNANCE_ACTIONS = { decline: '不启动', appoint: '指定', terminate: '终止' } as const
export type ProxyGovernanceAction = keyof typeof PROXY_GOVERNANCE_ACTIONS

/** the metric keys of 居代业统计 (the proxy_governance cube, warehouse/src/cubes/proxy_governance.ts, defines exactly these) */
export type ProxyGovernanceMetric =
  | 'estates' | 'estatesWithoutCommittee' | 'estatesUnderProxy'
  | 'cases' | 'collecting' | 'acting' | 'ended' | 'declined' | 'terminated'

const stateOptions = (map: Readonly<Record<string, string>>) => Object.entries(map).map(([value, label]) => ({ value, label }))

/**
 * 居代业统计 per region: one `proxy_governance_facts` row per 居代业 with its state (意见征集 / 代行中 /
 * 已结束) and outcome (不启动 / 已终止), fed by the `proxy_governance` outbox topic in the transaction of
 * every step (发起, 不启动, 指定, 终止); the estates without a working owners' committee come from the
 * estate dimension (estate_profile_facts.has_committee, 项目管理's profile). docs/proxy_governance.md.
 */
export const proxyGovernanceStatistics: StatisticsDeclaration<ProxyGovernanceMetric> = {
  cube: 'proxy_governance',
  facts: [{ table: 'proxy_governance_facts', topic: 'proxy_governance' }],
  title: '居代业统计',
  page: 'proxy-governance-statistics',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'proxy-governance-records',
  records: {
    list: 'proxy_governances.index',
    export: 'proxy_governances.export',
    title: '居代业记录',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'state', label: '状态', format: 'status', nameKey: 'stateName', width: 100 },
      { key: 'outcomeName', label: '结束方式', width: 100 },
      { key: 'reason', label: '发起原因', width: 220 },
      { key: 'agent', label: '代行主体', width: 160 },
      { key: 'startedByName', label: '发起人', width: 100 },
      { key: 'startedAt', label: '发起时间', format: 'datetime', width: 150 },
      { key: 'actingSince', label: '代行开始', format: 'datetime', width: 150 },
      { key: 'endedAt', label: '结束时间', format: 'datetime', width: 150 },
    ],
    filters: [
      { key: 'q', label: '物业项目或发起原因', kind: 'keyword' },
      { key: 'state', label: '状态', kind: 'select', options: stateOptions(PROXY_GOVERNANCE_STATES) },
      { key: 'outcome', label: '结束方式', kind: 'select', options: stateOptions(PROXY_GOVERNANCE_OUTCOMES) },
    ],
  },
  metrics: {
    estates: { label: '物业项目', unit: '个', format: 'count', aggregation: 'count' },
    estatesWithoutCommittee: { label: '未成立业委会项目', unit: '个', format: 'count', aggregation: 'count', description: '没有正常履职的业主委员会的物业项目' },
    estatesUnderProxy: { label: '居代业项目', unit: '个', format: 'count', aggregation: 'count', records: { state: 'acting' }, description: '居代业代行中的物业项目' },
    cases: { label: '居代业总数', unit: '件', format: 'count', aggregation: 'count', records: {} },
    collecting: { label: '意见征集', unit: '件', format: 'count', aggregation: 'count', records: { state: 'collecting' } },
    acting: { label: '代行中', unit: '件', format: 'count', aggregation: 'count', records: { state: 'acting' } },
    ended: { label: '已结束', unit: '件', format: 'count', aggregation: 'count', records: { state: 'ended' } },
    declined: { label: '已结束（不启动）', unit: '件', format: 'count', aggregation: 'count', records: { state: 'ended', outcome: 'declined' } },
    terminated: { label: '已结束（已终止）', unit: '件', format: 'count', aggregation: 'count', records: { state: 'ended', outcome: 'terminated' } },
  },
  keyFigures: ['estatesWithoutCommittee', 'estatesUnderProxy', 'collecting', 'acting'],
  charts: [
    { title: '居代业状态', kind: 'donut', metrics: ['collecting', 'acting', 'declined', 'terminated'] },
    { title: '各区域居代业', kind: 'bar', stack: true, metrics: ['collecting', 'acting', 'ended'] },
  ],
}

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
    { name: 'proxy_governances.index', method: 'GET', path: 'proxy-governances', access: 'proxy_governance.view', label: '居代业列表', scoped: true, query: ['region_id', 'estate_id', 'state', 'outcome', 'q', 'page', 'per_page'] },
    { name: 'proxy_governances.export', method: 'GET', path: 'proxy-governances/export', access: 'proxy_governance.view', label: '导出居代业列表', scoped: true, query: ['region_id', 'estate_id', 'state', 'outcome', 'q'] },
    // 居代业统计 (warehouse proxy_governance_facts): per child region, 穿透 to the 居代业 list
    { name: 'proxy_governance_stats.index', method: 'GET', path: 'stats/proxy_governance', access: 'proxy_governance.view', label: '居代业统计', scoped: true, query: ['region_id'] },
    { name: 'proxy_governance_stats.export', method: 'GET', path: 'stats/proxy_governance/export', access: 'proxy_governance.view', label: '导出居代业统计', scoped: true, query: ['region_id'] },
    { name: 'proxy_governances.estates', method: 'GET', path: 'proxy-governances/estates', access: 'proxy_governance.handle', label: '可发起居代业的物业项目', query: ['q'] },
    { name: 'proxy_governances.store', method: 'POST', path: 'proxy-governances', access: 'proxy_governance.handle', label: '发起居代业', scoped: true },
    { name: 'proxy_governances.show', method: 'GET', path: 'proxy-governances/:id', access: 'proxy_governance.view', label: '居代业详情', params: { id: 'id' }, scoped: true },
    { name: 'proxy_governances.decline', method: 'POST', path: 'proxy-governances/:id/decline', access: 'proxy_governance.handle', label: '居代业不启动', params: { id: 'id' }, scoped: true },
    { name: 'proxy_governances.appoint', method: 'POST', path: 'proxy-governances/:id/appoint', access: 'proxy_governance.handle', label: '居代业指定', params: { id: 'id' }, scoped: true },
    { name: 'proxy_governances.terminate', method: 'POST', path: 'proxy-governances/:id/terminate', access: 'proxy_governance.handle', label: '居代业终止', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'proxy-governances', path: '/proxy-governances', title: '居代业管理', feature: 'proxy_governance.view', apps: ['pc', 'h5'], menu: true },
    { name: 'proxy-governance-statistics', path: '/proxy-governances/statistics', title: '居代业统计', feature: 'proxy_governance.view', apps: ['pc', 'h5'], menu: true },
    { name: 'proxy-governance-records', path: '/proxy-governances/records', title: '居代业记录', feature: 'proxy_governance.view', apps: ['pc', 'h5'] },
    { name: 'proxy-governance-start', path: '/proxy-governances/start', title: '发起居代业', feature: 'proxy_governance.handle', apps: ['h5'] },
    { name: 'proxy-governance-detail', path: '/proxy-governances/:id(\\d+)', title: '居代业详情', feature: 'proxy_governance.view', apps: ['pc', 'h5'] },
  ],
  tile: { label: '居代业', icon: 'friends-o', page: 'proxy-governances' },
  processes: [{ name: 'proxy_governance', label: '居代业', todoPage: 'proxy-governance-detail' }],
  statistics: proxyGovernanceStatistics,
})
