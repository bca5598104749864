import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { acceptsUploads } from '#services/uploads'

/**
 * Rejects input no field of this API can hold before it reaches a validator or the database: NUL
 * characters (PostgreSQL text refuses them, so they would surface as a 500) in the query string,
 * route params or body, bodies nested absurdly deep, and multipart bodies on routes that take no files
 * (415; such bodies are never parsed, see app/services/uploads.ts).
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
    if (ctx.request.is(['multipart']) && !acceptsUploads(ctx.route?.name)) {
      return ctx.response.status(415).send({ errors: [{ message: '该接口不接受文件上传（不支持的请求内容类型）' }] })
    }
    if (hostile(ctx.request.qs()) || hostile(ctx.params) || hostile(ctx.request.body()) || hostile(ctx.request.url())) {
      return ctx.response.badRequest({ errors: [{ message: '请求包含非法字符' }] })
    }
    return next()
  }
}
