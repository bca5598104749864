import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Rejects input no field of this API can hold before it reaches a validator or the database: NUL
 * characters (PostgreSQL text refuses them, so they would surface as a 500) in the query string,
 * route params or body, and bodies nested absurdly deep.
 */
const MAX_DEPTH = 8

function hostile(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (value === null || typeof value !== 'object') return false
  if (depth > MAX_DEPTH) return true
  const entries = Array.isArray(value) ? value.map((item) => ['', item] as const) : Object.entries(value)
  return entries.some(([key, item]) => key.includes('\u0000') || hostile(item, depth + 1))
}

export default class InputGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (hostile(ctx.request.qs()) || hostile(ctx.params) || hostile(ctx.request.body()) || hostile(ctx.request.url())) {
      return ctx.response.badRequest({ errors: [{ message: '请求包含非法字符' }] })
    }
    return next()
  }
}
