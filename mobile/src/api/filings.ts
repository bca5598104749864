import type {
  EstateFilingQuery,
  EstateFilingRow,
  FilingRecord,
  FilingStatsMeta,
  FilingStatsRow,
  PageMeta,
} from '@szpm/api'
import { api } from './client'

export interface FilingStats {
  rows: FilingStatsRow[]
  meta: FilingStatsMeta
}

/** per-child-region filing stats; regionId absent = the user's own region */
export async function fetchFilingStats(regionId?: number): Promise<FilingStats> {
  const { data, meta } = await api.filings.stats(regionId)
  return { rows: data, meta }
}

export interface EstateFilingPage {
  rows: EstateFilingRow[]
  meta: PageMeta
}

export async function fetchEstateFilings(query: EstateFilingQuery): Promise<EstateFilingPage> {
  const { data, meta } = await api.filings.estates(query)
  return { rows: data, meta }
}

export async function fetchEstateFilingRecords(estateId: number): Promise<FilingRecord[]> {
  return (await api.filings.records(estateId)).data
}
