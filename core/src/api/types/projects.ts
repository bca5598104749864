/** Wire types of 项目管理 (module 5): estate profile numbers per region, the estate list. */
import type { RegionLevel, RegionRef } from './common.ts'

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

export interface EstateListQuery {
  region_id?: number
  /** one estate (the estate page's tab; its export is named after the estate) */
  estate_id?: number
  q?: string
  /** 住宅 / 商业 / 办公 / 混合 */
  estate_type?: string
  /** 'true' | 'false' */
  has_committee?: string
  page?: number
  per_page?: number
}
