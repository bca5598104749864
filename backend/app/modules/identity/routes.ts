/**
 * The handlers of the routes 微信端身份认证 (module 1) declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const WechatController = () => import('#modules/identity/wechat_controller')
const IdentityController = () => import('#modules/identity/identity_controller')

export default {
  'wechat.authorize': [WechatController, 'authorize'],
  'wechat.callback': [WechatController, 'callback'],
  'identity.sms': [IdentityController, 'sendCode'],
  'identity.bind': [IdentityController, 'bind'],
} satisfies RouteHandlers
