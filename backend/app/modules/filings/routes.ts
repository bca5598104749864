/**
 * The handlers of the routes 备案情况 (module 6) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const FilingStatsController = () => import('#modules/filings/filing_stats_controller')
const EstateFilingsController = () => import('#modules/filings/estate_filings_controller')
const FilingsController = () => import('#modules/filings/filings_controller')

export default {
  'filing_stats.index': [FilingStatsController, 'index'],
  'estate_filings.index': [EstateFilingsController, 'index'],
  'filings.index': [FilingsController, 'index'],
  'filing_stats.export': [FilingStatsController, 'export'],
  'estate_filings.export': [EstateFilingsController, 'export'],
  'filings.store': [FilingsController, 'store'],
  'filings.update': [FilingsController, 'update'],
  'filings.destroy': [FilingsController, 'destroy'],
} satisfies RouteHandlers
