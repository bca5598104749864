import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { routeByName } from '@szpm/core'

/**
 * The audit log (审计日志): one append-only table, `audit_logs` (migration 0006; UPDATE, DELETE and
 * TRUNCATE raise in the database). Rows are written by `recordAudit`, which never throws into the
 * request: a failed insert is logged and the request goes on.
 *
 * Hooks: `audit_middleware` (router middleware) records logins, logouts, writes, exports and every
 * 401/403/404; `personalData` (masking) records 'unmask'; 权限管理 records grant changes through
 * `auditGrantChange`.
 */
export const AUDIT_ACTIONS = ['login', 'login_failed', 'logout', 'access_denied', 'export', 'write', 'grant_change', 'unmask'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

export interface AuditActor {
  id: number
  name: string
  role: string
  regionId: number
}

export interface AuditEntry {
  action: AuditAction
  outcome: AuditOutcome
  /** what was acted on, e.g. 'filings/12', a masked phone, 'users/7' */
  target?: string | null
  status?: number | null
  /** a whitelisted summary only: never request bodies, passwords or codes */
  detail?: Record<string, unknown>
  /** who; defaults to the request's authenticated user */
  user?: AuditActor | User | null
}

/**
 * What an export handler adds to its audit row (domain-rules §9: which table, filters, row count):
 * the middleware merges it into the `export` entry it writes after the response.
 */
const exportDetails = new WeakMap<HttpContext, Record<string, unknown>>()

export function describeExport(ctx: HttpContext, detail: Record<string, unknown>) {
  exportDetails.set(ctx, { ...exportDetails.get(ctx), ...detail })
}

/** the same for a write: a handler names what it changed (e.g. settings before → after) on its audit row */
export const describeAudit = describeExport

export function exportDetailOf(ctx: HttpContext): Record<string, unknown> | undefined {
  return exportDetails.get(ctx)
}

const MAX_TEXT = 500

/** PostgreSQL text and jsonb refuse NUL; keep every stored string bounded too. */
export function cleanText(value: unknown, max = MAX_TEXT): string | null {
  if (value === null || value === undefined) return null
  const text = String(value).replaceAll('\u0000', '')
  return text.length > max ? `${text.slice(0, max)}…` : text
}

function cleanJson(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return cleanText(value, 200)
  if (typeof value === 'number' || typeof value === 'boolean') return Number.isFinite(value as number) || typeof value === 'boolean' ? value : null
  if (depth > 3) return null
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => cleanJson(item, depth + 1))
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, 30)) out[cleanText(key, 60)!] = cleanJson(item, depth + 1)
    return out
  }
  return cleanText(value, 200)
}

/** The request's user, if any (never authenticates on its own). */
export function requestUser(ctx: HttpContext): User | undefined {
  const auth = (ctx as { auth?: HttpContext['auth'] }).auth
  if (!auth) return undefined
  try {
    return (auth.user ?? auth.use().user) as User | undefined
  } catch {
    return undefined
  }
}

/** Appends one audit row. Never throws. */
export async function recordAudit(ctx: HttpContext | null, entry: AuditEntry): Promise<void> {
  try {
    const user = entry.user === undefined ? (ctx ? requestUser(ctx) : undefined) : entry.user
    const request = ctx?.request
    await db.insertQuery().table('audit_logs').insert({
      at: new Date(),
      user_id: user?.id ?? null,
      user_name: cleanText(user?.name),
      role: cleanText(user?.role),
      region_id: user?.regionId ?? null,
      ip: request ? cleanText(request.ip(), 64) : null,
      user_agent: request ? cleanText(request.header('user-agent'), 300) : null,
      request_id: request ? cleanText(request.id(), 64) : null,
      action: entry.action,
      route: cleanText(ctx?.route?.name, 100),
      method: request ? cleanText(request.method(), 10) : null,
      path: request ? cleanText(request.url(), 300) : null,
      target: cleanText(entry.target),
      outcome: entry.outcome,
      status: entry.status ?? null,
      detail: JSON.stringify(cleanJson(entry.detail ?? {})),
    })
  } catch (error) {
    ;(ctx?.logger ?? logger).error({ err: error, action: entry.action }, 'audit log write failed')
  }
}

/**
 * For 权限管理: call after a user's feature grants changed (in or after the transaction that changed
 * them). `added` / `removed` are feature codes.
 */
export async function auditGrantChange(
  ctx: HttpContext | null,
  change: { targetUserId: number; added: readonly string[]; removed: readonly string[]; targetUserName?: string }
): Promise<void> {
  await recordAudit(ctx, {
    action: 'grant_change',
    outcome: 'success',
    status: 200,
    target: `users/${change.targetUserId}${change.targetUserName ? ` ${change.targetUserName}` : ''}`,
    detail: { target_user_id: change.targetUserId, added: [...change.added], removed: [...change.removed] },
  })
}

/**
 * The audit log's 对象 of a request to an API route: its module's name and the route's declared label
 * (`备案情况 · 导出备案情况统计`), with the record id where the route has one (`备案情况 · 变更备案 #12`).
 * `route` is the router's name (`api.` + the declared name). Null for a route nobody declared.
 */
export function routeTarget(route: string | null | undefined, params?: Record<string, unknown> | null): string | null {
  const declared = route?.startsWith('api.') ? routeByName(route.slice(4)) : undefined
  if (!declared) return null
  const id = params?.id
  return `${declared.module.name} · ${declared.label}${typeof id === 'number' || typeof id === 'string' ? ` #${id}` : ''}`
}

/** 2xx success; 401/403/404 denied; anything else a failure. */
export function outcomeOf(status: number): AuditOutcome {
  if (status >= 200 && status < 400) return 'success'
  if (status === 401 || status === 403 || status === 404) return 'denied'
  return 'failure'
}
