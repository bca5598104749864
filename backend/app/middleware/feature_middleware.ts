import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { userFeatures, type FeatureCode } from '#services/roles'
import { loadGrantedFeatures } from '#modules/users/account_service'

/**
 * Feature permissions (功能权限): the second gate after authentication, declared per route. The
 * user's features are their role defaults (preset roles) or their grants (`user_features`, loaded
 * with the user once per request).
 */
export default class FeatureMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { feature: FeatureCode }) {
    const user = ctx.auth.getUserOrFail()
    await loadGrantedFeatures(user)
    if (!userFeatures(user).includes(options.feature)) {
      return ctx.response.forbidden({ errors: [{ message: '您没有该功能的权限，请联系街道办负责人开通' }] })
    }
    return next()
  }
}
