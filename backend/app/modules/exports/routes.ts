/**
 * The handlers of the routes 导出中心 declares in core/src/modules/exports.ts.
 */
import type { RouteHandlers } from '#start/route_handlers'

const ExportsController = () => import('#modules/exports/exports_controller')
const ExportSubscriptionsController = () => import('#modules/exports/export_subscriptions_controller')

export default {
  'exports.tables': [ExportsController, 'tables'],
  'exports.index': [ExportsController, 'index'],
  'exports.export': [ExportsController, 'export'],
  'exports.store': [ExportsController, 'store'],
  'exports.show': [ExportsController, 'show'],
  'exports.download': [ExportsController, 'download'],
  'export_subscriptions.index': [ExportSubscriptionsController, 'index'],
  'export_subscriptions.store': [ExportSubscriptionsController, 'store'],
  'export_subscriptions.destroy': [ExportSubscriptionsController, 'destroy'],
} satisfies RouteHandlers
