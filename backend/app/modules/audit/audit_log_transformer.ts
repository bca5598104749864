import { ROLES, type RoleCode } from '#services/roles'
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
    target: row.target ?? '',
    outcome: row.outcome,
    outcomeName: AUDIT_OUTCOME_NAMES[row.outcome] ?? row.outcome,
    status: row.status,
    detail: row.detail ?? {},
  }
}
