/** Wire types of 审计日志 (platform). */

/** 审计日志: one audit row (who, when, from where, what, outcome). */
export type AuditAction = 'login' | 'login_failed' | 'logout' | 'access_denied' | 'export' | 'write' | 'grant_change' | 'unmask'
export type AuditOutcome = 'success' | 'failure' | 'denied'

export interface AuditLogRow {
  id: number
  /** ISO time */
  at: string
  userId: number | null
  userName: string
  role: string
  roleName: string
  regionId: number | null
  ip: string
  userAgent: string
  requestId: string
  action: AuditAction
  actionName: string
  route: string
  method: string
  path: string
  target: string
  outcome: AuditOutcome
  outcomeName: string
  status: number | null
  /** whitelisted summary: route params, query keys, body keys, masked phone for logins */
  detail: Record<string, unknown>
}

export interface AuditLogQuery {
  /** YYYY-MM-DD, inclusive */
  from?: string
  to?: string
  /** user name keyword or user id */
  user?: string
  action?: string
  outcome?: string
  q?: string
  page?: number
  per_page?: number
}
