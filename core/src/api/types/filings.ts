/** Wire types of 备案情况 (module 6). */
import type { RegionLevel, RegionRef } from './common.ts'

export type FilingKind = 'contract' | 'assembly'
/** filed / expired are stored states; not_filed means the estate has no live record of that kind */
export type FilingStatus = 'filed' | 'expired' | 'not_filed'

export interface FilingMetrics {
  estates: number
  contractFiled: number
  contractExpired: number
  contractNotFiled: number
  /** 0..1, contractFiled / estates */
  contractRate: number
  assemblyFiled: number
  assemblyNotFiled: number
  assemblyRate: number
}

export interface FilingStatsRow extends FilingMetrics {
  /** region id, or estate id when level === 'estate' */
  id: number
  level: RegionLevel
  name: string
}

export interface FilingStatsMeta {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: FilingMetrics
  /** ISO time of the newest change the warehouse has applied, or null */
  freshAt: string | null
}

export interface EstateFilingRow {
  estateId: number
  estateName: string
  communityName: string
  streetName: string
  districtName: string
  contractStatus: FilingStatus
  contractStatusName: string
  contractDocumentNo: string | null
  contractFiledOn: string | null
  contractExpiresOn: string | null
  assemblyStatus: FilingStatus
  assemblyStatusName: string
  assemblyDocumentNo: string | null
  assemblyFiledOn: string | null
}

export interface FilingHistoryEntry {
  action: 'create' | 'expire' | 'renew' | 'withdraw'
  actionName: string
  fromStatus: string | null
  toStatus: string
  actorName: string
  remark: string | null
  at: string
}

export interface FilingRecord {
  id: number
  estateId: number
  kind: FilingKind
  kindName: string
  status: 'filed' | 'expired' | 'withdrawn'
  statusName: string
  documentNo: string
  filedOn: string
  expiresOn: string | null
  version: number
  history: FilingHistoryEntry[]
}

export interface EstateFilingQuery {
  region_id?: number
  estate_id?: number
  contract_status?: string
  assembly_status?: string
  q?: string
  page?: number
  per_page?: number
}
