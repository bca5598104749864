/*
|--------------------------------------------------------------------------
| ioredis options of the API's Redis connection
|--------------------------------------------------------------------------
|
| Redis restarted must not need an API restart. The old config gave up reconnecting after 10 tries
| (`retryStrategy` returned null ≈ 3 s after Redis went away): the client then stayed closed for
| good and every request touching Redis answered 500 `Connection is closed.` until the API was
| restarted. Now the client reconnects forever (backoff up to 2 s), and while Redis is down a command
| fails fast — after one reconnect attempt, never queued for long — so the request answers 503
| (exceptions/handler.ts) and works again as soon as Redis is back.
*/
import type { RedisOptions } from 'ioredis'

/** reconnect delay in ms after `times` failed attempts: 100 ms, 200 ms … capped at 2 s; never gives up */
export const reconnectDelay = (times: number) => Math.min(times * 100, 2000)

export const RESILIENT_REDIS_OPTIONS = {
  retryStrategy: reconnectDelay,
  // a command issued while disconnected waits for at most one reconnect attempt, then rejects
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  // a half-open socket (Redis host gone without a FIN) is noticed by keepalive
  keepAlive: 10_000,
} satisfies RedisOptions
