import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { userFeatures, type FeatureCode } from '#services/roles'
import { loadGrantedFeatures } from '#modules/users/account_service'

/**
 * Feature permissions (功能权限): the second gate after authentication, declared per route in the
 * module declarations (core/src/modules) and attached by start/routes.ts. The
 * user's features are their role defaults (preset roles) or their grants (`user_features`, loaded
 * with the user once per request).
 */
export default class FeatureMiddleware {
  /** `features`: the route's declared features; holding any one of them is enough */
  async handle(ctx: HttpContext, next: NextFn, options: { features: readonly FeatureCode[] }) {
    const user = ctx.auth.getUserOrFail()
    await loadGrantedFeatures(user)
    const held = userFeatures(user)
    if (!options.features.some((feature) => held.includes(feature))) {
      return ctx.response.forbidden({ errors: [{ message: '您没有该功能的权限，请联系街道办负责人开通' }] })
    }
    return next()
  }
}
