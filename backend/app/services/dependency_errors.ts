/*
|--------------------------------------------------------------------------
| Errors of an unreachable dependency (ClickHouse, Redis, PostgreSQL)
|--------------------------------------------------------------------------
|
| A dependency that is down, restarting or hanging must give the user a clear 503 with a Chinese
| message and `Retry-After` — never a 500, never a wrong number. `isConnectionError` recognises the
| transport-level failures of the clients we use (Node's socket errors, @clickhouse/client's
| timeouts, ioredis' closed connection / exhausted retries); the exception handler turns any of them
| into a 503, and the statistics service turns a warehouse one into `StatisticsUnavailable`.
*/

/** Socket-level error codes: the peer is down, unreachable, or went away mid-request. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND',
  'EAI_AGAIN', 'EPIPE', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
  // PostgreSQL: the server is shutting down / restarting, or refuses connections for now
  '57P01', '57P02', '57P03',
])

const CONNECTION_MESSAGES = [
  /socket hang up/i,
  /^Timeout error\.?$/i, // @clickhouse/client request_timeout
  /connect ECONNREFUSED/i,
  /Connection is closed\.?/i, // ioredis
  /Reached the max retries per request limit/i, // ioredis MaxRetriesPerRequestError
  /Stream isn't writeable/i, // ioredis without an offline queue
  /Connection terminated/i, // node-postgres
  /Knex: Timeout acquiring a connection/i,
]

/** True when `error` (or one of its causes) is a dependency being unreachable rather than a bug. */
export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, name, message, cause, errors } = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true
    if (name === 'MaxRetriesPerRequestError') return true
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true
    // AggregateError (happy eyeballs: every address refused)
    if (Array.isArray(errors) && errors.some(isConnectionError)) return true
    current = cause
  }
  return false
}

/** A 503 the exception handler answers with its Chinese message and a `Retry-After` header. */
export class ServiceUnavailable extends Error {
  readonly status = 503
  constructor(
    message = '服务暂不可用，请稍后重试',
    readonly retryAfterSeconds = 30,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'ServiceUnavailable'
  }
}

/** The warehouse (ClickHouse) cannot be reached: statistics are unavailable, records are not. */
export class StatisticsUnavailable extends ServiceUnavailable {
  constructor(cause?: unknown) {
    super('统计服务暂时不可用，请稍后重试', 30, { cause })
    this.name = 'StatisticsUnavailable'
  }
}

/** Runs `work` against the warehouse; an unreachable warehouse becomes `StatisticsUnavailable`. */
export async function fromWarehouse<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isConnectionError(error)) throw new StatisticsUnavailable(error)
    throw error
  }
}
