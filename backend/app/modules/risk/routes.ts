/** The handlers of the routes 物业项目风险预警 declares in core/src/modules/risk.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const RiskStatsController = () => import('#modules/risk/risk_stats_controller')
const RiskEstatesController = () => import('#modules/risk/risk_estates_controller')
const RiskSettingsController = () => import('#modules/risk/risk_settings_controller')

export default {
  'risk_stats.index': [RiskStatsController, 'index'],
  'risk_stats.export': [RiskStatsController, 'export'],
  'risk_estates.index': [RiskEstatesController, 'index'],
  'risk_estates.export': [RiskEstatesController, 'export'],
  'risk_settings.show': [RiskSettingsController, 'show'],
  'risk_settings.update': [RiskSettingsController, 'update'],
} satisfies RouteHandlers
