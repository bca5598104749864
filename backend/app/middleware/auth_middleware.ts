import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { checkSession } from '#modules/sessions/session_auth'

const MESSAGES = {
  expired: '登录已超过 12 小时，请重新登录',
  revoked: '账号已在所有设备退出，请重新登录',
} as const

/**
 * Rejects anonymous requests with 401 and a Chinese message (the SPA then shows its login page),
 * and ends sessions of disabled accounts, sessions older than 12 hours and sessions revoked by
 * "log out everywhere" (see services/session_auth.ts).
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { guards?: (keyof Authenticators)[] } = {}) {
    await ctx.auth.authenticateUsing(options.guards)
    const user = ctx.auth.user!
    if (user.status !== 'active') {
      await ctx.auth.use('web').logout()
      return ctx.response.unauthorized({ errors: [{ message: '账号已停用，请联系上级管理员' }] })
    }
    const verdict = checkSession(ctx, user)
    if (verdict !== 'ok') {
      await ctx.auth.use('web').logout()
      ctx.session.clear()
      return ctx.response.unauthorized({ errors: [{ message: MESSAGES[verdict] }] })
    }
    return next()
  }
}
