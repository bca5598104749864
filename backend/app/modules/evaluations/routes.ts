/**
 * The handlers of the routes 街道社区评价 (module 13) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const EvaluationsController = () => import('#modules/evaluations/evaluations_controller')
const EvaluationStatsController = () => import('#modules/evaluations/evaluation_stats_controller')
const EvaluationTemplatesController = () => import('#modules/evaluations/evaluation_templates_controller')

export default {
  'evaluations.periods': [EvaluationsController, 'periods'],
  'evaluation_stats.index': [EvaluationStatsController, 'index'],
  'evaluations.index': [EvaluationsController, 'index'],
  'evaluations.show': [EvaluationsController, 'show'],
  'evaluation_stats.export': [EvaluationStatsController, 'export'],
  'evaluations.export': [EvaluationsController, 'export'],
  'evaluations.submit': [EvaluationsController, 'submit'],
  'evaluations.review': [EvaluationsController, 'review'],
  'evaluation_templates.index': [EvaluationTemplatesController, 'index'],
  'evaluation_templates.export': [EvaluationTemplatesController, 'export'],
  'evaluation_templates.store': [EvaluationTemplatesController, 'store'],
  'evaluation_templates.update': [EvaluationTemplatesController, 'update'],
  'evaluation_templates.activate': [EvaluationTemplatesController, 'activate'],
  'evaluation_templates.destroy': [EvaluationTemplatesController, 'destroy'],
} satisfies RouteHandlers
