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

/**
 * The path of the first hostile part of `value` (`''` for the value itself), or null when it is clean.
 * A key is reported by its parent's path.
 */
function hostilePath(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (value === null || typeof value !== 'object') return null
  if (depth > MAX_DEPTH) return path
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value)
  for (const [key, item] of entries) {
    if (key.includes('\u0000')) return path
    const found = hostilePath(item, path ? `${path}.${key}` : key, depth + 1)
    if (found !== null) return found
  }
  return null
}

export default class InputGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.request.is(['multipart']) && !acceptsUploads(ctx.route?.name)) {
      return ctx.response.status(415).send({ errors: [{ message: '该接口不接受文件上传（不支持的请求内容类型）' }] })
    }
    const url = ctx.request.url().includes('\u0000') ? '' : null
    const field = url ?? hostilePath(ctx.request.qs()) ?? hostilePath(ctx.params) ?? hostilePath(ctx.request.body())
    if (field !== null) {
      // the field that holds it, so a form can show the message at that field
      const error = { message: '请求包含非法字符（如空字符），或嵌套层级过深', rule: 'input_guard' }
      return ctx.response.badRequest({ errors: [field ? { field, ...error } : error] })
    }
    return next()
  }
}
