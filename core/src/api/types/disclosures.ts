/** 信息公开 (16) and 居代业管理 (23) wire types: backend/app/modules/{disclosures,proxy_governance}/*_transformer.ts build them. */
import type { DisclosureFieldType, DisclosureSource, DisclosureState } from '../../modules/disclosures.ts'
import type { ProxyGovernanceAction, ProxyGovernanceOutcome, ProxyGovernanceState } from '../../modules/proxy_governance.ts'
import type { WorkflowHistoryEntry } from './todos.ts'

/** a field an announcement of the template holds */
export interface DisclosureTemplateField {
  key: string
  label: string
  type: DisclosureFieldType
  required: boolean
  /** characters at most (text, textarea, richtext as sent) */
  maxLength?: number
}

export interface DisclosureTemplate {
  id: number
  code: string
  name: string
  fields: DisclosureTemplateField[]
  /** used by another module (居代业): its fields are fixed and nobody publishes it by hand */
  system: boolean
  active: boolean
  version: number
}

export interface DisclosureRow {
  id: number
  title: string
  templateId: number
  templateName: string
  estateId: number
  estateName: string
  communityName: string
  streetName: string
  state: DisclosureState
  stateName: string
  source: DisclosureSource
  sourceName: string
  sourceId: number | null
  publishedAt: string | null
  publishedByName: string | null
  voidedAt: string | null
  voidReason: string | null
  createdAt: string
  version: number
}

export interface DisclosureDetail extends DisclosureRow {
  /** the values as filled in (rich text sanitised) */
  fields: Record<string, string | number>
  /** the announcement as published: sanitised HTML */
  bodyHtml: string
  template: DisclosureTemplate
  voidedByName: string | null
  can: { edit: boolean; publish: boolean; void: boolean; destroy: boolean }
}

export interface DisclosureEstateOption {
  id: number
  name: string
  communityName: string
}

export interface ProxyGovernanceRow {
  id: number
  estateId: number
  estateName: string
  communityName: string
  streetName: string
  state: ProxyGovernanceState
  stateName: string
  outcome: ProxyGovernanceOutcome | null
  outcomeName: string | null
  reason: string
  agent: string | null
  startedByName: string | null
  startedAt: string
  actingSince: string | null
  endedAt: string | null
  version: number
}

export interface ProxyGovernanceDetail extends ProxyGovernanceRow {
  history: WorkflowHistoryEntry[]
  /** the announcements each step published through 信息公开 */
  disclosures: DisclosureRow[]
  /** the steps the signed-in user may take now */
  actions: ProxyGovernanceAction[]
}

export interface ProxyGovernanceEstateOption {
  id: number
  name: string
  communityName: string
  hasCommittee: boolean
  /** the open 居代业 of the estate, if any */
  openId: number | null
}
