import { PLACE_COLUMNS } from './place_columns.ts'
import { defineModule, type StatisticsDeclaration } from './types.ts'

/** The states of an announcement (信息公开): a draft is editable and deletable; a published one is immutable except for 作废. */
export const DISCLOSURE_STATES = { draft: '草稿', published: '已发布', voided: '已作废' } as const
export type DisclosureState = keyof typeof DISCLOSURE_STATES

/** Where an announcement came from: 发布信息公开 by hand, or another module's step (居代业, 电子投票). */
export const DISCLOSURE_SOURCES = { manual: '手工发布', proxy_governance: '居代业管理', voting: '电子投票' } as const
export type DisclosureSource = keyof typeof DISCLOSURE_SOURCES

/** The kinds of a template field and how they are validated (docs/disclosures.md). */
export const DISCLOSURE_FIELD_TYPES = { text: '单行文本', textarea: '多行文本', richtext: '富文本', date: '日期', number: '数字' } as const
export type DisclosureFieldType = keyof typeof DISCLOSURE_FIELD_TYPES

/** The seeded templates the statistics count by code (an administrator's own templates count as 其他模板). */
export const DISCLOSURE_TEMPLATE_CODES = { general: '通用公告', owners_assembly: '业主大会公告', proxy_governance: '居代业公告' } as const
export type DisclosureTemplateCode = keyof typeof DISCLOSURE_TEMPLATE_CODES

/** the metric keys of 信息公开统计 (the disclosures cube, warehouse/src/cubes/disclosures.ts, defines exactly these) */
export type DisclosureMetric =
  | 'estates' | 'disclosedEstates' | 'disclosureRate'
  | 'published' | 'voided'
  | 'manual' | 'proxyGovernance' | 'voting'
  | 'generalTemplate' | 'ownersAssemblyTemplate' | 'proxyGovernanceTemplate' | 'otherTemplates'

const options = (map: Readonly<Record<string, string>>) => Object.entries(map).map(([value, label]) => ({ value, label }))
const publishedOf = (records: Record<string, string>) => ({ label: '', unit: '条', format: 'count', aggregation: 'count', records: { state: 'published', ...records } }) as const

/**
 * 信息公开统计 per region: one `disclosure_facts` row per announcement that was published (drafts are the
 * street's work in progress and never counted; a deleted draft leaves nothing), with its template's code,
 * its source, its state (已发布 / 已作废) and the day it was published — fed by the `disclosure` outbox topic
 * in the transaction of every 发布 and 作废 (also another module's: 居代业, 电子投票). 本年已公开项目 are the
 * estates with at least one announcement published this year (Asia/Shanghai, the cube's `asOf`) and not
 * voided; 信息公开率 = those ÷ the estates, two decimals, — when the region has no estate. docs/disclosures.md.
 */
