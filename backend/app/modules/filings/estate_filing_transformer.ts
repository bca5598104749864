import { FILING_STATUS_NAMES } from '@szpm/core'
import type { EstateFilingRow, FilingStatus } from '@szpm/core'

const day = (value: Date | string | null) => {
  if (!value) return null
  if (typeof value === 'string') return value.slice(0, 10)
  // DATE columns come back as local-midnight Dates from node-postgres
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
}

export function transformEstateFiling(row: Record<string, any>): EstateFilingRow {
  return {
    estateId: row.estate_id,
    estateName: row.estate_name,
    communityName: row.community_name,
    streetName: row.street_name,
    districtName: row.district_name,
    contractStatus: row.contract_status as FilingStatus,
    contractStatusName: FILING_STATUS_NAMES[row.contract_status],
    contractDocumentNo: row.contract_document_no,
    contractFiledOn: day(row.contract_filed_on),
    contractExpiresOn: day(row.contract_expires_on),
    assemblyStatus: row.assembly_status as FilingStatus,
    assemblyStatusName: FILING_STATUS_NAMES[row.assembly_status],
    assemblyDocumentNo: row.assembly_document_no,
    assemblyFiledOn: day(row.assembly_filed_on),
  }
}

export { day as formatDay }
