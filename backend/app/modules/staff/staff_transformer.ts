import { STAFF_GROUP_NAMES, STAFF_POSTS, type StaffCertificate, type StaffGroup, type StaffRecordRow } from '@szpm/core'
import type { PersonalDataView } from '#services/masking'
import { formatDay } from '#modules/filings/estate_filing_transformer'

/** a practitioner row of staffRecordQuery → the wire row, its ID number and phone through `view` (masked unless unmasked) */
export function transformStaffRecord(row: Record<string, any>, view: PersonalDataView): StaffRecordRow {
  return {
    id: Number(row.id),
    staffGroup: row.staff_group as StaffGroup,
    staffGroupName: STAFF_GROUP_NAMES[row.staff_group as StaffGroup] ?? row.staff_group,
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    estateId: row.estate_id === null ? null : Number(row.estate_id),
    estateName: row.estate_name ?? null,
    companyName: row.company_name,
    companyCreditCode: row.company_credit_code ?? null,
    name: row.name,
    idNumber: view.idNumber(row.id_number),
    phone: view.phone(row.phone),
    post: row.post,
    postName: STAFF_POSTS[row.post as keyof typeof STAFF_POSTS] ?? row.post,
    isLead: Boolean(row.is_lead),
    hiredOn: formatDay(row.hired_on),
    certificateCount: Number(row.certificate_count ?? 0),
    expiredCertificateCount: Number(row.expired_certificate_count ?? 0),
    certificateNames: row.certificate_names ?? '',
    version: Number(row.version),
  }
}

/** a practitioner_certificates row → the wire certificate, expired as of `asOf` (YYYY-MM-DD) */
export function transformCertificate(row: Record<string, any>, asOf: string): StaffCertificate {
  const validUntil = formatDay(row.valid_until)
  return { id: Number(row.id), name: row.name, number: row.number, issuedOn: formatDay(row.issued_on)!, validUntil, expired: validUntil !== null && validUntil < asOf }
}
