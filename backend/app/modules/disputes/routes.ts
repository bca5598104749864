/**
 * The handlers of the routes 纠纷化解台账 (module 22) declares in core/src/modules/disputes.ts.
 * start/routes.ts registers them from the declaration (path, method, feature).
 */
import type { RouteHandlers } from '#start/route_handlers'

const DisputesController = () => import('#modules/disputes/disputes_controller')
const DisputeStatsController = () => import('#modules/disputes/dispute_stats_controller')

export default {
  'dispute_stats.index': [DisputeStatsController, 'index'],
  'dispute_stats.export': [DisputeStatsController, 'export'],
  'disputes.index': [DisputesController, 'index'],
  'disputes.export': [DisputesController, 'export'],
  'disputes.estates': [DisputesController, 'estates'],
  'dispute_attachments.upload': [DisputesController, 'upload'],
  'disputes.store': [DisputesController, 'store'],
  'disputes.show': [DisputesController, 'show'],
  'disputes.transfer': [DisputesController, 'transfer'],
  'disputes.handle': [DisputesController, 'handle'],
  'disputes.apply_close': [DisputesController, 'applyClose'],
  'disputes.confirm_close': [DisputesController, 'confirmClose'],
  'disputes.return': [DisputesController, 'return'],
  'dispute_attachments.download': [DisputesController, 'download'],
} satisfies RouteHandlers
