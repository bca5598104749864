/*
| The bidding platform's inbound API (docs/tenders.md → 招标投标进度查询): the shared HMAC secret and the
| timestamp window. Outside production the secret defaults to the local stub's (backend/stubs/bidding_stub.ts);
| in production BIDDING_WEBHOOK_SECRET must be set.
*/
import { DEV_BIDDING_SECRET } from '#modules/tenders/bidding_signature'

type Env = Record<string, string | undefined>

export interface BiddingConfig {
  secret: string
  /** seconds a request's timestamp may differ from the platform's clock, either way */
  windowSeconds: number
}

export function biddingConfig(env: Env = process.env): BiddingConfig {
  const secret = env.BIDDING_WEBHOOK_SECRET?.trim()
  if (!secret && env.NODE_ENV === 'production') throw new Error('BIDDING_WEBHOOK_SECRET must be set in production (see docs/tenders.md)')
  const window = Number(env.BIDDING_WEBHOOK_WINDOW_SECONDS?.trim() || 300)
  return { secret: secret || DEV_BIDDING_SECRET, windowSeconds: Number.isFinite(window) && window > 0 ? window : 300 }
}
