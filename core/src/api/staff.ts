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
    /** ID number and phone left out = unchanged (the list shows them masked) */
    update: (id: number, input: Omit<PractitionerInput, 'id_number' | 'phone'> & Partial<Pick<PractitionerInput, 'id_number' | 'phone'>> & { version: number }) => http.call<StaffMember>('estate_staff.update', { params: { id }, body: input }),
    remove: (id: number, version: number) => http.call<{ id: number }>('estate_staff.destroy', { params: { id }, body: { version } }),
    /** the Excel download of the estate's staff list */
    estateStaffExportUrl: (estateId: number) => http.url('estate_staff.export', { params: { id: estateId } }),
    /** 确认信息无误 */
    confirm: (estateId: number) => http.call<EstateStaffState>('estate_staff.confirm', { params: { id: estateId }, body: {} }),
  }
}

/** one certificate row of the practitioner form (dates YYYY-MM-DD, '' = none) */
export interface CertificateForm {
  name: string
  number: string
  issued_on: string
  valid_until: string
}

/** the add / edit form of a practitioner (PC and H5); ID number and phone stay '' on an edit unless retyped */
export interface PractitionerForm {
  name: string
  id_number: string
  phone: string
  post: StaffPost | ''
  is_lead: boolean
  hired_on: string
  certificates: CertificateForm[]
}

export const emptyPractitionerForm = (): PractitionerForm => ({ name: '', id_number: '', phone: '', post: '', is_lead: false, hired_on: '', certificates: [] })

export const emptyCertificateForm = (): CertificateForm => ({ name: '', number: '', issued_on: '', valid_until: '' })

/** the form of an edit: the listed values, ID number and phone left blank (the list only has them masked) */
export function practitionerFormOf(member: StaffMember): PractitionerForm {
  return {
    name: member.name,
    id_number: '',
    phone: '',
    post: member.post as StaffPost,
    is_lead: member.isLead,
    hired_on: member.hiredOn ?? '',
    certificates: member.certificates.map((c) => ({ name: c.name, number: c.number, issued_on: c.issuedOn, valid_until: c.validUntil ?? '' })),
  }
}

/** the request body of the form: an add sends everything, an edit ID number and phone only when retyped */
export function practitionerBody(form: PractitionerForm, editing: boolean) {
  const common = {
    name: form.name,
    post: form.post as StaffPost,
    is_lead: form.is_lead,
    hired_on: form.hired_on || null,
    certificates: form.certificates.map((c) => ({ name: c.name, number: c.number, issued_on: c.issued_on, valid_until: c.valid_until || null })),
  }
  if (!editing) return { ...common, id_number: form.id_number, phone: form.phone }
  return { ...common, ...(form.id_number ? { id_number: form.id_number } : {}), ...(form.phone ? { phone: form.phone } : {}) }
}

/** the 422 messages of certificate `index` (its four fields), joined */
export function certificateErrors(fields: Record<string, string>, index: number): string {
  return ['name', 'number', 'issued_on', 'valid_until'].map((key) => fields[`certificates.${index}.${key}`]).filter(Boolean).join('；')
}

/** the estate's staff information state as the maintenance pages show it */
export const STAFF_STATE_NAMES: Record<EstateStaffState['state'], string> = {
  missing: '未填报',
  stale: '信息过期，请核对后确认',
  current: '信息有效',
}

/** saves the practitioner form (an add when `editing` is null), answering the success message (both apps) */
export async function savePractitioner(staff: ReturnType<typeof staffApi>, estateId: number, form: PractitionerForm, editing: StaffMember | null): Promise<string> {
  if (editing) {
    await staff.update(editing.id, { ...practitionerBody(form, true), version: editing.version })
    return '已保存'
  }
  await staff.add(estateId, practitionerBody(form, false) as PractitionerInput)
  return '已新增'
}
