/** The handlers of the routes 平安建设 (module 12) declares in core/src/modules/safety.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const SafetyStatsController = () => import('#modules/safety/safety_stats_controller')
const SafetyAssessmentsController = () => import('#modules/safety/safety_assessments_controller')
const SafetyItemsController = () => import('#modules/safety/safety_items_controller')

export default {
  'safety_stats.index': [SafetyStatsController, 'index'],
  'safety_stats.export': [SafetyStatsController, 'export'],
  'safety_assessments.index': [SafetyAssessmentsController, 'index'],
  'safety_assessments.export': [SafetyAssessmentsController, 'export'],
  'safety_assessments.update': [SafetyAssessmentsController, 'update'],
  'safety_items.index': [SafetyItemsController, 'index'],
  'safety_items.store': [SafetyItemsController, 'store'],
  'safety_items.update': [SafetyItemsController, 'update'],
} satisfies RouteHandlers
