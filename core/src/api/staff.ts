/** 从业人员信息 (module 9): 提醒更新, and the estate project manager's own staff. */
import type { Http } from './http.ts'
import type { EstateStaffState, StaffMember, EstateReminderResult } from './types.ts'
import type { StaffPost } from '../modules/staff_statistics.ts'

export interface StaffCertificateInput {
  name: string
  number: string
  /** YYYY-MM-DD */
  issued_on: string
  valid_until?: string | null
}

export interface PractitionerInput {
  name: string
  id_number: string
  phone: string
  post: StaffPost
  is_lead?: boolean
  hired_on?: string | null
  certificates?: StaffCertificateInput[]
}

export function staffApi(http: Http) {
  return {
    /** reminds the project managers of the region's estates whose staff information is missing or stale (once a day each) */
    remind: (regionId?: number) => http.call<EstateReminderResult>('staff.remind', { body: regionId ? { region_id: regionId } : {} }),
    /** the staff of an estate the user is the project manager of, with its information state */
    estateStaff: (estateId: number) => http.call<StaffMember[], { estate: EstateStaffState }>('estate_staff.index', { params: { id: estateId } }),
    add: (estateId: number, input: PractitionerInput) => http.call<StaffMember>('estate_staff.store', { params: { id: estateId }, body: input }),
    update: (id: number, input: PractitionerInput & { version: number }) => http.call<StaffMember>('estate_staff.update', { params: { id }, body: input }),
    remove: (id: number, version: number) => http.call<{ id: number }>('estate_staff.destroy', { params: { id }, body: { version } }),
    /** 确认信息无误 */
    confirm: (estateId: number) => http.call<EstateStaffState>('estate_staff.confirm', { params: { id: estateId }, body: {} }),
  }
}
