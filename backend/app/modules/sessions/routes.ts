/**
 * The handlers of the routes PC 登录 (module 2) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const SessionController = () => import('#modules/sessions/session_controller')

export default {
  'session.csrf': [SessionController, 'csrf'],
  'session.captcha': [SessionController, 'captcha'],
  'session.sms': [SessionController, 'sendCode'],
  'session.store': [SessionController, 'store'],
  'session.show': [SessionController, 'show'],
  'session.destroy': [SessionController, 'destroy'],
  'session.destroy_all': [SessionController, 'destroyAll'],
} satisfies RouteHandlers
