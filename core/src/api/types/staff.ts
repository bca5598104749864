/** 从业人员信息 (module 9): the wire types of the practitioners API. */
import type { EstatePlaceRow } from './common.ts'

/** 物业项目的从业人员 ('estate') or 物业服务企业从业人员 ('company') */
export type StaffGroup = 'estate' | 'company'

/** a certificate of a practitioner (dates YYYY-MM-DD; validUntil null = no expiry) */
export interface StaffCertificate {
  id: number
  name: string
  number: string
  issuedOn: string
  validUntil: string | null
  /** expired as of the platform's date */
  expired: boolean
}

/** one practitioner: a row of the records behind a 从业人员信息 number (穿透) and of the PM's list */
export interface StaffRecordRow {
  id: number
  staffGroup: StaffGroup
  staffGroupName: string
  districtName: string
  streetName: string
  communityName: string
  /** null for a company practitioner */
  estateId: number | null
  estateName: string | null
  companyName: string
  companyCreditCode: string | null
  name: string
  /** masked (440304********123X) */
  idNumber: string
  /** masked (138****0003) */
  phone: string
  post: string
  postName: string
  isLead: boolean
  hiredOn: string | null
  certificateCount: number
  expiredCertificateCount: number
  /** the certificates' names, joined (the list and the export) */
  certificateNames: string
  version: number
}

/** a practitioner with its certificates (the maintenance API) */
export interface StaffMember extends StaffRecordRow {
  certificates: StaffCertificate[]
}

/** the estate's staff information state (the maintenance page's header) */
export interface EstateStaffState {
  estateId: number
  estateName: string
  practitioners: number
  confirmedAt: string | null
  /** missing: no practitioner; stale: last confirmed more than STAFF_STALE_DAYS ago (or never) */
  state: 'missing' | 'stale' | 'current'
}

/** one estate of the list behind 物业项目数 / 未填报项目 / 信息过期项目 (穿透 of the estate counts) */
export interface StaffEstateRow extends EstatePlaceRow {
  /** missing: no practitioner; stale: last confirmed more than STAFF_STALE_DAYS ago (or never); current */
  state: 'missing' | 'stale' | 'current'
  stateName: string
  /** the estate's own practitioners (物业项目的从业人员) */
  practitioners: number
  /** the day (Asia/Shanghai) of the last 确认信息无误, YYYY-MM-DD; null = never */
  confirmedOn: string | null
}
