/*
| Session lifetime rules of the PC and H5 sign-in (module 2):
|
|  - idle timeout: the session store's own age (config/session.ts, 30 minutes, refreshed per request);
|  - absolute lifetime: the login time is stored in the session; the auth middleware rejects and
|    clears a session older than 12 hours, however active it was;
|  - "log out everywhere": every session records the user's `session_epoch` at login; bumping the
|    column (DELETE /session/all) makes every older session fail the auth middleware at its next
|    request, whichever store (redis, cookie, memory) holds it and whichever process serves it.
*/
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type User from '#models/user'

export const SESSION_LOGIN_AT = 'auth_login_at'
export const SESSION_EPOCH = 'auth_epoch'
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000

/** Time source of the lifetime check; tests may replace `now`. */
export const sessionClock = { now: () => Date.now() }

/** Logs the user in on a fresh session id and stamps the login time and the session epoch. */
export async function startSession(ctx: HttpContext, user: User) {
  user.failedLogins = 0
  user.lockedUntil = null
  user.lastLoginAt = DateTime.now()
  await user.save()
  ctx.session.regenerate()
  await ctx.auth.use('web').login(user)
  ctx.session.put(SESSION_LOGIN_AT, sessionClock.now())
  ctx.session.put(SESSION_EPOCH, user.sessionEpoch ?? 0)
}

export type SessionVerdict = 'ok' | 'expired' | 'revoked'

/**
 * Checks an authenticated session against the absolute lifetime and the user's epoch. A session
 * without the stamps (one not made by `startSession`, e.g. the test client's `loginAs`) is stamped
 * on its first request, so the rules hold for it from then on.
 */
export function checkSession(ctx: HttpContext, user: User): SessionVerdict {
  const now = sessionClock.now()
  let loginAt = Number(ctx.session.get(SESSION_LOGIN_AT))
  let epoch = ctx.session.get(SESSION_EPOCH) as number | undefined
  if (!Number.isFinite(loginAt) || loginAt <= 0) {
    loginAt = now
    ctx.session.put(SESSION_LOGIN_AT, now)
  }
  if (epoch === undefined || epoch === null) {
    epoch = user.sessionEpoch ?? 0
    ctx.session.put(SESSION_EPOCH, epoch)
  }
  if (Number(epoch) !== (user.sessionEpoch ?? 0)) return 'revoked'
  if (now - loginAt > ABSOLUTE_LIFETIME_MS) return 'expired'
  return 'ok'
}

/** Ends every session of the user (the current one included) by bumping the epoch. */
export async function revokeAllSessions(userId: number) {
  await db.from('users').where('id', userId).increment('session_epoch', 1)
}

/** Verifies with the hasher that made the stored value (argon2id now, scrypt for older hashes). */
export async function verifyPassword(stored: string, plain: string) {
  if (stored.startsWith('$scrypt$')) return hash.use('scrypt').verify(stored, plain)
  return hash.use('argon').verify(stored, plain)
}
