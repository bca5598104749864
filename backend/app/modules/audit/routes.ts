/**
 * The handlers of the routes 审计日志 declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const AuditLogsController = () => import('#modules/audit/audit_logs_controller')

export default {
  'audit_logs.index': [AuditLogsController, 'index'],
  'audit_logs.export': [AuditLogsController, 'export'],
} satisfies RouteHandlers
