/**
 * The handlers of the routes 项目管理 (module 5) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const ProjectStatsController = () => import('#modules/projects/project_stats_controller')
const EstatesController = () => import('#modules/estates/estates_controller')

export default {
  'project_stats.index': [ProjectStatsController, 'index'],
  'estates.index': [EstatesController, 'index'],
  'project_stats.export': [ProjectStatsController, 'export'],
  'estates.export': [EstatesController, 'export'],
} satisfies RouteHandlers
