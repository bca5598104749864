import { ROLES, type RoleCode } from '#services/roles'
import { routeTarget } from '#services/audit'
import type { AuditLogRow } from '@szpm/core'

export const AUDIT_ACTION_NAMES: Record<string, string> = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  access_denied: '拒绝访问',
  export: '导出',
  write: '数据变更',
  grant_change: '权限变更',
  unmask: '查看完整个人信息',
}

export const AUDIT_OUTCOME_NAMES: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' }

/**
 * The 对象 shown: what was recorded, except that rows written before 对象 named the declared action
 * (their target is the raw path, e.g. /api/v1/stats/filings/export) show the route's label too.
 */
function shownTarget(row: Record<string, any>): string {
  const target: string = row.target ?? ''
  if (target && !target.startsWith('/')) return target
  return routeTarget(row.route, row.detail?.params) ?? target
}

export function transformAuditLog(row: Record<string, any>): AuditLogRow {
  const at = row.at instanceof Date ? row.at.toISOString() : String(row.at)
  return {
    id: Number(row.id),
    at,
    userId: row.user_id,
    userName: row.user_name ?? '',
    role: row.role ?? '',
    roleName: row.role ? (ROLES[row.role as RoleCode]?.name ?? row.role) : '',
    regionId: row.region_id,
    ip: row.ip ?? '',
    userAgent: row.user_agent ?? '',
    requestId: row.request_id ?? '',
    action: row.action,
    actionName: AUDIT_ACTION_NAMES[row.action] ?? row.action,
    route: row.route ?? '',
    method: row.method ?? '',
    path: row.path ?? '',
    target: shownTarget(row),
    outcome: row.outcome,
    outcomeName: AUDIT_OUTCOME_NAMES[row.outcome] ?? row.outcome,
    status: row.status,
    detail: row.detail ?? {},
  }
}
