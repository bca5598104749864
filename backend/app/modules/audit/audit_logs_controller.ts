import type { HttpContext } from '@adonisjs/core/http'
import { auditLogListValidator } from '#modules/audit/audit_validator'
import { userRegion } from '#services/region_scope'
import { auditLogQuery } from '#modules/audit/audit_log_query'
import { transformAuditLog } from '#modules/audit/audit_log_transformer'
import { inBatches, streamExcel } from '#services/excel_export'
import type { AuditLogRow } from '@szpm/core'

/** 审计日志 search and export (feature audit.view; the export is itself audited by the audit middleware). */
export default class AuditLogsController {
  async index({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await request.validateUsing(auditLogListValidator, { data: request.qs() })
    const root = await userRegion(auth.getUserOrFail())
    const query = auditLogQuery(root, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformAuditLog), meta: { total: Number(total), page, perPage: per_page } }
  }

  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(auditLogListValidator, { data: ctx.request.qs() })
    const root = await userRegion(ctx.auth.getUserOrFail())
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => auditLogQuery(root, filters))) yield transformAuditLog(row)
    }
    const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
    await streamExcel<AuditLogRow>(ctx, '审计日志', '审计日志', [
      { header: '时间', width: 20, value: (r) => time(r.at) },
      { header: '用户', value: (r) => r.userName },
      { header: '角色', value: (r) => r.roleName },
      { header: '来源IP', value: (r) => r.ip },
      { header: '操作', value: (r) => r.actionName },
      { header: '请求', width: 36, value: (r) => `${r.method} ${r.path}`.trim() },
      { header: '对象', width: 30, value: (r) => r.target },
      { header: '结果', value: (r) => r.outcomeName },
      { header: '状态码', value: (r) => r.status },
      { header: '请求编号', width: 28, value: (r) => r.requestId },
    ], rows())
  }
}
