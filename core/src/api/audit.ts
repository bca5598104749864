/** 审计日志 (platform, city admin). */
import type { Http, Query } from './http.ts'
import type { AuditLogQuery, AuditLogRow, PageMeta } from './types.ts'

export function auditApi(http: Http) {
  return {
    list: (query: AuditLogQuery) => http.call<AuditLogRow[], PageMeta>('audit_logs.index', { query: query as Query }),
    exportUrl: (query: AuditLogQuery) => http.url('audit_logs.export', { query: query as Query }),
  }
}
