/** 信息公开 (module 16) and 居代业管理 (module 23). */
import type { Http, Query } from './http.ts'
import type { DisclosureFieldType, DisclosureSource, DisclosureState } from '../modules/disclosures.ts'
import type { ProxyGovernanceAction, ProxyGovernanceOutcome, ProxyGovernanceState } from '../modules/proxy_governance.ts'
import type {
  DisclosureDetail, DisclosureEstateOption, DisclosureRow, DisclosureTemplate, ProxyGovernanceDetail, ProxyGovernanceEstateOption, ProxyGovernanceRow,
} from './types.ts'

export interface DisclosureQuery {
  region_id?: number
  estate_id?: number
  template_id?: number
  /** a template's code (信息公开统计's 穿透) */
  template?: string
  state?: DisclosureState
  source?: DisclosureSource
  q?: string
  from?: string
  to?: string
  page?: number
  per_page?: number
}

export interface DisclosureInput {
  template_id: number
  estate_id: number
  title: string
  fields: Record<string, string | number>
  /** true = 发布 at once; false = keep as a draft */
  publish?: boolean
}

export interface DisclosureTemplateInput {
  code: string
  name: string
  active: boolean
  fields: { key: string; label: string; type: DisclosureFieldType; required: boolean; maxLength?: number }[]
}

export interface ProxyGovernanceQuery {
  region_id?: number
  estate_id?: number
  state?: ProxyGovernanceState
  outcome?: ProxyGovernanceOutcome
  q?: string
  page?: number
  per_page?: number
}

type Paged = { total: number; page: number; perPage: number }

export function disclosuresApi(http: Http) {
  return {
    templates: () => http.call<DisclosureTemplate[]>('disclosure_templates.index'),
    createTemplate: (input: DisclosureTemplateInput) => http.call<DisclosureTemplate>('disclosure_templates.store', { body: input }),
    updateTemplate: (id: number, input: DisclosureTemplateInput & { version: number }) =>
      http.call<DisclosureTemplate>('disclosure_templates.update', { params: { id }, body: input }),
    list: (query: DisclosureQuery = {}) => http.call<DisclosureRow[], Paged>('disclosures.index', { query: query as Query }),
    exportUrl: (query: Omit<DisclosureQuery, 'page' | 'per_page'> = {}) => http.url('disclosures.export', { query: query as Query }),
    estates: (q?: string) => http.call<DisclosureEstateOption[]>('disclosures.estates', { query: (q ? { q } : {}) as Query }),
    preview: (input: DisclosureInput) => http.call<{ title: string; bodyHtml: string }>('disclosures.preview', { body: input }),
    create: (input: DisclosureInput) => http.call<DisclosureDetail>('disclosures.store', { body: input }),
    show: (id: number) => http.call<DisclosureDetail>('disclosures.show', { params: { id } }),
    update: (id: number, input: DisclosureInput & { version: number }) => http.call<DisclosureDetail>('disclosures.update', { params: { id }, body: input }),
    publish: (id: number, version: number) => http.call<DisclosureDetail>('disclosures.publish', { params: { id }, body: { version } }),
    void: (id: number, version: number, reason: string) => http.call<DisclosureDetail>('disclosures.void', { params: { id }, body: { version, reason } }),
    destroy: (id: number, version: number) => http.call<{ id: number }>('disclosures.destroy', { params: { id }, body: { version } }),
    /** 公示公告: the published announcements of the user's own estates or region */
    board: (query: { page?: number; per_page?: number } = {}) => http.call<DisclosureRow[], Paged>('disclosure_board.index', { query: query as Query }),
    boardItem: (id: number) => http.call<DisclosureDetail>('disclosure_board.show', { params: { id } }),
  }
}

export function proxyGovernanceApi(http: Http) {
  return {
    list: (query: ProxyGovernanceQuery = {}) => http.call<ProxyGovernanceRow[], Paged>('proxy_governances.index', { query: query as Query }),
    exportUrl: (query: Omit<ProxyGovernanceQuery, 'page' | 'per_page'> = {}) => http.url('proxy_governances.export', { query: query as Query }),
    estates: (q?: string) => http.call<ProxyGovernanceEstateOption[]>('proxy_governances.estates', { query: (q ? { q } : {}) as Query }),
    start: (input: { estate_id: number; reason: string; content: string }) => http.call<ProxyGovernanceDetail>('proxy_governances.store', { body: input }),
    show: (id: number) => http.call<ProxyGovernanceDetail>('proxy_governances.show', { params: { id } }),
    /** 不启动 / 指定 / 终止: `content` is the announcement published with the step */
    fire: (id: number, action: ProxyGovernanceAction, input: { version: number; remark: string; content: string; agent?: string }) =>
      http.call<ProxyGovernanceDetail>(`proxy_governances.${action}`, { params: { id }, body: input }),
  }
}
