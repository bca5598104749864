/** The handlers of the routes 物业项目风险预警 declares in core/src/modules/risk.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const RiskSettingsController = () => import('#modules/risk/risk_settings_controller')

export default {
  'risk_settings.show': [RiskSettingsController, 'show'],
  'risk_settings.update': [RiskSettingsController, 'update'],
} satisfies RouteHandlers
