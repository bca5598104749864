/*
| The bidding platform's (招标投标交易平台) signature on the stages it reports to
| POST /api/v1/integrations/bidding/events (docs/tenders.md → 招标投标进度查询):
|
|   X-Bidding-Timestamp: <unix seconds>
|   X-Bidding-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
|
| The secret is shared (BIDDING_WEBHOOK_SECRET). A timestamp more than the window (default 300 s) from the
| platform's clock either way is refused (401), so a captured request cannot be replayed later; within the
| window a replayed event is recognised by its `event_id` and counted once.
|
| Plain node:crypto and erasable TypeScript only: the stub (backend/stubs/bidding_stub.ts) signs with it too.
*/
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-bidding-signature'
export const TIMESTAMP_HEADER = 'x-bidding-timestamp'
/** outside production, when BIDDING_WEBHOOK_SECRET is unset (the stub's default too) */
export const DEV_BIDDING_SECRET = 'szpm-dev-bidding-secret'

export function signBody(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`
}

export type SignatureProblem = 'missing' | 'timestamp' | 'skew' | 'signature'

/**
 * Checks a request's signature; answers null when it is good, else what is wrong. `nowSeconds` is the
 * platform's clock (tests move it).
 */
export function verifySignature(input: {
  secret: string
  timestamp: string | undefined
  signature: string | undefined
  rawBody: string
  nowSeconds: number
  windowSeconds: number
}): SignatureProblem | null {
  const { timestamp, signature } = input
  if (!timestamp || !signature) return 'missing'
  if (!/^\d{9,11}$/.test(timestamp)) return 'timestamp'
  if (Math.abs(input.nowSeconds - Number(timestamp)) > input.windowSeconds) return 'skew'
  const expected = Buffer.from(signBody(input.secret, timestamp, input.rawBody))
  const given = Buffer.from(signature.trim())
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature'
  return null
}
