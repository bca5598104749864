/**
 * The handlers of the routes the shared estate page declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const EstatesController = () => import('#modules/estates/estates_controller')

export default {
  'estates.show': [EstatesController, 'show'],
} satisfies RouteHandlers
