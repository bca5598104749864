/** Shared wire types: regions, paging, the error body. */

export type RegionLevel = 'city' | 'district' | 'street' | 'community' | 'estate'

export interface RegionRef {
  id: number
  level: RegionLevel
  name: string
}

export interface PageMeta {
  total: number
  page: number
  perPage: number
}

export interface ApiErrorBody {
  errors: { message: string; field?: string; rule?: string }[]
}