export const disclosureStatistics: StatisticsDeclaration<DisclosureMetric> = {
  cube: 'disclosures',
  facts: [{ table: 'disclosure_facts', topic: 'disclosure' }],
  title: '信息公开统计',
  page: 'disclosure-statistics',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'disclosure-records',
  records: {
    list: 'disclosures.index',
    export: 'disclosures.export',
    title: '信息公开记录',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'title', label: '标题', width: 240 },
      { key: 'templateName', label: '模板', width: 130 },
      { key: 'source', label: '来源', format: 'status', nameKey: 'sourceName', width: 110 },
      { key: 'state', label: '状态', format: 'status', nameKey: 'stateName', width: 90 },
      { key: 'publishedAt', label: '发布时间', format: 'datetime', width: 150 },
      { key: 'publishedByName', label: '发布人', width: 100 },
      { key: 'voidReason', label: '作废原因', width: 160 },
    ],
    filters: [
      { key: 'q', label: '标题或物业项目', kind: 'keyword' },
      { key: 'template', label: '模板', kind: 'select', options: options(DISCLOSURE_TEMPLATE_CODES) },
      { key: 'state', label: '状态', kind: 'select', options: options({ published: DISCLOSURE_STATES.published, voided: DISCLOSURE_STATES.voided }) },
      { key: 'source', label: '来源', kind: 'select', options: options(DISCLOSURE_SOURCES) },
    ],
  },
  metrics: {
    estates: { label: '物业项目', unit: '个', format: 'count', aggregation: 'count' },
    disclosedEstates: { label: '本年已公开项目', unit: '个', format: 'count', aggregation: 'count', description: '本年内至少发布过一条（未作废）信息公开的物业项目' },
    disclosureRate: { label: '信息公开率', unit: '%', format: 'score', aggregation: 'average', description: '本年已公开项目 ÷ 物业项目 × 100，两位小数；没有物业项目时显示 —' },
    published: { ...publishedOf({}), label: '已发布', description: '已发布且未作废的信息公开（不含草稿）' },
    voided: { label: '已作废', unit: '条', format: 'count', aggregation: 'count', records: { state: 'voided' } },
    manual: { ...publishedOf({ source: 'manual' }), label: '手工发布' },
    proxyGovernance: { ...publishedOf({ source: 'proxy_governance' }), label: '居代业管理' },
    voting: { ...publishedOf({ source: 'voting' }), label: '电子投票' },
    generalTemplate: { ...publishedOf({ template: 'general' }), label: '通用公告' },
    ownersAssemblyTemplate: { ...publishedOf({ template: 'owners_assembly' }), label: '业主大会公告' },
    proxyGovernanceTemplate: { ...publishedOf({ template: 'proxy_governance' }), label: '居代业公告' },
    otherTemplates: { label: '其他模板', unit: '条', format: 'count', aggregation: 'count', description: '市管理员新增模板发布的信息公开（已发布且未作废）' },
  },
  keyFigures: ['published', 'voided', 'disclosedEstates', 'disclosureRate'],
  charts: [
    { title: '信息公开来源', kind: 'donut', metrics: ['manual', 'proxyGovernance', 'voting'] },
    { title: '信息公开模板', kind: 'donut', metrics: ['generalTemplate', 'ownersAssemblyTemplate', 'proxyGovernanceTemplate', 'otherTemplates'] },
    { title: '各区域信息公开', kind: 'bar', stack: true, metrics: ['published', 'voided'] },
  ],
}

/**
 * 信息公开 (module 16): the city administrator keeps the templates (居代业, 业主大会, 通用公告 …; each
 * declares its fields); a street publishes announcements for the estates of its street from a
 * template (draft → 发布, immutable; 作废 with a reason keeps it visible, struck through; only a draft
 * may be deleted). Other modules publish through `publishDisclosure` inside their own transaction.
 * Owners and estate-side accounts read their estates' announcements on H5 (公示公告). docs/disclosures.md.
 */
