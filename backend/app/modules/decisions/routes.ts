/**
 * The handlers of the routes 业主决策情况 (module 8) declares in core/src/modules/decisions.ts.
 * start/routes.ts registers them from the declaration (path, method, feature).
 */
import type { RouteHandlers } from '#start/route_handlers'

const DecisionsStatsController = () => import('#modules/decisions/decisions_stats_controller')
const DecisionTopicsController = () => import('#modules/decisions/decision_topics_controller')
const DecisionTurnoutController = () => import('#modules/decisions/decision_turnout_controller')

export default {
  'decisions_stats.index': [DecisionsStatsController, 'index'],
  'decisions_stats.export': [DecisionsStatsController, 'export'],
  'decision_topics.index': [DecisionTopicsController, 'index'],
  'decision_topics.export': [DecisionTopicsController, 'export'],
  'decision_turnout.show': [DecisionTurnoutController, 'show'],
  'decision_turnout.export': [DecisionTurnoutController, 'export'],
} satisfies RouteHandlers
