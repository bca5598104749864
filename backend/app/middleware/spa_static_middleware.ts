import path from 'node:path'
import { existsSync } from 'node:fs'
import sirv from 'sirv'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Serves the built PC app at `/` and the WeChat H5 at `/m/`, falling back to each app's
 * index.html for client-side routes. API paths are never touched.
 */
const root = env.get('STATIC_ROOT') ?? app.makePath('..')
const options = { single: true, dev: false, etag: true, gzip: false, brotli: false, immutable: false } as const
const apps = [
  { prefix: '/m', dir: path.join(root, 'mobile/dist') },
  { prefix: '', dir: path.join(root, 'dashboards/dist') },
].map((entry) => ({ ...entry, serve: existsSync(entry.dir) ? sirv(entry.dir, options) : null }))

export default class SpaStaticMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    const method = ctx.request.method()
    if ((method !== 'GET' && method !== 'HEAD') || url.startsWith('/api/')) return next()

    const target = apps.find((entry) => entry.prefix === '' || url === entry.prefix || url.startsWith(entry.prefix + '/'))
    if (!target?.serve) return next()

    const raw = ctx.request.request
    const originalUrl = raw.url!
    raw.url = originalUrl.slice(target.prefix.length) || '/'
    ctx.response.response.setHeader('Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'")
    await new Promise<void>((resolve) => {
      target.serve!(raw, ctx.response.response, () => resolve())
      ctx.response.response.once('finish', () => resolve())
    })
    raw.url = originalUrl
    if (!ctx.response.response.writableEnded) return next()
  }
}
