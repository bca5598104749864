/** 备案情况 (module 6): statistics, the records list, an estate's records, 登记 / 变更 / 撤销. */
import type { Http, Query } from './http.ts'
import type { EstateFilingQuery, EstateFilingRow, FilingRecord, FilingStatsMeta, FilingStatsRow, PageMeta } from './types.ts'

export function filingsApi(http: Http) {
  return {
    stats: (regionId?: number) => http.call<FilingStatsRow[], FilingStatsMeta>('filing_stats.index', { query: { region_id: regionId } }),
    statsExportUrl: (regionId?: number) => http.url('filing_stats.export', { query: { region_id: regionId } }),
    estates: (query: EstateFilingQuery) => http.call<EstateFilingRow[], PageMeta>('estate_filings.index', { query: query as Query }),
    estatesExportUrl: (query: EstateFilingQuery) => http.url('estate_filings.export', { query: query as Query }),
    records: (estateId: number) => http.call<FilingRecord[]>('filings.index', { params: { id: estateId } }),
    create: (input: { estate_id: number; kind: string; document_no: string; filed_on: string; expires_on?: string | null }) =>
      http.call<FilingRecord>('filings.store', { body: input }),
    update: (id: number, input: { status: 'filed' | 'expired'; version: number; remark?: string; expires_on?: string | null }) =>
      http.call<FilingRecord>('filings.update', { params: { id }, body: input }),
    withdraw: (id: number, input: { version: number; remark: string }) =>
      http.call<FilingRecord>('filings.destroy', { params: { id }, body: input }),
  }
}
