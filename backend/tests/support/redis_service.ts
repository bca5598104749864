/**
 * Helpers of the unit tests that run a service (OTP, WeChat client) against the real Redis with a
 * clock moved by hand: the clock, the error a call must reject with, and the run's keys to clean up.
 */
import type { Redis } from 'ioredis'
import type { Clock } from '#services/otp_service'

/** A clock the tests move by hand: 2026-03-10 10:00 in Shenzhen unless told otherwise. */
export class ManualClock implements Clock {
  constructor(public t = Date.parse('2026-03-10T10:00:00+08:00')) {}
  now() {
    return this.t
  }
  advance(ms: number) {
    this.t += ms
  }
}

/** The error `promise` rejects with; fails the test when it resolves or rejects with another kind. */
export async function caughtError<E extends Error>(promise: Promise<unknown>, kind: new (...args: any[]) => E): Promise<E> {
  try {
    await promise
  } catch (error) {
    if (error instanceof kind) return error
    throw error
  }
  throw new Error(`expected a ${kind.name}`)
}

/** Every key under `prefix` (SCAN, so it does not block Redis). */
export async function redisKeysUnder(client: Redis, prefix: string): Promise<string[]> {
  const found: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    cursor = next
    found.push(...batch)
  } while (cursor !== '0')
  return found
}

/** Removes what a test run left under its prefix. */
export async function deleteRedisKeysUnder(client: Redis, prefix: string): Promise<void> {
  const keys = await redisKeysUnder(client, prefix)
  if (keys.length) await client.del(...keys)
}
