import emitter from '@adonisjs/core/services/emitter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type User from '#models/user'
import { exportDetailOf, outcomeOf, recordAudit, requestUser, routeTarget, type AuditAction } from '#services/audit'
import { maskPhone } from '#services/masking'

/**
 * Router middleware (first in the router stack, so it also sees body-parser and CSRF failures):
 * after the request has been answered (errors included — the route pipeline turns them into a
 * response before control comes back here), records
 * - logins / failed logins / logouts (session routes),
 * - every other non-GET request ('write'),
 * - every export ('export'),
 * - every 401 / 403 / 404 on any API route ('access_denied'), out-of-scope 404s included.
 *
 * Only a whitelisted summary is stored: route params, query keys, body keys (never values), and for
 * logins the phone masked. The 对象 (`target`) is the module's name and the route's declared label
 * (`备案情况 · 导出备案情况统计`); the raw path stays in the row's `path` column.
 */
const LOGIN_ROUTES = new Set(['api.session.store'])
const LOGOUT_ROUTES = new Set(['api.session.destroy', 'api.session.destroy_all'])
const DENIED = new Set([401, 403, 404])

/** users seen by the session guard during a request (a logout clears the guard's user) */
const guardUsers = new WeakMap<HttpContext, User>()
const logins = new WeakSet<HttpContext>()
emitter.on('session_auth:logged_out', ({ ctx, user }) => {
  if (user) guardUsers.set(ctx, user as User)
})
emitter.on('session_auth:login_succeeded', ({ ctx, user }) => {
  guardUsers.set(ctx, user as User)
  logins.add(ctx)
})

function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).slice(0, 30) : []
}

export function classify(ctx: HttpContext, status: number): AuditAction | null {
  const route = ctx.route?.name ?? ''
  const method = ctx.request.method()
  if (LOGIN_ROUTES.has(route) || logins.has(ctx)) return status >= 200 && status < 300 ? 'login' : 'login_failed'
  if (LOGOUT_ROUTES.has(route)) return 'logout'
  if (DENIED.has(status)) return 'access_denied'
  // a file leaving the platform: an export, or the download of one produced in the background (导出中心)
  if (route.endsWith('.export') || route.endsWith('.download')) return 'export'
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return 'write'
  return null
}

export default class AuditMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    const route = ctx.route?.name ?? ''
    if (!route.startsWith('api.')) return
    const status = ctx.response.getStatus()
    const action = classify(ctx, status)
    if (!action) return

    const detail: Record<string, unknown> = {
      params: ctx.params ?? {},
      query_keys: keysOf(ctx.request.qs()),
    }
    // 对象: the module and the declared action, not the raw path (kept in the row's `path`)
    let target: string | null = routeTarget(route, ctx.params) ?? ctx.request.url()
    let user: User | null | undefined = requestUser(ctx) ?? guardUsers.get(ctx)
    if (action === 'login' || action === 'login_failed') {
      const phone = ctx.request.input('phone')
      const masked = typeof phone === 'string' ? maskPhone(phone) : null
      detail.phone = masked
      target = masked
      user ??= null
    } else if (ctx.request.method() !== 'GET') {
      detail.body_keys = keysOf(ctx.request.body())
    }
    if (action === 'export' || action === 'write') Object.assign(detail, exportDetailOf(ctx))
    await recordAudit(ctx, {
      action,
      outcome: action === 'login_failed' ? 'failure' : outcomeOf(status),
      status,
      target,
      detail,
      user: user ?? null,
    })
  }
}
