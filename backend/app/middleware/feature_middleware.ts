import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { featuresOf, type FeatureCode } from '#services/roles'

/** Feature permissions (功能权限): the second gate after authentication, declared per route. */
export default class FeatureMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { feature: FeatureCode }) {
    const user = ctx.auth.getUserOrFail()
    if (!featuresOf(user.role).includes(options.feature)) {
      return ctx.response.forbidden({ errors: [{ message: '您没有该功能的权限，请联系街道办负责人开通' }] })
    }
    return next()
  }
}
