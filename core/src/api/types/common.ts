/** Shared wire types: regions, paging, the error body. */

export type RegionLevel = 'city' | 'district' | 'street' | 'community' | 'estate'

export interface RegionRef {
  id: number
  level: RegionLevel
  name: string
}

/** The place every records row starts with (PLACE_COLUMNS: 所属区, 所属街道, 所属社区, 物业项目). */
export interface EstatePlaceRow {
  districtName: string
  streetName: string
  communityName: string
  estateId: number
  estateName: string
}

export interface PageMeta {
  total: number
  page: number
  perPage: number
}

export interface ApiErrorBody {
  errors: { message: string; field?: string; rule?: string }[]
}
