/*
|--------------------------------------------------------------------------
| Liveness and readiness (for a load balancer or Kubernetes probes)
|--------------------------------------------------------------------------
|
| Liveness: the process answers — nothing else is checked (a dependency being down must not get the
| API restarted). Readiness: PostgreSQL (`select 1`), Redis (PING), ClickHouse (`SELECT 1`) and the
| outbox lag (events after the ETL watermark, and the age of the oldest) — each with a short timeout,
| all at once, so the answer comes within about a second even when a dependency hangs.
*/
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'

export interface CheckResult {
  ok: boolean
  /** how long the check took, in ms */
  ms: number
  /** why it failed (English, for operators) */
  error?: string
  [detail: string]: unknown
}

export interface Readiness {
  status: 'ok' | 'unavailable'
  /** the names of the failed checks */
  failed: string[]
  checks: Record<'postgres' | 'redis' | 'clickhouse' | 'outbox', CheckResult>
}

export interface ReadinessOptions {
  /** per-check timeout (READY_CHECK_TIMEOUT_MS, default 800) */
  timeoutMs: number
  /** more undrained outbox events than this is not ready (READY_OUTBOX_MAX_EVENTS, default 50 000) */
  maxOutboxEvents: number
  /** an undrained outbox event older than this is not ready (READY_OUTBOX_MAX_AGE_SECONDS, default 300) */
  maxOutboxAgeSeconds: number
}

export function readinessOptions(): ReadinessOptions {
  return {
    timeoutMs: env.get('READY_CHECK_TIMEOUT_MS') ?? 800,
    maxOutboxEvents: env.get('READY_OUTBOX_MAX_EVENTS') ?? 50_000,
    maxOutboxAgeSeconds: env.get('READY_OUTBOX_MAX_AGE_SECONDS') ?? 300,
  }
}

/** Runs `probe` with a deadline; a throw or the deadline is a failed check, never an exception. */
async function check(timeoutMs: number, probe: () => Promise<Record<string, unknown> | void>): Promise<CheckResult> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  const ms = () => Math.round(performance.now() - started)
  try {
    const details = await Promise.race([probe(), deadline])
    return { ok: true, ms: ms(), ...(details ?? {}) }
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error)
    const code = (error as { code?: unknown }).code
    return { ok: false, ms: ms(), error: typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message, ...((error as { details?: object }).details ?? {}) }
  } finally {
    clearTimeout(timer)
  }
}

/** Undrained outbox events (after the ETL watermark) and the age of the oldest, in seconds. */
export async function outboxLag(): Promise<{ events: number; oldestAgeSeconds: number | null }> {
  const result = await db.rawQuery(
    `select count(*)::int as events, extract(epoch from now() - min(created_at))::float as age
       from outbox_events
      where id > coalesce((select last_id from etl_watermarks where name = 'outbox'), 0)`
  )
  const row = result.rows[0] as { events: number; age: number | null }
  return { events: row.events, oldestAgeSeconds: row.age === null ? null : Math.round(row.age) }
}

export async function readiness(options: ReadinessOptions = readinessOptions()): Promise<Readiness> {
  const { timeoutMs } = options
  const [postgres, redisCheck, clickhouse, outbox] = await Promise.all([
    check(timeoutMs, async () => {
      await db.rawQuery('select 1')
    }),
    check(timeoutMs, async () => {
      await redis.connection('main').ioConnection.ping()
    }),
    check(timeoutMs, async () => {
      const warehouse = await app.container.make('warehouse')
      await warehouse.query({ sql: 'SELECT 1 AS ok', params: {}, mode: 'literal' })
    }),
    check(timeoutMs, async () => {
      const lag = await outboxLag()
      const details = { ...lag, maxEvents: options.maxOutboxEvents, maxAgeSeconds: options.maxOutboxAgeSeconds }
      if (lag.events > options.maxOutboxEvents || (lag.oldestAgeSeconds ?? 0) > options.maxOutboxAgeSeconds) {
        throw Object.assign(new Error('the warehouse lags behind the outbox'), { details })
      }
      return details
    }),
  ])
  const checks = { postgres, redis: redisCheck, clickhouse, outbox }
  const failed = Object.entries(checks).filter(([, result]) => !result.ok).map(([name]) => name)
  return { status: failed.length ? 'unavailable' : 'ok', failed, checks }
}
