/**
 * The handlers of the routes 权限管理 (module 3) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const AccountController = () => import('#modules/users/account_controller')
const UsersController = () => import('#modules/users/users_controller')

export default {
  'account.update': [AccountController, 'update'],
  'account.phone_code': [AccountController, 'phoneCode'],
  'account.unbind_wechat': [AccountController, 'unbindWechat'],
  'account.deregister': [AccountController, 'deregister'],
  'users.index': [UsersController, 'index'],
  'users.export': [UsersController, 'export'],
  'users.stats': [UsersController, 'stats'],
  'users.stats.export': [UsersController, 'statsExport'],
  'users.stats_list': [UsersController, 'statsList'],
  'users.stats_list.export': [UsersController, 'statsListExport'],
  'users.show': [UsersController, 'show'],
  'users.options': [UsersController, 'options'],
  'users.store': [UsersController, 'store'],
  'users.update_features': [UsersController, 'updateFeatures'],
} satisfies RouteHandlers
