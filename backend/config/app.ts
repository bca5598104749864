import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * The reverse proxies whose `X-Forwarded-For` / `-Proto` / `-Host` headers are believed: TRUSTED_PROXIES,
 * a comma list of IP addresses, CIDR ranges or proxy-addr names (`loopback`, `uniquelocal`). None by
 * default — then request.ip() is the socket's peer, whatever a client writes in X-Forwarded-For (the
 * per-IP SMS limit and the audit log's address depend on it). An invalid entry stops the boot.
 */
export function trustedProxies(list: string | undefined) {
  const entries = (list ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  return entries.length ? proxyAddr.compile(entries) : () => false
}

export const appKey = new Secret(env.get('APP_KEY').release())
export const appUrl = env.get('APP_URL')

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
