/** 车位信息 (module 10): wire types of the parking records list and of 提醒更新. */
import type { ParkingSpaceKind, ParkingSpaceStatus } from '../../modules/parking.ts'
import type { EstatePlaceRow } from './common.ts'

/** one parking space of the records behind a 车位信息统计情况 number (穿透) */
export interface ParkingSpaceRow {
  id: number
  districtName: string
  streetName: string
  communityName: string
  estateId: number
  estateName: string
  code: string
  kind: ParkingSpaceKind
  kindName: string
  location: string
  status: ParkingSpaceStatus
  statusName: string
  /** for edits (the filings' rule: a stale version is a 409) */
  version: number
}

/** an estate's own parking (its project manager's maintenance page) */
export interface EstateParkingMeta {
  estate: { id: number; name: string }
  /** ISO time the parking information was first filled in; null = never */
  filledAt: string | null
  total: number
  page: number
  perPage: number
}

/** one estate of the list behind 物业项目数 / 未填报车位信息 (穿透 of the estate counts) */
export interface ParkingEstateRow extends EstatePlaceRow {
  /** filled: its parking information was filled in at least once; never: not yet */
  state: 'filled' | 'never'
  stateName: string
  /** the day (Asia/Shanghai) it was first filled in, YYYY-MM-DD; null = never */
  filledOn: string | null
  /** its parking spaces in the register */
  spaces: number
}
