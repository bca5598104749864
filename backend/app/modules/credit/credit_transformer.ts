import {
  CREDIT_CATEGORIES, CREDIT_POLARITIES, CREDIT_SEVERITIES, CREDIT_SUBJECT_KINDS, CREDIT_VALIDITY,
  type CreditCategory, type CreditPolarity, type CreditRecordRow, type CreditSeverity, type CreditSubjectKind, type CreditValidity,
} from '@szpm/core'
import type { PersonalDataView } from '#services/masking'

/** a company's credit code, or a person's ID number as the viewer may see it (masked by default) */
export function subjectCode(row: { subject_kind?: string; kind?: string; credit_code?: string | null; id_number?: string | null }, personal: PersonalDataView): string {
  return (row.subject_kind ?? row.kind) === 'company' ? (row.credit_code ?? '') : personal.idNumber(row.id_number)
}

export function validityOf(validUntil: string, asOf: string): CreditValidity {
  return validUntil < asOf ? 'expired' : 'counting'
}

export function transformCreditRecord(row: Record<string, any>, asOf: string, personal: PersonalDataView): CreditRecordRow {
  const validity = validityOf(row.valid_until, asOf)
  return {
    id: Number(row.id),
    districtName: row.district_name,
    streetName: row.street_name,
    communityName: row.community_name,
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    subjectId: Number(row.subject_id),
    subjectName: row.subject_name,
    subjectKind: row.subject_kind as CreditSubjectKind,
    subjectKindName: CREDIT_SUBJECT_KINDS[row.subject_kind as CreditSubjectKind] ?? row.subject_kind,
    subjectCode: subjectCode(row, personal),
    polarity: row.polarity as CreditPolarity,
    polarityName: CREDIT_POLARITIES[row.polarity as CreditPolarity] ?? row.polarity,
    category: row.category as CreditCategory,
    categoryName: CREDIT_CATEGORIES[row.category as CreditCategory] ?? row.category,
    severity: (row.severity ?? null) as CreditSeverity | null,
    severityName: row.severity ? (CREDIT_SEVERITIES[row.severity as CreditSeverity] ?? row.severity) : '',
    decidedOn: row.decided_on,
    validUntil: row.valid_until,
    validity,
    validityName: CREDIT_VALIDITY[validity],
    source: row.source,
    documentNo: row.document_no,
  }
}
