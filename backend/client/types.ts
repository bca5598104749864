/**
 * Wire types of the HTTP API, shared by the backend transformers and both front ends.
 * A change here breaks the build of whichever side disagrees.
 */

export type RegionLevel = 'city' | 'district' | 'street' | 'community' | 'estate'

export interface RegionRef {
  id: number
  level: RegionLevel
  name: string
}

export interface CurrentUser {
  id: number
  name: string
  /** masked, e.g. 138****1234 */
  phone: string
  role: string
  roleName: string
  region: RegionRef & { path: RegionRef[] }
  features: string[]
}

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

export interface EstateDetail {
  id: number
  name: string
  address: string
  type: string
  communityName: string
  streetName: string
  districtName: string
  buildingArea: number
  houseCount: number
  householdCount: number
  companyName: string
  managerName: string
  hasCommittee: boolean
}

export interface PageMeta {
  total: number
  page: number
  perPage: number
}

export interface ApiErrorBody {
  errors: { message: string; field?: string; rule?: string }[]
}

/** 项目管理 (module 5): estate profile numbers per region. */
export interface ProjectMetrics {
  estates: number
  residentialEstates: number
  commercialEstates: number
  officeEstates: number
  mixedEstates: number
  houses: number
  households: number
  /** m² */
  buildingArea: number
  /** distinct property service companies */
  companies: number
  withCommittee: number
  withoutCommittee: number
}

export interface ProjectStatsRow extends ProjectMetrics {
  /** region id, or estate id when level === 'estate' */
  id: number
  level: RegionLevel
  name: string
}

export interface ProjectStatsMeta {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: ProjectMetrics
  freshAt: string | null
}

/** One row of the scrolling estate list (物业项目基本信息). */
export interface EstateListRow {
  id: number
  name: string
  type: string
  address: string
  districtName: string
  streetName: string
  communityName: string
  buildingArea: number
  houseCount: number
  householdCount: number
  companyName: string
  managerName: string
  hasCommittee: boolean
}
