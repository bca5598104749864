/** 导出中心: background exports (立即导出), subscriptions (定时导出) and their files. */
import type { Http, Query } from './http.ts'
import type { ExportRequestBody, ExportRunRow, ExportSubscriptionBody, ExportSubscriptionRow, ExportTablesMeta, ExportableTableRow, PageMeta } from './types.ts'

export function exportsApi(http: Http) {
  return {
    tables: () => http.call<ExportableTableRow[], ExportTablesMeta>('exports.tables'),
    runs: (query: { page?: number; per_page?: number }) => http.call<ExportRunRow[], PageMeta>('exports.index', { query: query as Query }),
    run: (id: number) => http.call<ExportRunRow>('exports.show', { params: { id } }),
    request: (body: ExportRequestBody) => http.call<ExportRunRow>('exports.store', { body }),
    downloadUrl: (id: number) => http.url('exports.download', { params: { id } }),
    exportUrl: () => http.url('exports.export'),
    subscriptions: () => http.call<ExportSubscriptionRow[]>('export_subscriptions.index'),
    subscribe: (body: ExportSubscriptionBody) => http.call<ExportSubscriptionRow>('export_subscriptions.store', { body }),
    unsubscribe: (id: number) => http.call<null>('export_subscriptions.destroy', { params: { id } }),
  }
}