export const disclosures = defineModule({
  no: 16,
  name: '信息公开',
  slug: 'disclosures',
  status: 'live',
  group: 'business',
  features: { 'disclosures.view': '查询', 'disclosures.manage': '发布、作废与删除' },
  routes: [
    { name: 'disclosure_templates.index', method: 'GET', path: 'disclosure-templates', access: ['disclosures.view', 'disclosures.manage'], label: '信息公开模板', query: [] },
    { name: 'disclosure_templates.store', method: 'POST', path: 'disclosure-templates', access: 'disclosures.manage', label: '新增信息公开模板' },
    { name: 'disclosure_templates.update', method: 'PUT', path: 'disclosure-templates/:id', access: 'disclosures.manage', label: '修改信息公开模板', params: { id: 'id' } },
    { name: 'disclosures.index', method: 'GET', path: 'disclosures', access: 'disclosures.view', label: '信息公开查询', scoped: true, query: ['region_id', 'estate_id', 'template_id', 'template', 'state', 'source', 'q', 'from', 'to', 'page', 'per_page'] },
    { name: 'disclosures.export', method: 'GET', path: 'disclosures/export', access: 'disclosures.view', label: '导出信息公开', scoped: true, query: ['region_id', 'estate_id', 'template_id', 'template', 'state', 'source', 'q', 'from', 'to'] },
    // 信息公开统计 (warehouse disclosure_facts): per child region, 穿透 to 信息公开查询's rows
    { name: 'disclosure_stats.index', method: 'GET', path: 'stats/disclosures', access: 'disclosures.view', label: '信息公开统计', scoped: true, query: ['region_id'] },
    { name: 'disclosure_stats.export', method: 'GET', path: 'stats/disclosures/export', access: 'disclosures.view', label: '导出信息公开统计', scoped: true, query: ['region_id'] },
    { name: 'disclosures.estates', method: 'GET', path: 'disclosures/estates', access: 'disclosures.manage', label: '可发布的物业项目', query: ['q'] },
    { name: 'disclosures.preview', method: 'POST', path: 'disclosures/preview', access: 'disclosures.manage', label: '预览信息公开' },
    { name: 'disclosures.store', method: 'POST', path: 'disclosures', access: 'disclosures.manage', label: '发布信息公开', scoped: true },
    { name: 'disclosures.show', method: 'GET', path: 'disclosures/:id', access: 'disclosures.view', label: '信息公开详情', params: { id: 'id' }, scoped: true },
    { name: 'disclosures.update', method: 'PUT', path: 'disclosures/:id', access: 'disclosures.manage', label: '修改信息公开草稿', params: { id: 'id' }, scoped: true },
    { name: 'disclosures.publish', method: 'POST', path: 'disclosures/:id/publish', access: 'disclosures.manage', label: '发布信息公开草稿', params: { id: 'id' }, scoped: true },
    { name: 'disclosures.void', method: 'POST', path: 'disclosures/:id/void', access: 'disclosures.manage', label: '作废信息公开', params: { id: 'id' }, scoped: true },
    { name: 'disclosures.destroy', method: 'DELETE', path: 'disclosures/:id', access: 'disclosures.manage', label: '删除信息公开草稿', params: { id: 'id' }, scoped: true },
    // 公示公告: the published announcements of the user's own scope (an owner's estates, a street's estates)
    { name: 'disclosure_board.index', method: 'GET', path: 'disclosures/board', access: 'session', label: '公示公告', query: ['page', 'per_page'] },
    { name: 'disclosure_board.show', method: 'GET', path: 'disclosures/board/:id', access: 'session', label: '查看公示公告', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'disclosures', path: '/disclosures', title: '信息公开查询', feature: 'disclosures.view', apps: ['pc', 'h5'], menu: true },
    { name: 'disclosure-publish', path: '/disclosures/publish', title: '发布信息公开', feature: 'disclosures.manage', apps: ['pc'], menu: true },
    { name: 'disclosure-statistics', path: '/disclosures/statistics', title: '信息公开统计', feature: 'disclosures.view', apps: ['pc', 'h5'], menu: true },
    { name: 'disclosure-records', path: '/disclosures/records', title: '信息公开记录', feature: 'disclosures.view', apps: ['pc', 'h5'] },
    { name: 'disclosure-templates', path: '/disclosures/templates', title: '信息公开模板', feature: 'disclosures.manage', apps: ['pc'], menu: true },
    { name: 'disclosure-detail', path: '/disclosures/:id(\\d+)', title: '信息公开详情', feature: 'disclosures.view', apps: ['pc', 'h5'] },
    { name: 'disclosure-board', path: '/disclosures/board', title: '公示公告', apps: ['h5'], menu: true },
    { name: 'disclosure-board-detail', path: '/disclosures/board/:id(\\d+)', title: '公示公告', apps: ['h5'] },
  ],
  tile: { label: '公示公告', icon: 'bullhorn-o', page: 'disclosure-board' },
  statistics: disclosureStatistics,
})
