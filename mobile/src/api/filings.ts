import type { FilingRecord } from '@szpm/api'
import { api } from './client'

/** the filing records of one estate (the estate page's 备案情况 tab) */
export async function fetchEstateFilingRecords(estateId: number): Promise<FilingRecord[]> {
  return (await api.filings.records(estateId)).data
}
