/** The handlers of the routes 居代业管理 (module 23) declares in core/src/modules/proxy_governance.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const ProxyGovernancesController = () => import('#modules/proxy_governance/proxy_governances_controller')
const ProxyGovernanceStatsController = () => import('#modules/proxy_governance/proxy_governance_stats_controller')

export default {
  'proxy_governances.index': [ProxyGovernancesController, 'index'],
  'proxy_governances.export': [ProxyGovernancesController, 'export'],
  'proxy_governances.estates': [ProxyGovernancesController, 'estates'],
  'proxy_governances.store': [ProxyGovernancesController, 'store'],
  'proxy_governances.show': [ProxyGovernancesController, 'show'],
  'proxy_governances.decline': [ProxyGovernancesController, 'decline'],
  'proxy_governances.appoint': [ProxyGovernancesController, 'appoint'],
  'proxy_governances.terminate': [ProxyGovernancesController, 'terminate'],
  'proxy_governance_stats.index': [ProxyGovernanceStatsController, 'index'],
  'proxy_governance_stats.export': [ProxyGovernanceStatsController, 'export'],
} satisfies RouteHandlers
