import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Headers every response carries, the built PC / H5 pages included (they are served before the router,
 * so Shield's router middleware never sees them): no MIME sniffing, no framing, no full URL in the
 * Referer sent to other sites. Every API answer (personal data, exports, statistics scoped to the
 * user) is `Cache-Control: no-store`, so neither a shared proxy nor the browser's disk cache keeps it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
}

export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const raw = ctx.response.response
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) raw.setHeader(name, value)
    if (ctx.request.url().startsWith('/api/')) raw.setHeader('Cache-Control', 'no-store')
    return next()
  }
}
