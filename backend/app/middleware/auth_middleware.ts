import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/** Rejects anonymous requests with 401 and a Chinese message (the SPA then shows its login page). */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { guards?: (keyof Authenticators)[] } = {}) {
    await ctx.auth.authenticateUsing(options.guards)
    const user = ctx.auth.user!
    if (user.status !== 'active') {
      await ctx.auth.use('web').logout()
      return ctx.response.unauthorized({ errors: [{ message: '账号已停用，请联系上级管理员' }] })
    }
    return next()
  }
}
