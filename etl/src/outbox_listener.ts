/**
 * Wakes the outbox drain when a writer commits.
 *
 * Writers call `pg_notify(OUTBOX_CHANNEL, '')` in the transaction that appends outbox rows
 * (`appendOutboxEvents`); PostgreSQL delivers it only at COMMIT, and folds duplicates within one
 * transaction. This listener holds one dedicated connection with `LISTEN`, and calls `wake` for each
 * notification — coalesced in process: while one `wake` is in flight, any further notifications
 * cause exactly one more `wake` after it (never zero: the in-flight one may have been queued before
 * the commit that notified). The queue side coalesces again across processes (`wakeDrainOutbox`).
 *
 * A dropped connection (server restart, `pg_terminate_backend`, network) is logged and re-opened with
 * exponential backoff; every (re)connect wakes one drain to catch up on what was committed while no one
 * was listening. The safety-net scheduler covers a listener that stays down.
 */
import pg from 'pg'
import { OUTBOX_CHANNEL } from './outbox.ts'
import type { DrainTrigger } from './queues.ts'

export type OutboxListenerOptions = {
  databaseUrl: string
  /** Adds one drain job (normally `wakeDrainOutbox(queue, trigger)`). Errors are logged, not thrown. */
  wake: (trigger: Extract<DrainTrigger, 'notify' | 'listen'>) => Promise<void>
  applicationName?: string
  /** Reconnect backoff: first delay, doubled per failed attempt up to maxMs (defaults 250 ms … 10 s). */
  backoff?: { initialMs?: number; maxMs?: number }
  log?: (line: string) => void
}

export type OutboxListenerStats = {
  /** successful LISTENs (1 after start, +1 per reconnect) */
  connects: number
  /** connections lost after LISTEN */
  disconnects: number
  notifications: number
  /** wake calls made (≤ notifications + connects) */
  wakes: number
}

export type OutboxListener = {
  /** Connects and LISTENs; resolves once listening (retries with backoff until then or close). */
  start(): Promise<void>
  /** Stops listening and reconnecting; waits for an in-flight wake. */
  close(): Promise<void>
  /** Backend pid of the current listening connection (undefined while disconnected). */
  readonly pid: number | undefined
  readonly stats: Readonly<OutboxListenerStats>
}

export function createOutboxListener(options: OutboxListenerOptions): OutboxListener {
  const log = options.log ?? ((line: string) => console.log(`[etl] ${line}`))
  const initialMs = options.backoff?.initialMs ?? 250
  const maxMs = options.backoff?.maxMs ?? 10_000
  const stats: OutboxListenerStats = { connects: 0, disconnects: 0, notifications: 0, wakes: 0 }

  let client: pg.Client | undefined
  let pid: number | undefined
  let closed = false
  let attempt = 0
  let retryTimer: NodeJS.Timeout | undefined
  let connectWaiters: Array<() => void> = []
  let resolveClosed: () => void = () => {}
  const closedSignal = new Promise<void>((resolve) => {
    resolveClosed = resolve
  })
  const nextConnect = () => new Promise<void>((resolve) => connectWaiters.push(resolve))

  // in-process coalescing of wake calls
  let inFlight: Promise<void> | undefined
  let pending: Extract<DrainTrigger, 'notify' | 'listen'> | undefined

  function requestWake(trigger: Extract<DrainTrigger, 'notify' | 'listen'>): void {
    if (closed) return
    if (inFlight) {
      pending = pending === 'listen' ? 'listen' : trigger
      return
    }
    stats.wakes++
    inFlight = options.wake(trigger)
      .catch((error: unknown) => log(`outbox listener: waking the drain failed: ${message(error)}`))
      .finally(() => {
        inFlight = undefined
        const next = pending
        pending = undefined
        if (next) requestWake(next)
      })
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return
    const delay = Math.min(maxMs, initialMs * 2 ** attempt)
    attempt++
    log(`outbox listener: reconnecting in ${delay} ms (attempt ${attempt})`)
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void connect()
    }, delay)
  }

  function onLost(lost: pg.Client, reason: string): void {
    if (client !== lost) return // already handled (error is followed by end)
    const wasListening = pid !== undefined
    client = undefined
    pid = undefined
    lost.removeAllListeners('notification')
    lost.end().catch(() => {})
    if (closed) return
    if (wasListening) stats.disconnects++
    log(`outbox listener: connection lost (${reason})`)
    scheduleReconnect()
  }

  async function connect(): Promise<boolean> {
    if (closed) return false
    const next = new pg.Client({ connectionString: options.databaseUrl, application_name: options.applicationName ?? 'szpm-etl-outbox-listener', keepAlive: true })
    // an 'error' without a listener would crash the process
    next.on('error', (error) => onLost(next, error.message))
    next.on('end', () => onLost(next, 'connection ended'))
    next.on('notification', (notification) => {
      if (notification.channel !== OUTBOX_CHANNEL) return
      stats.notifications++
      requestWake('notify')
    })
    client = next
    try {
      await next.connect()
      const { rows } = await next.query<{ pid: number }>('select pg_backend_pid() as pid')
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`)
      if (closed || client !== next) {
        await next.end().catch(() => {})
        return false
      }
      pid = rows[0].pid
      attempt = 0
      stats.connects++
      log(`outbox listener: LISTEN ${OUTBOX_CHANNEL} (backend pid ${pid}${stats.connects > 1 ? ', reconnected' : ''})`)
      const waiters = connectWaiters
      connectWaiters = []
      for (const resolve of waiters) resolve()
      // catch up on anything committed while no one listened
      requestWake('listen')
      return true
    } catch (error) {
      if (client === next) {
        client = undefined
        next.removeAllListeners('notification')
        await next.end().catch(() => {})
        if (!closed) {
          log(`outbox listener: connect failed: ${message(error)}`)
          scheduleReconnect()
        }
      }
      return false
    }
  }

  return {
    get pid() {
      return pid
    },
    stats,
    async start() {
      const connected = nextConnect()
      if (!(await connect()) && !closed) await Promise.race([connected, closedSignal])
    },
    async close() {
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = undefined
      const current = client
      client = undefined
      pid = undefined
      resolveClosed()
      if (current) {
        current.removeAllListeners('notification')
        await current.end().catch(() => {})
      }
      await inFlight
    },
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
