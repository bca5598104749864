import { computed } from 'vue'
import type { AuditLogQuery, AuditLogRow } from '@szpm/api'
import { exportUrl, list } from '@/api/audit'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { formatDateTime, queryString } from '@/utils/format'

type AuditFilters = Omit<AuditLogQuery, 'page' | 'per_page'>

export const AUDIT_ACTION_OPTIONS = [
  { value: 'login', label: '登录' },
  { value: 'login_failed', label: '登录失败' },
  { value: 'logout', label: '退出登录' },
  { value: 'access_denied', label: '拒绝访问' },
  { value: 'export', label: '导出' },
  { value: 'write', label: '数据变更' },
  { value: 'grant_change', label: '权限变更' },
  { value: 'unmask', label: '查看完整个人信息' },
]

export const AUDIT_OUTCOME_OPTIONS = [
  { value: 'success', label: '成功' },
  { value: 'failure', label: '失败' },
  { value: 'denied', label: '拒绝' },
]

/** 审计日志 (city admin): filters in the URL, paged table, Excel export with the same filters. */
export function useAuditLog() {
  const list_ = usePagedQueryList<AuditFilters, AuditLogRow>({
    routeName: 'admin-audit',
    fields: {
      from: { param: 'from', parse: queryString },
      to: { param: 'to', parse: queryString },
      user: { param: 'user', parse: queryString },
      action: { param: 'action', parse: queryString },
      outcome: { param: 'outcome', parse: queryString },
      q: { param: 'q', parse: queryString },
    },
    scopeKeys: [],
    formKeys: ['from', 'to', 'user', 'action', 'outcome', 'q'],
    fetch: list,
    exportUrl,
  })
  const { form } = list_

  /** el-date-picker daterange ↔ the form's from / to */
  const range = computed<string[] | null>({
    get: () => (form.from && form.to ? [form.from, form.to] : null),
    set: (value: string[] | null) => {
      form.from = value?.[0] ?? ''
      form.to = value?.[1] ?? ''
    },
  })

  function outcomeTagType(outcome: string): 'success' | 'warning' | 'danger' {
    return outcome === 'success' ? 'success' : outcome === 'denied' ? 'warning' : 'danger'
  }

  return {
    ...list_,
    range,
    outcomeTagType,
    formatDateTime,
    actionOptions: AUDIT_ACTION_OPTIONS,
    outcomeOptions: AUDIT_OUTCOME_OPTIONS,
  }
}
