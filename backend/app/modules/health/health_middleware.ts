import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { readiness } from '#modules/health/health_service'

/**
 * `GET /health/live` and `GET /health/ready`, answered as SERVER middleware — before the router, so
 * before the session (Redis in production), CSRF, auth and the audit log: a probe every few seconds
 * creates no session, writes no audit row, and a dependency that is down cannot turn the probe into
 * an error of its own. Public by design (no personal data; only check names, timings and lag).
 * They are not API routes (not under /api/v1, not declared in core/src/modules).
 */
export const HEALTH_PATHS = ['/health/live', '/health/ready'] as const

export default class HealthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    if (url !== '/health/live' && url !== '/health/ready') return next()
    const method = ctx.request.method()
    if (method !== 'GET' && method !== 'HEAD') {
      ctx.response.header('Allow', 'GET, HEAD')
      return ctx.response.status(405).send({ errors: [{ message: '不支持的请求方式' }] })
    }
    ctx.response.header('Cache-Control', 'no-store')
    if (url === '/health/live') return ctx.response.status(200).send({ status: 'ok' })
    const result = await readiness()
    if (result.status !== 'ok') ctx.response.header('Retry-After', '10')
    return ctx.response.status(result.status === 'ok' ? 200 : 503).send(result)
  }
}
