import { defineModule } from './types.ts'

/** The states of an announcement (信息公开): a draft is editable and deletable; a published one is immutable except for 作废. */
export const DISCLOSURE_STATES = { draft: '草稿', published: '已发布', voided: '已作废' } as const
export type DisclosureState = keyof typeof DISCLOSURE_STATES

/** Where an announcement came from: 发布信息公开 by hand, or another module's step (居代业, 电子投票). */
export const DISCLOSURE_SOURCES = { manual: '手工发布', proxy_governance: '居代业管理', voting: '电子投票' } as const
export type DisclosureSource = keyof typeof DISCLOSURE_SOURCES

/** The kinds of a template field and how they are validated (docs/disclosures.md). */
export const DISCLOSURE_FIELD_TYPES = { text: '单行文本', textarea: '多行文本', richtext: '富文本', date: '日期', number: '数字' } as const
export type DisclosureFieldType = keyof typeof DISCLOSURE_FIELD_TYPES

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
    { name: 'disclosures.index', method: 'GET', path: 'disclosures', access: 'disclosures.view', label: '信息公开查询', scoped: true, query: ['region_id', 'estate_id', 'template_id', 'state', 'source', 'q', 'from', 'to', 'page', 'per_page'] },
    { name: 'disclosures.export', method: 'GET', path: 'disclosures/export', access: 'disclosures.view', label: '导出信息公开', scoped: true, query: ['region_id', 'estate_id', 'template_id', 'state', 'source', 'q', 'from', 'to'] },
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
    { name: 'disclosure-templates', path: '/disclosures/templates', title: '信息公开模板', feature: 'disclosures.manage', apps: ['pc'], menu: true },
    { name: 'disclosure-detail', path: '/disclosures/:id(\\d+)', title: '信息公开详情', feature: 'disclosures.view', apps: ['pc', 'h5'] },
    { name: 'disclosure-board', path: '/disclosures/board', title: '公示公告', apps: ['h5'], menu: true },
    { name: 'disclosure-board-detail', path: '/disclosures/board/:id(\\d+)', title: '公示公告', apps: ['h5'] },
  ],
  tile: { label: '公示公告', icon: 'bullhorn-o', page: 'disclosure-board' },
})
